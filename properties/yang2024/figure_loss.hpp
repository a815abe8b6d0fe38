// The figure trainer's loss, generic in the scalar so that its gradient is checked against MPFR central differences
// (properties/yang2024/test.cpp): the forward pass over the stacked heads, a set of prompts' second moments, the
// quadratic loss of Â and its derivative in Â. See figure_training.hpp for the formulas.
#pragma once

#include <vector>

#include "core/scalar.hpp"

namespace icl::yang2024 {

// S_h = softmax_col(VᵀQ_h V_all) for every head, from one product over the stacked heads (the trainer's forward pass;
// K1 is the construction it is checked against).
template <class S>
std::vector<Mat<S>> softmax_heads(const Mat<S>& V, const Mat<S>& V_all, const std::vector<Mat<S>>& Q) {
  using std::exp;
  const Index H = Index(Q.size()), N = V.cols(), d = V.rows(), K = V_all.cols();
  Mat<S> P(H * N, d);
  for (Index h = 0; h < H; ++h) P.middleRows(h * N, N) = V.transpose() * Q[size_t(h)];
  const Mat<S> logits = P * V_all;
  std::vector<Mat<S>> out(static_cast<size_t>(H), Mat<S>(N, K));
  for (Index h = 0; h < H; ++h)
    for (Index k = 0; k < K; ++k) {
      S shift = logits(h * N, k);
      for (Index i = 1; i < N; ++i) shift = logits(h * N + i, k) > shift ? S(logits(h * N + i, k)) : shift;
      S total(0);
      for (Index i = 0; i < N; ++i) total += out[size_t(h)](i, k) = exp(S(logits(h * N + i, k) - shift));
      for (Index i = 0; i < N; ++i) out[size_t(h)](i, k) /= total;
    }
  return out;
}

// Second moments of a set of prompts' full label vectors Y (K × prompts; rows k ≤ N are the prompt labels).
template <class S>
struct LabelMoments {
  Mat<S> Syy, Syt;  // E[y yᵀ] (N × N), E[y y_fullᵀ] (N × K)
  S c;              // E||y_full||²
};
template <class S>
LabelMoments<S> label_moments(const Mat<S>& Y, Index N) {
  const S n(double(Y.cols()));
  return {Mat<S>(Y.topRows(N) * Y.topRows(N).transpose() / n), Mat<S>(Y.topRows(N) * Y.transpose() / n),
          S(Y.squaredNorm() / n)};
}

// (1/2K) E||Âᵀy − y_full||² = (1/2K) [tr(ÂᵀSyyÂ) − 2 tr(ÂᵀSyt) + c], and its derivative (SyyÂ − Syt)/K.
template <class S>
S quadratic_loss(const LabelMoments<S>& mo, const Mat<S>& A_hat) {
  const S K2(double(2 * A_hat.cols()));
  return S((A_hat.cwiseProduct(mo.Syy * A_hat).sum() - S(2) * A_hat.cwiseProduct(mo.Syt).sum() + mo.c) / K2);
}
template <class S>
Mat<S> quadratic_loss_gradient(const LabelMoments<S>& mo, const Mat<S>& A_hat) {
  return (mo.Syy * A_hat - mo.Syt) / S(double(A_hat.cols()));
}

}  // namespace icl::yang2024
