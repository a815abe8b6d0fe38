// Giannou et al. O4/O5: ℓ2-regularised logistic regression (spec §2.4) and damped Newton, from the
// definitions, generic in the scalar (MPFR and double for runs, Arb balls for certificates; the formulas
// "from p" also on exact rationals and the degree tracker, with p_i as free variables).
//   f(x) = (1/n) Σ_i log(1 + exp(−y_i a_i^T x)) + (μ/2)||x||²,   p_i = σ(−y_i a_i^T x)
//   ∇f = −(1/n) Σ_i y_i p_i a_i + μx,   ∇²f = (1/n) A^T D A + μI,  D = diag(p_i(1 − p_i))
//   damped Newton on g = f/(4μ): x⁺ = x − η [∇²f]^{-1}∇f, η = 2√μ/(2√μ + λ_f), λ_f² = ∇f^T[∇²f]^{-1}∇f
#pragma once

#include "core/ball.hpp"
#include "core/scalar.hpp"

namespace icl::oracle {

template <class S>
struct Logistic {
  Mat<S> A;  // n×d, rows a_i^T
  Vec<S> y;  // labels ±1
  S mu;
  Index n() const { return A.rows(); }
  Index d() const { return A.cols(); }
};

// Formulas in terms of p (polynomial in every input).
template <class S>
Vec<S> gradient_from_p(const Logistic<S>& L, const Vec<S>& p, const Vec<S>& x);
template <class S>
Mat<S> hessian_from_p(const Logistic<S>& L, const Vec<S>& p);
// D³f(x)[u, u, u] = (1/n) Σ_i p_i(1 − p_i)(1 − 2p_i)(−y_i a_i^T u)³.
template <class S>
S third_from_p(const Logistic<S>& L, const Vec<S>& p, const Vec<S>& u);

// With p computed from x (scalars with exp: MPFR, double, Ball).
template <class S>
Vec<S> probabilities(const Logistic<S>& L, const Vec<S>& x);
template <class S>
S objective(const Logistic<S>& L, const Vec<S>& x);
template <class S>
Vec<S> gradient(const Logistic<S>& L, const Vec<S>& x);
template <class S>
Mat<S> hessian(const Logistic<S>& L, const Vec<S>& x);

template <class S>
Vec<S> solve(const Mat<S>& H, const Vec<S>& b);  // LU for MPFR/double
template <>
Vec<Ball> solve<Ball>(const Mat<Ball>& H, const Vec<Ball>& b);  // arb_mat_solve; throws if uncertain

template <class S>
struct NewtonStep {
  Vec<S> direction;  // [∇²f]^{-1}∇f (the same for f and g = f/(4μ))
  S lambda_f, lambda_g, eta;
  Vec<S> next;  // x − η·direction
};
template <class S>
NewtonStep<S> damped_newton_step(const Logistic<S>& L, const Vec<S>& x);
template <class S>
S omega(const S& t);  // ω(t) = t − ln(1 + t)

// O4: the minimiser, by damped Newton until λ_g < 1/4, then full Newton steps until ||∇f||_∞ ≤ tol.
template <class S>
Vec<S> minimize(const Logistic<S>& L, Vec<S> x0, const S& tol, int max_steps = 400);

}  // namespace icl::oracle
