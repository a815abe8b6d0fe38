// The paper's closed forms (spec §2.3), exactly, for drawn dictionaries and prompts: G = ZᵀZ + mτI_N,
// A = G⁻¹(ZᵀZ_all + mτ[I_N, 0]), the irreducible constants L*_R and L*_P, ridge λ̂ = ZG⁻¹y (penalty mτ, dual form),
// the noise-averaged λ̂_τ = (ZZᵀ + NτI_m)⁻¹Zy, and the predictors ŷ*, ŷ_best. The oracles they are compared with are in
// oracles/ridge (moments from the data model, primal LDLᵀ and QR ridge).
#pragma once

#include <string>

#include <fmt/format.h>

#include "core/random.hpp"
#include "core/scalar.hpp"
#include "oracles/newton.hpp"

namespace icl::yang2024 {

struct Instance {
  Mat<Rational> Z_all;  // m × K, columns z_k = f(v_k)
  Index N = 1;          // prompt tokens z_1 … z_N
  Rational tau;         // Σ_ε = τ I_m
  Index m() const { return Z_all.rows(); }
  Index K() const { return Z_all.cols(); }
  Mat<Rational> Z() const { return Z_all.leftCols(N); }
  Mat<Rational> Z_Q() const { return Z_all.rightCols(K() - N); }
  std::string str() const {
    return fmt::format("m = {}, N = {}, K = {}, τ = {}", m(), N, K(), tau.str());
  }
};

inline Rational small_rational(Rng& rng) { return random_fraction(rng, -9, 9, 1, 9); }

inline Instance draw_instance(Rng& rng, Index m, Index N, Index K, const Rational& tau) {
  Instance in{Mat<Rational>(m, K), N, tau};
  for (Index i = 0; i < in.Z_all.size(); ++i) in.Z_all(i) = small_rational(rng);
  return in;
}

inline Rational m_tau(const Instance& in) { return Rational(long(in.m())) * in.tau; }

// ZᵀZ + ρI_N; the paper's G is ρ = mτ.
inline Mat<Rational> gram_plus(const Instance& in, const Rational& rho) {
  Mat<Rational> g = in.Z().transpose() * in.Z();
  for (Index i = 0; i < in.N; ++i) g(i, i) += rho;
  return g;
}
inline Mat<Rational> G(const Instance& in, bool with_m_tau = true) { return gram_plus(in, with_m_tau ? m_tau(in) : Rational(0)); }

// A = (ZᵀZ + ρI)⁻¹(ZᵀZ_all + ρ[I_N, 0]); the paper's A is ρ = mτ, whose column k is a_k*.
inline Mat<Rational> A_with_penalty(const Instance& in, const Rational& rho) {
  Mat<Rational> rhs = in.Z().transpose() * in.Z_all;
  for (Index i = 0; i < in.N; ++i) rhs(i, i) += rho;
  return oracle::flint_solve(gram_plus(in, rho), rhs);
}
inline Mat<Rational> A_star(const Instance& in, bool with_m_tau = true) {
  return A_with_penalty(in, with_m_tau ? m_tau(in) : Rational(0));
}

// L*_R = (1/2K) Σ_{k>N} (‖z_k‖² + mτ − z_kᵀ Z G⁻¹ Zᵀ z_k); L*_P the same without the mτ.
inline Rational irreducible_loss(const Instance& in, bool with_m_tau) {
  const Mat<Rational> ZtZQ = in.Z().transpose() * in.Z_Q();
  const Mat<Rational> W = oracle::flint_solve(G(in), ZtZQ);  // G⁻¹ Zᵀ Z_Q
  Rational s(0);
  for (Index k = 0; k < in.K() - in.N; ++k) {
    s += in.Z_Q().col(k).squaredNorm() - ZtZQ.col(k).dot(W.col(k));
    if (with_m_tau) s += m_tau(in);
  }
  return s / Rational(2 * long(in.K()));
}

// λ̂ = Z G⁻¹ y (ridge with penalty mτ, dual form).
inline Vec<Rational> ridge_dual(const Instance& in, const Vec<Rational>& y) {
  return in.Z() * oracle::flint_solve(G(in), Mat<Rational>(y)).col(0);
}

// λ̂_τ = (ZZᵀ + NτI_m)⁻¹ Z y.
inline Vec<Rational> ridge_noise_averaged(const Instance& in, const Vec<Rational>& y) {
  Mat<Rational> P = in.Z() * in.Z().transpose();
  for (Index a = 0; a < in.m(); ++a) P(a, a) += Rational(long(in.N)) * in.tau;
  return oracle::flint_solve(P, Mat<Rational>(in.Z() * y)).col(0);
}

// (y_1 … y_N, λᵀz_{N+1} … λᵀz_K).
inline Vec<Rational> predictor(const Instance& in, const Vec<Rational>& y, const Vec<Rational>& lambda) {
  Vec<Rational> out(in.K());
  out.head(in.N) = y;
  out.tail(in.K() - in.N) = in.Z_Q().transpose() * lambda;
  return out;
}

// One prompt's labels y_1 … y_N from λ and feature noise ε (m × N), exactly.
struct PromptDraw {
  Vec<Rational> lambda, y;
};
inline PromptDraw draw_prompt(const Instance& in, Rng& rng) {
  PromptDraw p{Vec<Rational>(in.m()), Vec<Rational>(in.N)};
  for (Index a = 0; a < in.m(); ++a) p.lambda(a) = small_rational(rng);
  for (Index i = 0; i < in.N; ++i) {
    Vec<Rational> noise(in.m());
    for (Index a = 0; a < in.m(); ++a) noise(a) = small_rational(rng) * Rational(1, 10);
    p.y(i) = p.lambda.dot(Vec<Rational>(in.Z_all.col(i) + noise));
  }
  return p;
}

}  // namespace icl::yang2024
