// The trained model's population loss: K1's a_k = C_kω_k put into O2's moments,
//   L(θ) = (1/2K) Σ_k (a_kᵀ E_NN a_k − 2a_kᵀ E_{N,k} + E_kk),
// for the suite's toy configuration (spec §6: d = 4, K = 8, N = 4, m = 3, τ = 1/10) with rational dictionaries
// (v_k, z_k independent), Gaussian Q_h (β = 1) and Gaussian w_h.
#pragma once

#include <vector>

#include <fmt/format.h>

#include "constructions/yang2024/multihead.hpp"
#include "oracles/ridge.hpp"
#include "properties/yang2024/family.hpp"
#include "properties/yang2024/ridge_forms.hpp"

namespace icl::yang2024 {

struct ModelCase {
  Instance in;          // z_k
  Mat<Rational> V_all;  // d × K, v_k
  Mat<Rational> E;      // O2 moments, K × K
  std::vector<Mat<double>> Q;
  Mat<double> W;  // H × K
  std::string str() const { return fmt::format("{}, d = {}, H = {}", in.str(), V_all.rows(), Q.size()); }
};

inline ModelCase model_case(Context& ctx, Rng& rng, Index d, Index m, Index N, Index K, Index H) {
  ModelCase c{draw_instance(rng, m, N, K, Rational(1, 10)), Mat<Rational>(d, K), {}, {}, Mat<double>(H, K)};
  for (Index i = 0; i < c.V_all.size(); ++i) c.V_all(i) = small_rational(rng) * Rational(1, 3);
  c.E = oracle::label_second_moments(c.in.Z_all, {c.in.tau, ctx.broken(defects::ScalarLabelNoise)});
  for (Index h = 0; h < H; ++h) {
    Mat<double> q(d, d);
    for (Index i = 0; i < q.size(); ++i) q(i) = rng.normal();
    c.Q.push_back(q);
  }
  for (Index i = 0; i < c.W.size(); ++i) c.W(i) = rng.normal();
  return c;
}

template <class S>
Prompt<S> model_prompt(const ModelCase& c) {
  // The labels never enter a_k: any y gives the same C_k; zeros keep the layout honest.
  return yang::token_layout<S>(cast_matrix<S>(c.V_all), Vec<S>::Zero(c.in.N));
}

// The loss at (Q, W) from the C_k, in S.
template <class S>
S model_loss(const ModelCase& c, const std::vector<Mat<S>>& C, const Mat<S>& W, bool over_K) {
  const Mat<S> E = cast_matrix<S>(c.E);
  const Index N = c.in.N, K = c.in.K();
  S total(0);
  for (Index k = 0; k < K; ++k) {
    const Vec<S> a = C[size_t(k)] * W.col(k);
    total += a.dot(E.topLeftCorner(N, N) * a) - S(2) * a.dot(E.col(k).head(N)) + E(k, k);
  }
  return total / S(double(over_K ? K : 2 * K));
}

template <class S>
std::vector<Mat<S>> cast_all(const std::vector<Mat<double>>& Q) {
  std::vector<Mat<S>> out;
  for (const auto& q : Q) out.push_back(q.cast<S>());
  return out;
}

}  // namespace icl::yang2024
