// Definitions of the layer forward passes. Include only from constructions/instantiate_*.cpp.
#pragma once

#include <cmath>
#include <stdexcept>

#include "constructions/attention.hpp"
#include "core/ball.hpp"

namespace icl {
namespace layer_detail {

template <class S>
Index key_count(KeySet keys, const Prompt<S>& in) {
  return keys == KeySet::Context ? in.n_context : in.tokens();
}

// Causal mask: key i reaches token j only when i ≤ j.
template <class S>
void mask(Mat<S>& a, KeySet keys) {
  if (keys != KeySet::Causal) return;
  for (Index j = 0; j < a.cols(); ++j)
    for (Index i = j + 1; i < a.rows(); ++i) a(i, j) = S(0);
}

// Bilinear scores (W_K e_i)^T (W_Q e_j): rows are keys i, columns are tokens j.
template <class S>
Mat<S> scores(const Head<S>& h, const Prompt<S>& in, Index n_keys) {
  const Mat<S> keys = h.WK * in.Z.leftCols(n_keys), queries = h.WQ * in.Z;
  return keys.transpose() * queries;
}

template <class S>
S larger(const S& a, const S& b) {
  return a < b ? b : a;
}
template <class S>
S exact_shift(const S& s) {
  return s;
}
inline Ball larger(const Ball& a, const Ball& b) { return larger_by_midpoint(a, b); }
// exp for softmax. Exact rationals have an exact exponential only at 0 (exp(r) is irrational for every other
// rational r, by Lindemann), which is the case softmax meets when all scores are equal after the shift.
template <class S>
S softmax_exp(const S& x) {
  using std::exp;
  return exp(x);
}
inline Rational softmax_exp(const Rational& x) {
  if (x != 0) throw std::domain_error("softmax in exact rationals needs equal scores: exp of a nonzero rational is irrational");
  return Rational(1);
}
template <class S>
S relu(const S& x) {
  return x < S(0) ? S(0) : x;
}
inline Ball relu(const Ball& x) {  // max(x, 0): encloses relu of every point of x
  Ball r;
  arb_max(r.get(), x.get(), Ball(0).get(), Ball::precision());
  return r;
}
inline Ball exact_shift(const Ball& s) { return softmax_shift(s); }

// Column-wise softmax over the keys, shifted by the column maximum (softmax is shift invariant, so any
// shift gives the same exact value; Ball uses the exact midpoint of its largest score).
template <class S>
Mat<S> column_softmax(const Mat<S>& logits) {
  using std::exp;
  Mat<S> a(logits.rows(), logits.cols());
  for (Index j = 0; j < logits.cols(); ++j) {
    S shift = logits(0, j);
    for (Index i = 1; i < logits.rows(); ++i) shift = larger(shift, logits(i, j));
    shift = exact_shift(shift);
    S total(0);
    for (Index i = 0; i < logits.rows(); ++i) {
      a(i, j) = softmax_exp(S(logits(i, j) - shift));
      total += a(i, j);
    }
    for (Index i = 0; i < logits.rows(); ++i) a(i, j) /= total;
  }
  return a;
}

// Backward through the heads of one attention layer, out = Z + Σ_h c·P_h (W_V C) A_h, where A_h depends on the
// scores (W_K C)^T (W_Q Z) only: `weights(h, scores)` gives A_h, `pull(A, scores, dA)` turns ∂/∂A into ∂/∂scores.
// Linear and softmax attention differ only in those two maps. dscalar is left as ∂/∂c.
template <class S, class Weights, class Pull>
AttentionGradient<S> backward_heads(const std::vector<Head<S>>& heads, KeySet keys, const S& c, const Prompt<S>& in,
                                    const Mat<S>& G, Weights weights, Pull pull) {
  const Index nk = key_count(keys, in);
  const auto C = in.Z.leftCols(nk);
  AttentionGradient<S> g;
  g.dZ = G;
  g.dscalar = S(0);
  for (const auto& h : heads) {
    const Mat<S> Kc = h.WK * C, Qz = h.WQ * in.Z, U = h.WV * C;
    const Mat<S> raw = Kc.transpose() * Qz;
    const Mat<S> A = weights(h, raw);
    const Mat<S> UA = U * A;
    Head<S> d;
    d.P = c * G * UA.transpose();
    const Mat<S> M = c * h.P.transpose() * G;  // ∂/∂(UA)
    const Mat<S> dU = M * A.transpose();
    const Mat<S> dScores = pull(A, raw, Mat<S>(U.transpose() * M));
    const Mat<S> dKc = Qz * dScores.transpose(), dQz = Kc * dScores;
    d.WV = dU * C.transpose();
    d.WK = dKc * C.transpose();
    d.WQ = dQz * in.Z.transpose();
    g.dZ += h.WQ.transpose() * dQz;
    g.dZ.leftCols(nk) += h.WV.transpose() * dU + h.WK.transpose() * dKc;
    g.dscalar += (G.cwiseProduct(Mat<S>(h.P * UA))).sum();
    g.dheads.push_back(std::move(d));
  }
  return g;
}

}  // namespace layer_detail

template <class S>
Prompt<S> forward(const LsaLayer<S>& layer, const Prompt<S>& in) {
  const Index nk = layer_detail::key_count(layer.keys, in);
  Mat<S> update = Mat<S>::Zero(in.width(), in.tokens());
  for (const auto& h : layer.heads) {
    if (layer.keys == KeySet::Causal) {
      Mat<S> a = layer_detail::scores(h, in, nk);
      layer_detail::mask(a, layer.keys);
      update += h.P * ((h.WV * in.Z.leftCols(nk)) * a);
    } else {
      // Unmasked, P·V·(KᵀQ) = P·((W_V C)·Kᵀ)·Q: the same exact value, and the cheaper order when V has few nonzero
      // rows (W_V = [[0, 0], [W_0, −I]] leaves one), as every GD construction does. Exact rationals take the chain
      // W_V·C·Kᵀ·Q in one step (exact::chain: no partial product is reduced on its own).
      const Mat<S> context = in.Z.leftCols(nk), keys = h.WK * context, queries = h.WQ * in.Z;
      update += h.P * chain_product(h.WV, context, Mat<S>(keys.transpose()), queries);
    }
  }
  Prompt<S> out = in;
  out.Z += layer.lambda * update;
  return out;
}

template <class S>
AttentionGradient<S> backward(const LsaLayer<S>& layer, const Prompt<S>& in, const Mat<S>& G) {
  return layer_detail::backward_heads(
      layer.heads, layer.keys, layer.lambda, in, G,
      [&](const Head<S>&, const Mat<S>& scores) {
        Mat<S> A = scores;
        layer_detail::mask(A, layer.keys);
        return A;
      },
      [&](const Mat<S>&, const Mat<S>&, Mat<S> dA) {
        layer_detail::mask(dA, layer.keys);
        return dA;
      });  // dscalar = ∂/∂λ, λ being the output scale
}

template <class S>
Prompt<S> forward(const TransformerLayer<S>& layer, const Prompt<S>& in) {
  Prompt<S> out = layer.attention.heads.empty() ? in : forward(layer.attention, in);
  if (layer.mlp) out.Z = forward(*layer.mlp, out.Z);
  return out;
}

template <class S>
Prompt<S> forward(const std::vector<LsaLayer<S>>& stack, Prompt<S> in) {
  for (const auto& layer : stack) in = forward(layer, in);
  return in;
}

template <class S>
Mat<S> softmax_weights(const Head<S>& head, const S& scale, const Prompt<S>& in, KeySet keys) {
  const Index nk = layer_detail::key_count(keys, in);
  Mat<S> logits = scale * layer_detail::scores(head, in, nk);
  if (keys != KeySet::Causal) return layer_detail::column_softmax<S>(logits);
  // Causal: token j normalises over keys i ≤ j only.
  Mat<S> a = Mat<S>::Zero(logits.rows(), logits.cols());
  for (Index j = 0; j < logits.cols(); ++j) {
    const Index visible = std::min<Index>(j + 1, logits.rows());
    a.col(j).head(visible) = layer_detail::column_softmax<S>(Mat<S>(logits.col(j).head(visible)));
  }
  return a;
}

template <class S>
Prompt<S> forward(const SoftmaxLayer<S>& layer, const Prompt<S>& in) {
  const Index nk = layer_detail::key_count(layer.keys, in);
  Mat<S> update = Mat<S>::Zero(in.width(), in.tokens());
  for (const auto& h : layer.heads)
    update += h.P * ((h.WV * in.Z.leftCols(nk)) * softmax_weights(h, layer.scale, in, layer.keys));
  Prompt<S> out = in;
  out.Z += update;
  return out;
}

template <class S>
AttentionGradient<S> backward(const SoftmaxLayer<S>& layer, const Prompt<S>& in, const Mat<S>& G) {
  S dscale(0);
  AttentionGradient<S> g = layer_detail::backward_heads(
      layer.heads, layer.keys, S(1), in, G,
      [&](const Head<S>& h, const Mat<S>&) { return softmax_weights(h, layer.scale, in, layer.keys); },
      [&](const Mat<S>& A, const Mat<S>& scores, const Mat<S>& dA) {
        // Softmax Jacobian, column by column: dlogit = A ⊙ (dA − ⟨A, dA⟩); masked entries have A = 0.
        Mat<S> dlogits(A.rows(), A.cols());
        for (Index j = 0; j < A.cols(); ++j) {
          const S inner = A.col(j).dot(dA.col(j));
          for (Index i = 0; i < A.rows(); ++i) dlogits(i, j) = A(i, j) * (dA(i, j) - inner);
        }
        dscale += dlogits.cwiseProduct(scores).sum();
        return Mat<S>(layer.scale * dlogits);
      });
  g.dscalar = dscale;  // the scale multiplies the scores
  return g;
}

template <class S>
Mat<S> forward(const MlpBlock<S>& block, const Mat<S>& H) {
  Mat<S> pre = block.W1 * H;
  pre.colwise() += block.b1;
  for (Index j = 0; j < pre.cols(); ++j)
    for (Index i = 0; i < pre.rows(); ++i) pre(i, j) = layer_detail::relu(pre(i, j));
  Mat<S> out = block.W2 * pre;
  out.colwise() += block.b2;
  if (block.residual) out += H;
  return out;
}

}  // namespace icl

#define ICL_INSTANTIATE_LSA(S)                                                                  \
  template icl::Prompt<S> icl::forward<S>(const icl::LsaLayer<S>&, const icl::Prompt<S>&);     \
  template icl::Prompt<S> icl::forward<S>(const std::vector<icl::LsaLayer<S>>&, icl::Prompt<S>);

#define ICL_INSTANTIATE_LSA_BACKWARD(S) \
  template icl::AttentionGradient<S> icl::backward<S>(const icl::LsaLayer<S>&, const icl::Prompt<S>&, const icl::Mat<S>&);

#define ICL_INSTANTIATE_SOFTMAX_BACKWARD(S) \
  template icl::AttentionGradient<S> icl::backward<S>(const icl::SoftmaxLayer<S>&, const icl::Prompt<S>&, const icl::Mat<S>&);

#define ICL_INSTANTIATE_SOFTMAX(S)                                                                 \
  template icl::Prompt<S> icl::forward<S>(const icl::SoftmaxLayer<S>&, const icl::Prompt<S>&);   \
  template icl::Mat<S> icl::softmax_weights<S>(const icl::Head<S>&, const S&, const icl::Prompt<S>&, \
                                               icl::KeySet);

#define ICL_INSTANTIATE_MLP(S)                                                            \
  template icl::Mat<S> icl::forward<S>(const icl::MlpBlock<S>&, const icl::Mat<S>&);      \
  template icl::Prompt<S> icl::forward<S>(const icl::TransformerLayer<S>&, const icl::Prompt<S>&);
