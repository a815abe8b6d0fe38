// The two nonlinearities of a standard transformer, generic in the scalar: LayerNorm (Haiku's and GPT-2's, with scale
// and offset) and the tanh GELU (jax.nn.gelu's approximate form, GPT-2's), each with its derivative.
#pragma once

#include <cmath>

#include "core/scalar.hpp"

namespace icl::training {

inline constexpr double kNormEpsilon = 1e-5;  // Haiku's and PyTorch's LayerNorm default

// LN of every column: γ ⊙ x̂ + β with x̂ = (x − μ)·s, s = 1/√(σ² + ε) over the D coordinates (x̂ and s kept).
template <class S>
Mat<S> normalise(const Mat<S>& X, const Mat<S>& gamma, const Mat<S>& beta, Mat<S>& xhat, Mat<S>& inv) {
  using std::sqrt;
  const Index D = X.rows();
  xhat.resize(D, X.cols());
  inv.resize(1, X.cols());
  Mat<S> out(D, X.cols());
  for (Index j = 0; j < X.cols(); ++j) {
    const S mu = X.col(j).sum() / S(double(D));
    S var(0);
    for (Index i = 0; i < D; ++i) var += (X(i, j) - mu) * (X(i, j) - mu);
    inv(0, j) = S(1) / sqrt(S(var / S(double(D)) + S(kNormEpsilon)));
    for (Index i = 0; i < D; ++i) {
      xhat(i, j) = (X(i, j) - mu) * inv(0, j);
      out(i, j) = gamma(i) * xhat(i, j) + beta(i);
    }
  }
  return out;
}

// Backward through normalise: G = ∂/∂LN(X) gives ∂/∂X = s·(ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)), ĝ = γ ⊙ G, per column;
// ∂/∂γ = Σ_j G ⊙ x̂ and ∂/∂β = Σ_j G are added to dgamma, dbeta (when given).
template <class S>
Mat<S> normalise_backward(const Mat<S>& G, const Mat<S>& gamma, const Mat<S>& xhat, const Mat<S>& inv, Mat<S>* dgamma,
                          Mat<S>* dbeta) {
  const Index D = G.rows();
  Mat<S> dX(D, G.cols());
  for (Index j = 0; j < G.cols(); ++j) {
    S mean_g(0), mean_gx(0);
    for (Index i = 0; i < D; ++i) {
      const S g = G(i, j) * gamma(i);
      mean_g += g;
      mean_gx += g * xhat(i, j);
    }
    mean_g /= S(double(D));
    mean_gx /= S(double(D));
    for (Index i = 0; i < D; ++i) dX(i, j) = inv(0, j) * (G(i, j) * gamma(i) - mean_g - xhat(i, j) * mean_gx);
  }
  if (dgamma) {
    *dgamma += G.cwiseProduct(xhat).rowwise().sum();
    *dbeta += G.rowwise().sum();
  }
  return dX;
}

// ½z(1 + tanh(c(z + 0.044715 z³))), c = √(2/π), and its derivative; a pass that keeps t = tanh(c(z + 0.044715 z³))
// from the forward computes the derivative from it (the same values, one tanh fewer).
template <class S>
struct Gelu {
  S c = sqrt_two_over_pi();
  S k = S(0.044715);
  S inner_tanh(const S& z) const {
    using std::tanh;
    return tanh(S(c * (z + k * z * z * z)));
  }
  S value(const S& z, const S& t) const { return S(0.5) * z * (S(1) + t); }
  S derivative(const S& z, const S& t) const {
    return S(0.5) * (S(1) + t) + S(0.5) * z * (S(1) - t * t) * c * (S(1) + S(3) * k * z * z);
  }
  S operator()(const S& z) const { return value(z, inner_tanh(z)); }
  S derivative(const S& z) const { return derivative(z, inner_tanh(z)); }
  static S sqrt_two_over_pi() {
    using std::atan, std::sqrt;
    return sqrt(S(S(2) / (S(4) * atan(S(1)))));
  }
};

}  // namespace icl::training
