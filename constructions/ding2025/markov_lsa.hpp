// Ding et al. 2025 constructions (spec ding2025 §2.2–2.8, §3), generic in the scalar.
//   K1 one-layer LSA Z ← Z + (1/n) P Z M (Zᵀ Q Z), M = diag(1_n, 0), from full (P, Q): the project's LsaLayer with
//      one head W_V = W_K = I, W_Q = Q, projection P, λ = 1/n and the context columns as keys; TF(Z) = Z_{d+1,n+1}.
//   K2 φ(b, A) ∈ R^{dm} (X[(j−1)m + ρ(k,l)] = b_k A_lj + b_l A_kj for k < l, b_k A_kk for k = l) and the query
//      features x_{n+1} ⊗ g.
//   K3 the d = 1 preimage of X with X2² ≥ 4X1X3.
//   K4 an eq. 11 layer: P = [0; bᵀ], Q = [A | 0], A = −[Ā; aᵀ].
#pragma once

#include "constructions/guard.hpp"

#include "constructions/attention.hpp"

namespace icl::ding {

Index pair_count(Index d);                 // m = (d + 1)(d + 2)/2
Index pair_index(Index k, Index l, Index d);  // ρ(k, l), 1-based, k ≤ l

// Prompt [x_1 … x_{n+1}; y_1 … y_n 0]: X is d×(n+1), y is 1×n.
template <class S>
Prompt<S> markov_prompt(const Mat<S>& X, const Mat<S>& y);
template <class S>
LsaLayer<S> lsa_layer(const Mat<S>& P, const Mat<S>& Q, Index n);
template <class S>
S readout(const Prompt<S>& Z);  // Z_{d+1, n+1}

template <class S>
Vec<S> phi(const Vec<S>& b, const Mat<S>& A);
// x_{n+1} ⊗ g with g_ρ(k,l) = G_kl, G = (1/n) Σ_{i ≤ n} z_i z_iᵀ, read off the prompt.
template <class S>
Vec<S> query_features(const Prompt<S>& Z);

// K4: eq. 11 layer from b ∈ R^{d+1}, Ā ∈ R^{d×d}, a ∈ R^d.
template <class S>
LsaLayer<S> subspace_layer(const Vec<S>& b, const Mat<S>& Abar, const Vec<S>& a, Index n);

// K3 (d = 1): (b, a) with φ(b, a) = X when disc(X) = X2² − 4X1X3 ≥ 0; `root` is a real root t of X1t² − X2t + X3
// (its computation is the caller's: exact when disc is a rational square, MPFR otherwise). X1 = 0 needs no root.
template <class S>
std::pair<Vec<S>, Mat<S>> preimage_d1(const Vec<S>& X, const S& root);

}  // namespace icl::ding
