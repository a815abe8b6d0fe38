// The standard transformer block (GPT-2's pre-LN form), generic in the scalar so that its backward pass is checked
// against MPFR central differences (training/transformer_test.cpp). For a batch of B sequences of T tokens (sequence b
// in columns bT … bT + T − 1):
//   X₀ = W_in u + b_in + p_t            (read-in and learned positions; without read-in u itself, width = in)
//   X ← X + W_O MHA(LN₁(X)) + b_O       (every block)
//   X ← X + W₂ gelu(W₁ LN₂(X) + b₁) + b₂ (blocks with an MLP)
//   X ← clip(X, −c, c)                  (with a token clip c > 0, after every block: von Oswald's K > 3 models)
//   Y = W_out LN_f(X) + b_out           (without read-out: LN_f(X), or X itself without LayerNorm)
// MHA: per head h (key size width/heads unless given), q_t = W_Q^h a_t, k_s = W_K^h a_s, v_s = W_V^h a_s; scores k_sᵀq_t/√d_k over
// the keys s ≤ t (causal) or s < keys (the first `keys` tokens of the sequence, all by default); softmax over s, or with
// linear attention the raw products k_sᵀq_t (no scale, no normalisation — von Oswald's LSA). Head outputs Σ_s a(s, t)v_s
// are stacked and mixed by W_O. Without LayerNorm, LN₁, LN₂ and LN_f are the identity.
#pragma once

#include <vector>

#include "core/random.hpp"
#include "core/scalar.hpp"

namespace icl::training {

struct TransformerShape {
  Index in = 1, out = 1, width = 8, heads = 1, hidden = 32, layers = 1, length = 1;
  Index keys = 0;  // non-causal: the first `keys` tokens are the keys (0: all)
  Index key = 0;   // key size per head (0: width/heads); W_Q, W_K, W_V are (heads·key) × width, W_O width × (heads·key)
  double clip = 0;  // > 0: every entry of X clipped to [−clip, clip] after every block (0 at the kink of the derivative)
  bool read_in = true, read_out = true, positions = true, layer_norm = true, mlp = true, causal = true, softmax = true;
  Index key_size() const { return key > 0 ? key : width / heads; }
};

template <class S>
struct TransformerBlock {
  Mat<S> ln1_g, ln1_b, WQ, WK, WV, WO, bO, ln2_g, ln2_b, W1, b1, W2, b2;
};

template <class S>
struct Transformer {
  TransformerShape shape;
  Mat<S> W_in, b_in, pos;
  std::vector<TransformerBlock<S>> blocks;
  Mat<S> lnf_g, lnf_b, W_out, b_out;

  // Every parameter the shape uses, in one order (a model and its gradient walk alike).
  template <class F>
  void for_each(F&& f) { walk(*this, f); }
  template <class F>
  void for_each(F&& f) const { walk(*this, f); }
  // A model of the same shape with every parameter 0 (a gradient's container), or with the parameters converted.
  template <class T = S>
  Transformer<T> zero_like() const { return map<T>([](const Mat<S>& w) { return Mat<T>::Zero(w.rows(), w.cols()); }); }
  template <class T>
  Transformer<T> cast() const { return map<T>([](const Mat<S>& w) { return Mat<T>(w.template cast<T>()); }); }
  long parameter_count() const {
    long n = 0;
    for_each([&](const Mat<S>& w) { n += long(w.size()); });
    return n;
  }

 private:
  template <class Self, class F>
  static void walk(Self& m, F& f) {
    const TransformerShape& c = m.shape;
    if (c.read_in) f(m.W_in), f(m.b_in);
    if (c.positions) f(m.pos);
    for (auto& b : m.blocks) {
      if (c.layer_norm) f(b.ln1_g), f(b.ln1_b);
      f(b.WQ), f(b.WK), f(b.WV), f(b.WO), f(b.bO);
      if (c.mlp) {
        if (c.layer_norm) f(b.ln2_g), f(b.ln2_b);
        f(b.W1), f(b.b1), f(b.W2), f(b.b2);
      }
    }
    if (c.layer_norm) f(m.lnf_g), f(m.lnf_b);
    if (c.read_out) f(m.W_out), f(m.b_out);
  }
  template <class T, class G>
  Transformer<T> map(G&& g) const {
    Transformer<T> out;
    out.shape = shape;
    out.blocks.resize(blocks.size());
    std::vector<Mat<T>*> theirs;
    out.for_each([&](Mat<T>& w) { theirs.push_back(&w); });
    size_t i = 0;
    for_each([&](const Mat<S>& w) { *theirs[i++] = g(w); });
    return out;
  }
};

// GPT-2's initialisation: weights N(0, std²) (W_O and W₂ scaled by 1/√(2·layers)), biases 0, γ = 1, β = 0.
Transformer<double> init_transformer(const TransformerShape& shape, Rng& rng, double std = 0.02);

// What the backward pass reads (opaque to callers).
template <class S>
struct TransformerTape;

// Y for the batch X (in × B·T); with `tape`, what backward needs.
template <class S>
Mat<S> transformer_forward(const Transformer<S>& m, const Mat<S>& X, TransformerTape<S>* tape = nullptr);
// ∂L/∂θ (in a model of m's shape) for ∂L/∂Y = dY.
template <class S>
Transformer<S> transformer_backward(const Transformer<S>& m, const TransformerTape<S>& tape, const Mat<S>& dY);

template <class S>
struct TransformerTape {
  struct Layer {
    Mat<S> X, a, xhat1, inv1, Q, K, V, O, X1, c, xhat2, inv2, Z, tanh, G;  // tanh: the GELU's at Z
    Mat<S> unclipped;  // with a token clip: the block's output before the clip
    std::vector<Mat<S>> A;  // per (sequence, head): T × T attention a(s, t), column t the query
  };
  Mat<S> X_in, xhatf, invf, final;
  std::vector<Layer> layers;
};

}  // namespace icl::training
