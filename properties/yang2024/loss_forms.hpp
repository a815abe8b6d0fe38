// C2, C3, C18, C23: the population loss of the linear predictor ŷ_k = yᵀa_k from O2's moments, against Lemma 5's
// G-weighted form (1/2K) Σ_k (a_k − a_k*)ᵀG(a_k − a_k*) + const. θ enters the loss only through the a_k = C_kω_k, so
// an identity for every N×K matrix Â holds for every θ.
#pragma once

#include <fmt/format.h>

#include "methods/identity.hpp"
#include "oracles/ridge.hpp"
#include "properties/yang2024/family.hpp"
#include "properties/yang2024/ridge_forms.hpp"

namespace icl::yang2024 {

struct LossSetting {
  Instance in;
  Mat<Rational> E, A;  // O2 moments (K×K), A = [a_1* … a_K*]
  Rational optimum;    // the O2 loss at Â = A
};

// The loss of C2 from O2 (with the 1/K normalisation when the defect asks for it).
inline Rational o2_loss(const LossSetting& s, const Mat<Rational>& A_hat, bool over_K) {
  const Rational L = oracle::population_loss(s.E, s.in.N, A_hat);
  return over_K ? L * Rational(2) : L;
}

inline LossSetting loss_setting(Context& ctx, Rng& rng, int t) {
  const Rational taus[] = {Rational(1, 10), Rational(1, 100), Rational(1, 3)};
  LossSetting s{draw_instance(rng, 1 + t % 4, 1 + (t / 4) % 4, 1 + (t / 4) % 4 + 1 + t % 3, taus[t % 3]), {}, {}, {}};
  s.E = oracle::label_second_moments(s.in.Z_all, {s.in.tau, ctx.broken(defects::ScalarLabelNoise)});
  s.A = A_star(s.in, !ctx.broken(defects::MissingMTau));
  s.optimum = o2_loss(s, s.A, ctx.broken(defects::LossOverK));
  return s;
}

// (1/2K) ‖G^{1/2}(Â − A)‖_F² = (1/2K) tr((Â − A)ᵀ G (Â − A)).
inline Rational weighted_distance(const LossSetting& s, const Mat<Rational>& A_hat) {
  const Mat<Rational> D = A_hat - s.A;
  return (D.transpose() * G(s.in) * D).trace() / Rational(2 * long(s.in.K()));
}

inline Mat<Rational> random_A_hat(const Instance& in, Rng& rng) {
  Mat<Rational> a(in.N, in.K());
  for (Index i = 0; i < a.size(); ++i) a(i) = small_rational(rng);
  return a;
}

}  // namespace icl::yang2024
