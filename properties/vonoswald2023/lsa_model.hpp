// The reference code's attention model for training (spec §2.3, §2.5), batched over tasks, generic in the scalar
// (double for training, MPFR for the gradient check). Layer l, heads h = 1..H, every token j:
//   e_j ← e_j + λ Σ_h P_h Σ_{i ≤ N} (W_V^h e_i) a_h(i, j),   a_h(i, j) = (W_K^h e_i)ᵀ(W_Q^h e_j),
// or, for softmax attention, a_h(·, j) = softmax_i((W_K^h e_i)ᵀ(W_Q^h e_j)/√k). Keys and values come from the N
// context tokens only; W_K, W_Q, W_V ∈ R^{k×D}, P_h ∈ R^{D×k} (the head's slice of the output projection); no bias,
// mask. ŷ = −(label slot of the query after the last layer). With `clip`, every token is clipped to [−10, 10] after
// every layer (the code does so for K > 3).
// With `layer_norm` (C36; the code's use_layer_norm), keys, values and queries are read from LN(e) instead of e, where
// LN(e) = γ ⊙ (e − μ(e))/√(σ²(e) + 10⁻⁵) + β over the token's D coordinates (Haiku's LayerNorm with scale and offset);
// the residual adds to e itself. The tied model normalises before every layer with one (γ, β); the untied model before
// every layer but the first, with its own (γ, β) per layer (the code's two branches). A block's (γ, β) live in its
// first head (empty everywhere else and in models without LayerNorm), so that everything that walks a head's matrices
// (the optimiser, the fixtures, the gradient checks) sees them.
#pragma once

#include <vector>

#include "core/scalar.hpp"

namespace icl::vonoswald2023 {

template <class S>
struct AttentionHead {
  Mat<S> WK, WQ, WV, P;
  Mat<S> ln_scale{}, ln_offset{};  // γ, β (D × 1) of the block's LayerNorm, in its first head only
  // Every matrix of the head, in one order (the LayerNorm's only where it has one).
  template <class F>
  void for_each(F&& f) {
    for (Mat<S>* w : {&WK, &WQ, &WV, &P}) f(*w);
    if (ln_scale.size() > 0) f(ln_scale), f(ln_offset);
  }
};
template <class S>
using HeadBlock = std::vector<AttentionHead<S>>;

template <class S>
struct LsaModel {
  Index layers = 1;
  bool tied = false, softmax = false, clip = false, layer_norm = false;
  bool norm_at(Index l) const { return layer_norm && (tied || l > 0); }
  Index softmax_layers = 0;  // the first softmax_layers layers use softmax attention (every layer when `softmax`)
  bool softmax_at(Index l) const { return softmax || l < softmax_layers; }
  S lambda = S(1);
  std::vector<HeadBlock<S>> blocks;  // one per layer; a tied model has one, applied `layers` times
  const HeadBlock<S>& block(Index l) const { return blocks[tied ? 0 : static_cast<size_t>(l)]; }
  template <class T>
  LsaModel<T> cast() const;
};

// B tasks: context tokens C (D × B·N; task b in columns bN … bN + N − 1) and query tokens Q (D × B).
template <class S>
struct TokenBatch {
  Index N = 0;
  Mat<S> C, Q;
  Index tasks() const { return Q.cols(); }
};

template <class S>
Vec<S> predict(const LsaModel<S>& m, const TokenBatch<S>& batch);
// ½·mean_b (ŷ_b − y_b)², and with `grads` its gradient (shaped like m.blocks).
template <class S>
S loss_and_gradient(const LsaModel<S>& m, const TokenBatch<S>& batch, const Vec<S>& y, std::vector<HeadBlock<S>>* grads);
// ∂ŷ_b/∂(query token of task b) as column b (D × B); rows 0 … d − 1 are ∂ŷ/∂x_test, the implicit model g of §2.4.
template <class S>
Mat<S> query_gradient(const LsaModel<S>& m, const TokenBatch<S>& batch);

// The sensitivity of the first layer's output tokens to its input context tokens (spec §7, the code's `analyse_copy`):
// row k, column j holds ‖mean_b ∂(Σ_c h1[k, c])/∂e_j‖₂ over the tasks b of the batch, for k = 0 … N − 2 and
// j = 0 … N − 1 (N = batch.N context tokens; h1 includes the residual, so ∂h1[k]/∂e_k carries the identity).
template <class S>
Mat<S> first_layer_sensitivity(const LsaModel<S>& m, const TokenBatch<S>& batch);

template <class S>
template <class T>
LsaModel<T> LsaModel<S>::cast() const {
  LsaModel<T> out;
  out.layers = layers;
  out.tied = tied;
  out.softmax = softmax;
  out.clip = clip;
  out.layer_norm = layer_norm;
  out.softmax_layers = softmax_layers;
  out.lambda = T(lambda);
  for (const auto& b : blocks) {
    out.blocks.emplace_back();
    for (const auto& h : b)
      out.blocks.back().push_back({h.WK.template cast<T>(), h.WQ.template cast<T>(), h.WV.template cast<T>(),
                                   h.P.template cast<T>(), h.ln_scale.template cast<T>(), h.ln_offset.template cast<T>()});
  }
  return out;
}

}  // namespace icl::vonoswald2023
