// Yang et al. 2024 constructions (spec yang2024 §2.2, §3), generic in the scalar.
//   Token layout E = (E_P, E_Q): E_P = [V; yᵀ] (the N prompt tokens), E_Q = [v_1 … v_K; 0ᵀ] (every dictionary token as
//   a query), N + K columns; keys are the N prompt columns.
//   K1 the restricted model: head h is the project's softmax head with W_K = I_{d+1}, W_Q = blockdiag(Q_h, 0) and the
//      value row W_V = e_{d+1}ᵀ, so column N + k of its attention is s_{h,k} = softmax(VᵀQ_h v_k) and its value is
//      yᵀs_{h,k}; the output weights give ŷ_k = Σ_h w_{h,k} yᵀ s_{h,k} = yᵀ C_k ω_k.
//   K2 the general form T(E) = W^O [head_1; …; head_H], head_h = W^V_h E_P softmax((W^K_h E_P)ᵀ W^Q_h E_Q) with
//      W^V_h = 1_K e_{d+1}ᵀ (K × (d+1)) and W^O = [diag(w_1) … diag(w_H)] (K × HK); ŷ = the diagonal of T(E) ∈ R^{K×K}.
#pragma once

#include "constructions/guard.hpp"

#include <vector>

#include "constructions/attention.hpp"

namespace icl::yang {

// V_all is d × K (v_1 … v_K), y the N prompt labels.
template <class S>
Prompt<S> token_layout(const Mat<S>& V_all, const Vec<S>& y);
template <class S>
Head<S> restricted_head(const Mat<S>& Q);
// C_k = [s_{1,k} … s_{H,k}] (N × H) for k = 1 … K.
template <class S>
std::vector<Mat<S>> attention_columns(const Prompt<S>& E, const std::vector<Mat<S>>& Q, KeySet keys = KeySet::Context);
// K1: ŷ (K), W is H × K (row h is w_h).
template <class S>
Vec<S> predict(const Prompt<S>& E, const std::vector<Mat<S>>& Q, const Mat<S>& W, KeySet keys = KeySet::Context);
// K2: the general-form layer with the restricted blocks.
template <class S>
Vec<S> predict_general(const Prompt<S>& E, const std::vector<Mat<S>>& Q, const Mat<S>& W);

}  // namespace icl::yang
