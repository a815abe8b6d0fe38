// O7's gradient of a loss of Â = [a_1 … a_K], a_k = C_k ω_k = Σ_h w_{h,k} s_{h,k}, through the restricted model
// (C22's formula, which C22 checks against MPFR central differences), written per head on whole matrices:
//   S_h = [s_{h,1} … s_{h,K}] = softmax_col(VᵀQ_h V_all)                         (N × K)
//   given R = ∂loss/∂Â (N × K):  ∂/∂w_{h,k} = s_{h,k}ᵀ r_k,
//   ∂/∂Q_h = Σ_k w_{h,k} V (diag(s_{h,k}) − s_{h,k}s_{h,k}ᵀ) r_k v_kᵀ = V M_h V_allᵀ,
//   M_h = (S_h ⊙ R − S_h diag(g_h)) diag(w_h), g_h the row of ∂/∂w_h.
// For a quadratic loss (1/2K) E||Âᵀy − y_full||² with second moments Syy = E[yyᵀ] (N × N) and Syt = E[y y_fullᵀ]
// (N × K), R = (Syy Â − Syt)/K; the population loss has Syy = G, Syt = GA (Lemma 5, C2), so R = G(Â − A)/K.
#pragma once

#include <vector>

#include "core/scalar.hpp"

namespace icl::yang2024 {

template <class S>
struct HeadGradient {
  std::vector<Mat<S>> Q;  // ∂/∂Q_h (d × d)
  Mat<S> W;               // ∂/∂w_{h,k} (H × K)
};

// Â from the heads' softmax columns S_h and the output weights W (H × K).
template <class S>
Mat<S> a_hat(const std::vector<Mat<S>>& Sh, const Mat<S>& W) {
  Mat<S> A = Mat<S>::Zero(Sh.front().rows(), Sh.front().cols());
  for (size_t h = 0; h < Sh.size(); ++h) A += Sh[h] * W.row(Index(h)).transpose().asDiagonal();
  return A;
}

// V: the N prompt tokens (d × N); V_all: every token (d × K).
template <class S>
HeadGradient<S> head_gradient(const Mat<S>& V, const Mat<S>& V_all, const std::vector<Mat<S>>& Sh, const Mat<S>& W,
                              const Mat<S>& R) {
  const Index H = Index(Sh.size()), N = R.rows(), K = R.cols();
  HeadGradient<S> g{std::vector<Mat<S>>(size_t(H)), Mat<S>(H, K)};
  Mat<S> M(H * N, K);
  for (Index h = 0; h < H; ++h) {
    const Mat<S> SR = Sh[size_t(h)].cwiseProduct(R);
    g.W.row(h) = SR.colwise().sum();
    M.middleRows(h * N, N) = (SR - Sh[size_t(h)] * g.W.row(h).transpose().asDiagonal()) * W.row(h).transpose().asDiagonal();
  }
  const Mat<S> MV = M * V_all.transpose();  // (H·N) × d, one product for every head
  for (Index h = 0; h < H; ++h) g.Q[size_t(h)] = V * MV.middleRows(h * N, N);
  return g;
}

// Every entry of the Q_h and of W beside its derivative in g, in one order: what the gradient checker compares.
template <class S>
void gradient_entries(std::vector<Mat<S>>& Q, Mat<S>& W, const HeadGradient<S>& g, std::vector<S*>& entries,
                      std::vector<S>& analytic) {
  for (size_t h = 0; h < Q.size(); ++h)
    for (Index i = 0; i < Q[h].size(); ++i) entries.push_back(&Q[h](i)), analytic.push_back(g.Q[h](i));
  for (Index i = 0; i < W.size(); ++i) entries.push_back(&W(i)), analytic.push_back(g.W(i));
}

// The heads' S_h from K1's C_k (column h of C_k is s_{h,k}).
template <class S>
std::vector<Mat<S>> heads_from_columns(const std::vector<Mat<S>>& C) {
  const Index K = Index(C.size()), N = C.front().rows(), H = C.front().cols();
  std::vector<Mat<S>> Sh(size_t(H), Mat<S>(N, K));
  for (Index k = 0; k < K; ++k)
    for (Index h = 0; h < H; ++h) Sh[size_t(h)].col(k) = C[size_t(k)].col(h);
  return Sh;
}

}  // namespace icl::yang2024
