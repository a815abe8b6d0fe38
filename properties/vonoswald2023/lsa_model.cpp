// The batched attention model of lsa_model.hpp: forward pass and backpropagation, instantiated for double and MPFR.
// Products with the weights run over the whole batch (one matrix product each); the attention itself is per task
// (N × N and N × 1 blocks).
#include "properties/vonoswald2023/lsa_model.hpp"

#include <algorithm>
#include <cmath>

#include "training/nonlinearities.hpp"

namespace icl::vonoswald2023 {
namespace {

using training::normalise, training::normalise_backward;

template <class S>
struct HeadCache {
  Mat<S> Kc, Vc, Qc, Qq;  // W_K C, W_V C, W_Q C (context queries; empty in the last layer), W_Q Q
  Mat<S> Ac, Aq;          // attention weights, N × B·N (task b: block b) and N × B
  Mat<S> Uc, Uq;          // Σ_i v_i a(i, j): k × B·N and k × B
};

template <class S>
struct LayerCache {
  Mat<S> C, Q;  // the attention's input tokens (LN of the layer's input tokens when the layer normalises)
  std::vector<HeadCache<S>> heads;
  Mat<S> keepC, keepQ;  // with clipping: 1 where the output was inside [−10, 10]
  bool context_out = true, softmax = false, norm = false;
  Mat<S> xhatC, xhatQ, invC, invQ;  // with LayerNorm: (e − μ)/σ per token and 1/σ (1 × tokens)
};

constexpr double kTokenClip = 10;

template <class S>
S softmax_scale(const Mat<S>& WK) {
  using std::sqrt;
  return S(1) / sqrt(S(double(WK.rows())));
}

// Column-wise softmax (each column is one query's scores over the N keys), shifted by the column maximum.
template <class S>
void softmax_columns(Mat<S>& A, const S& scale) {
  using std::exp;
  for (Index j = 0; j < A.cols(); ++j) {
    S top = A(0, j);
    for (Index i = 1; i < A.rows(); ++i)
      if (top < A(i, j)) top = A(i, j);
    S total(0);
    for (Index i = 0; i < A.rows(); ++i) total += (A(i, j) = exp(S(scale * (A(i, j) - top))));
    for (Index i = 0; i < A.rows(); ++i) A(i, j) /= total;
  }
}

// ∂/∂scores from ∂/∂weights through the column softmax: scale · A ⊙ (dA − ⟨A, dA⟩_column).
template <class S>
void softmax_pull(const Mat<S>& A, Mat<S>& dA, const S& scale) {
  for (Index j = 0; j < A.cols(); ++j) {
    const S inner = A.col(j).dot(dA.col(j));
    for (Index i = 0; i < A.rows(); ++i) dA(i, j) = scale * A(i, j) * (dA(i, j) - inner);
  }
}

template <class S>
void clip_tokens(Mat<S>& Z, Mat<S>& keep) {
  keep = Mat<S>::Ones(Z.rows(), Z.cols());
  for (Index i = 0; i < Z.size(); ++i) {
    if (Z(i) > S(kTokenClip)) Z(i) = S(kTokenClip), keep(i) = S(0);
    if (Z(i) < S(-kTokenClip)) Z(i) = S(-kTokenClip), keep(i) = S(0);
  }
}

// One layer on tokens z (updated in place). The last layer leaves the context tokens as they are
// (context_out = false): only the query's output is read.
template <class S>
void layer_forward(const LsaModel<S>& m, Index l, TokenBatch<S>& z, bool context_out, LayerCache<S>& cache) {
  const HeadBlock<S>& heads = m.block(l);
  const Index N = z.N, B = z.tasks();
  cache.C = z.C;
  cache.Q = z.Q;
  cache.context_out = context_out;
  cache.softmax = m.softmax_at(l);
  cache.norm = m.norm_at(l);
  if (cache.norm) {
    const AttentionHead<S>& n = heads.front();
    cache.C = normalise(z.C, n.ln_scale, n.ln_offset, cache.xhatC, cache.invC);
    cache.Q = normalise(z.Q, n.ln_scale, n.ln_offset, cache.xhatQ, cache.invQ);
  }
  cache.heads.assign(heads.size(), {});
  Mat<S> dQ = Mat<S>::Zero(z.Q.rows(), B), dC;
  if (context_out) dC = Mat<S>::Zero(z.C.rows(), z.C.cols());
  for (size_t h = 0; h < heads.size(); ++h) {
    const AttentionHead<S>& w = heads[h];
    HeadCache<S>& c = cache.heads[h];
    c.Kc.noalias() = w.WK * cache.C;
    c.Vc.noalias() = w.WV * cache.C;
    c.Qq.noalias() = w.WQ * cache.Q;
    if (context_out) c.Qc.noalias() = w.WQ * cache.C;
    c.Aq.resize(N, B);
    if (context_out) c.Ac.resize(N, B * N);
    for (Index b = 0; b < B; ++b) {
      const auto Kb = c.Kc.middleCols(b * N, N);
      c.Aq.col(b).noalias() = Kb.transpose().lazyProduct(c.Qq.col(b));
      if (context_out) c.Ac.middleCols(b * N, N).noalias() = Kb.transpose().lazyProduct(c.Qc.middleCols(b * N, N));
    }
    if (cache.softmax) {
      const S scale = softmax_scale(w.WK);
      softmax_columns(c.Aq, scale);
      if (context_out) softmax_columns(c.Ac, scale);
    }
    c.Uq.resize(w.WV.rows(), B);
    if (context_out) c.Uc.resize(w.WV.rows(), B * N);
    for (Index b = 0; b < B; ++b) {
      const auto Vb = c.Vc.middleCols(b * N, N);
      c.Uq.col(b).noalias() = Vb.lazyProduct(c.Aq.col(b));
      if (context_out) c.Uc.middleCols(b * N, N).noalias() = Vb.lazyProduct(c.Ac.middleCols(b * N, N));
    }
    dQ.noalias() += w.P * c.Uq;
    if (context_out) dC.noalias() += w.P * c.Uc;
  }
  z.Q += m.lambda * dQ;
  if (context_out) z.C += m.lambda * dC;
  if (m.clip) {
    clip_tokens(z.Q, cache.keepQ);
    if (context_out) clip_tokens(z.C, cache.keepC);
  }
}

// Backward through one layer: GC, GQ are ∂/∂(the layer's output tokens) (GC empty when the layer leaves the context
// as it is); adds the heads' parameter gradients to `grads` and, with `inputs`, returns ∂/∂(its input tokens) in GC, GQ.
template <class S>
void layer_backward(const LsaModel<S>& m, const HeadBlock<S>& heads, const LayerCache<S>& cache, Mat<S>& GC, Mat<S>& GQ,
                    HeadBlock<S>* grads, bool inputs) {
  const Index N = cache.C.cols() / cache.Q.cols(), B = cache.Q.cols();
  const bool ctx = cache.context_out;
  if (m.clip) {
    GQ = GQ.cwiseProduct(cache.keepQ);
    if (ctx) GC = GC.cwiseProduct(cache.keepC);
  }
  // With LayerNorm the attention's input gradient is needed for (γ, β) too, and the residual joins it after LN's
  // backward; without, it starts from the residual (as it always has: the same sums, bit for bit).
  const bool through = inputs || cache.norm;
  Mat<S> inC, inQ;
  if (through) {
    inC = ctx && !cache.norm ? GC : Mat<S>::Zero(cache.C.rows(), cache.C.cols());
    inQ = cache.norm ? Mat<S>::Zero(GQ.rows(), GQ.cols()) : GQ;
  }
  for (size_t h = 0; h < heads.size(); ++h) {
    const AttentionHead<S>& w = heads[h];
    const HeadCache<S>& c = cache.heads[h];
    const Mat<S> dUq = m.lambda * (w.P.transpose() * GQ);
    Mat<S> dUc;
    if (ctx) dUc = m.lambda * (w.P.transpose() * GC);
    Mat<S> dVc(c.Vc.rows(), B * N), dAq(N, B), dAc;
    if (ctx) dAc.resize(N, B * N);
    for (Index b = 0; b < B; ++b) {
      const auto Vb = c.Vc.middleCols(b * N, N);
      dVc.middleCols(b * N, N).noalias() = dUq.col(b).lazyProduct(c.Aq.col(b).transpose());
      dAq.col(b).noalias() = Vb.transpose().lazyProduct(dUq.col(b));
      if (ctx) {
        dVc.middleCols(b * N, N).noalias() += dUc.middleCols(b * N, N).lazyProduct(c.Ac.middleCols(b * N, N).transpose());
        dAc.middleCols(b * N, N).noalias() = Vb.transpose().lazyProduct(dUc.middleCols(b * N, N));
      }
    }
    if (cache.softmax) {
      const S scale = softmax_scale(w.WK);
      softmax_pull(c.Aq, dAq, scale);
      if (ctx) softmax_pull(c.Ac, dAc, scale);
    }
    Mat<S> dKc(c.Kc.rows(), B * N), dQq(c.Qq.rows(), B), dQc;
    if (ctx) dQc.resize(c.Qc.rows(), B * N);
    for (Index b = 0; b < B; ++b) {
      const auto Kb = c.Kc.middleCols(b * N, N);
      dKc.middleCols(b * N, N).noalias() = c.Qq.col(b).lazyProduct(dAq.col(b).transpose());
      dQq.col(b).noalias() = Kb.lazyProduct(dAq.col(b));
      if (ctx) {
        dKc.middleCols(b * N, N).noalias() += c.Qc.middleCols(b * N, N).lazyProduct(dAc.middleCols(b * N, N).transpose());
        dQc.middleCols(b * N, N).noalias() = Kb.lazyProduct(dAc.middleCols(b * N, N));
      }
    }
    if (grads) {
      AttentionHead<S>& g = (*grads)[h];
      g.P.noalias() += m.lambda * (GQ * c.Uq.transpose());
      if (ctx) g.P.noalias() += m.lambda * (GC * c.Uc.transpose());
      g.WV.noalias() += dVc * cache.C.transpose();
      g.WK.noalias() += dKc * cache.C.transpose();
      g.WQ.noalias() += dQq * cache.Q.transpose();
      if (ctx) g.WQ.noalias() += dQc * cache.C.transpose();
    }
    if (through) {
      inC.noalias() += w.WV.transpose() * dVc;
      inC.noalias() += w.WK.transpose() * dKc;
      if (ctx) inC.noalias() += w.WQ.transpose() * dQc;
      inQ.noalias() += w.WQ.transpose() * dQq;
    }
  }
  if (cache.norm) {
    AttentionHead<S>* g = grads ? &grads->front() : nullptr;
    const Mat<S>& gamma = heads.front().ln_scale;
    inC = normalise_backward(inC, gamma, cache.xhatC, cache.invC, g ? &g->ln_scale : nullptr, g ? &g->ln_offset : nullptr);
    inQ = normalise_backward(inQ, gamma, cache.xhatQ, cache.invQ, g ? &g->ln_scale : nullptr, g ? &g->ln_offset : nullptr);
    if (inputs) {
      if (ctx) inC += GC;
      inQ += GQ;
    }
  }
  if (inputs) {
    GC = std::move(inC);
    GQ = std::move(inQ);
  }
}

template <class S>
std::vector<LayerCache<S>> run_forward(const LsaModel<S>& m, TokenBatch<S> z) {
  std::vector<LayerCache<S>> caches(static_cast<size_t>(m.layers));
  for (Index l = 0; l < m.layers; ++l) layer_forward(m, l, z, l + 1 < m.layers, caches[size_t(l)]);
  caches.emplace_back();  // the output's query tokens, for the prediction
  caches.back().Q = std::move(z.Q);
  return caches;
}

template <class S>
HeadBlock<S> zeros_like(const HeadBlock<S>& b) {
  HeadBlock<S> z;
  for (const auto& h : b)
    z.push_back({Mat<S>::Zero(h.WK.rows(), h.WK.cols()), Mat<S>::Zero(h.WQ.rows(), h.WQ.cols()),
                 Mat<S>::Zero(h.WV.rows(), h.WV.cols()), Mat<S>::Zero(h.P.rows(), h.P.cols()),
                 Mat<S>::Zero(h.ln_scale.rows(), h.ln_scale.cols()), Mat<S>::Zero(h.ln_offset.rows(), h.ln_offset.cols())});
  return z;
}

// Backpropagates ∂/∂(output query tokens) = GQ through every layer; parameter gradients into grads (if given), and
// ∂/∂(input query tokens) returned.
template <class S>
Mat<S> run_backward(const LsaModel<S>& m, const std::vector<LayerCache<S>>& caches, Mat<S> GQ,
                    std::vector<HeadBlock<S>>* grads, bool query_input) {
  if (grads) {
    grads->clear();
    for (const auto& b : m.blocks) grads->push_back(zeros_like(b));
  }
  Mat<S> GC;
  for (Index l = m.layers; l-- > 0;) {
    HeadBlock<S>* g = grads ? &(*grads)[m.tied ? 0 : size_t(l)] : nullptr;
    layer_backward(m, m.block(l), caches[size_t(l)], GC, GQ, g, l > 0 || query_input);
  }
  return GQ;
}

template <class S>
Index label_row(const LsaModel<S>& m) {
  return m.blocks.at(0).at(0).WK.cols() - 1;
}

// Large task sets (the 10⁴ evaluation tasks) go through in chunks: the working matrices stay a few hundred KB, so
// they are reused by the allocator instead of being mapped and faulted in afresh for every product.
constexpr Index kChunk = 1024;

template <class S>
TokenBatch<S> chunk(const TokenBatch<S>& t, Index first, Index count) {
  return {t.N, t.C.middleCols(first * t.N, count * t.N), t.Q.middleCols(first, count)};
}

template <class S>
Vec<S> predict_chunk(const LsaModel<S>& m, const TokenBatch<S>& batch) {
  const auto caches = run_forward(m, batch);
  return -caches.back().Q.row(label_row(m)).transpose();
}

template <class S>
Mat<S> query_gradient_chunk(const LsaModel<S>& m, const TokenBatch<S>& batch) {
  const auto caches = run_forward(m, batch);
  Mat<S> GQ = Mat<S>::Zero(caches.back().Q.rows(), batch.tasks());
  GQ.row(label_row(m)).setConstant(S(-1));  // tasks are independent: column b is ∂ŷ_b/∂(query b)
  return run_backward<S>(m, caches, GQ, nullptr, true);
}

}  // namespace

template <class S>
Vec<S> predict(const LsaModel<S>& m, const TokenBatch<S>& batch) {
  Vec<S> out(batch.tasks());
  for (Index first = 0; first < batch.tasks(); first += kChunk) {
    const Index n = std::min(kChunk, batch.tasks() - first);
    out.segment(first, n) = predict_chunk(m, chunk(batch, first, n));
  }
  return out;
}

template <class S>
S loss_and_gradient(const LsaModel<S>& m, const TokenBatch<S>& batch, const Vec<S>& y, std::vector<HeadBlock<S>>* grads) {
  const auto caches = run_forward(m, batch);
  const Index B = batch.tasks(), r = label_row(m);
  const Vec<S> err = -caches.back().Q.row(r).transpose() - y;
  if (grads) {
    Mat<S> GQ = Mat<S>::Zero(caches.back().Q.rows(), B);
    GQ.row(r) = -err.transpose() / S(double(B));
    run_backward(m, caches, GQ, grads, false);
  }
  return err.squaredNorm() / S(double(2 * B));
}

template <class S>
Mat<S> query_gradient(const LsaModel<S>& m, const TokenBatch<S>& batch) {
  Mat<S> out(batch.Q.rows(), batch.tasks());
  for (Index first = 0; first < batch.tasks(); first += kChunk) {
    const Index n = std::min(kChunk, batch.tasks() - first);
    out.middleCols(first, n) = query_gradient_chunk(m, chunk(batch, first, n));
  }
  return out;
}

template <class S>
Mat<S> first_layer_sensitivity(const LsaModel<S>& m, const TokenBatch<S>& batch) {
  const Index N = batch.N, B = batch.tasks(), D = batch.Q.rows();
  TokenBatch<S> z = batch;
  LayerCache<S> cache;
  layer_forward(m, 0, z, true, cache);
  Mat<S> out(N - 1, N);
  for (Index k = 0; k + 1 < N; ++k) {
    Mat<S> GC = Mat<S>::Zero(D, B * N), GQ = Mat<S>::Zero(D, B);
    for (Index b = 0; b < B; ++b) GC.col(b * N + k).setConstant(S(1));  // ∂(Σ_c h1[k, c])/∂h1 for every task
    layer_backward<S>(m, m.block(0), cache, GC, GQ, nullptr, true);
    Mat<S> mean = Mat<S>::Zero(D, N);
    for (Index b = 0; b < B; ++b) mean += GC.middleCols(b * N, N);
    mean /= S(double(B));
    for (Index j = 0; j < N; ++j) out(k, j) = mean.col(j).norm();
  }
  return out;
}

#define ICL_INSTANTIATE_VO_LSA_MODEL(S)                                                                           \
  template Vec<S> predict<S>(const LsaModel<S>&, const TokenBatch<S>&);                                         \
  template S loss_and_gradient<S>(const LsaModel<S>&, const TokenBatch<S>&, const Vec<S>&, std::vector<HeadBlock<S>>*); \
  template Mat<S> query_gradient<S>(const LsaModel<S>&, const TokenBatch<S>&);                                  \
  template Mat<S> first_layer_sensitivity<S>(const LsaModel<S>&, const TokenBatch<S>&);

ICL_INSTANTIATE_VO_LSA_MODEL(double)
ICL_INSTANTIATE_VO_LSA_MODEL(Mpfr)

}  // namespace icl::vonoswald2023
