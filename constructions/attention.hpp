// Transformer layers as forward passes, generic in the scalar type. Tokens are the columns of a prompt
// matrix Z; the first n_context columns are the context, the remaining columns are queries.
// Definitions: attention_impl.hpp, instantiated once per scalar in constructions/instantiate_*.cpp.
#pragma once

#include "constructions/guard.hpp"

#include <optional>
#include <string>
#include <vector>

#include "core/scalar.hpp"

namespace icl {

template <class S>
struct Prompt {
  Mat<S> Z;
  Index n_context = 0;
  Index width() const { return Z.rows(); }
  Index tokens() const { return Z.cols(); }
};

// Which columns act as keys and values: the context only ("include_query = False"), every token, or every
// token up to and including the query's own position (a causal mask, as in GPT blocks).
enum class KeySet { Context, All, Causal };

// One head: W_K, W_Q ∈ R^{k×D}, W_V ∈ R^{v×D}, projection P ∈ R^{D×v}.
template <class S>
struct Head {
  Mat<S> WK, WQ, WV, P;
};

// Linear self-attention with residual, all tokens updated in parallel:
//   e_j ← e_j + λ Σ_h P_h W_V^h Σ_{i ∈ keys} e_i (W_K^h e_i)^T (W_Q^h e_j).
// No mask, no softmax, no 1/√k.
template <class S>
struct LsaLayer {
  std::vector<Head<S>> heads;
  S lambda = S(1);
  KeySet keys = KeySet::Context;
};

// Softmax self-attention with residual: the score (W_K e_i)^T (W_Q e_j) is multiplied by `scale`
// (1/√key_size in von Oswald's variant) and normalised by a softmax over the keys.
template <class S>
struct SoftmaxLayer {
  std::vector<Head<S>> heads;
  S scale = S(1);
  KeySet keys = KeySet::Context;
};

// Column-wise MLP block: h ← [h +] W2 relu(W1 h + b1) + b2.
template <class S>
struct MlpBlock {
  Mat<S> W1;
  Vec<S> b1;
  Mat<S> W2;
  Vec<S> b2;
  bool residual = true;
};

// A transformer layer: linear attention, then an optional residual MLP (Giannou's TF(H) = A(H) + W2σ(W1A(H))).
template <class S>
struct TransformerLayer {
  LsaLayer<S> attention;  // no heads: the identity
  std::optional<MlpBlock<S>> mlp;
  std::string name;
};

template <class S>
Prompt<S> forward(const LsaLayer<S>& layer, const Prompt<S>& in);
template <class S>
Prompt<S> forward(const TransformerLayer<S>& layer, const Prompt<S>& in);
template <class S>
Prompt<S> forward(const std::vector<LsaLayer<S>>& stack, Prompt<S> in);
template <class S>
Prompt<S> forward(const SoftmaxLayer<S>& layer, const Prompt<S>& in);
template <class S>
Mat<S> forward(const MlpBlock<S>& block, const Mat<S>& H);

// Reverse mode of an attention layer: given G = ∂loss/∂out, the gradient with respect to the input tokens, to
// every weight (same layout as the layer's heads) and to the layer's scalar (λ for LSA, the score scale for
// softmax).
template <class S>
struct AttentionGradient {
  Mat<S> dZ;
  std::vector<Head<S>> dheads;
  S dscalar;
};
template <class S>
AttentionGradient<S> backward(const LsaLayer<S>& layer, const Prompt<S>& in, const Mat<S>& G);
template <class S>
AttentionGradient<S> backward(const SoftmaxLayer<S>& layer, const Prompt<S>& in, const Mat<S>& G);

// Attention weights of one softmax head (keys × tokens), for inspection.
template <class S>
Mat<S> softmax_weights(const Head<S>& head, const S& scale, const Prompt<S>& in, KeySet keys);

}  // namespace icl
