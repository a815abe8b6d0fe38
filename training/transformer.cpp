// The standard transformer of transformer.hpp: forward pass and backpropagation, instantiated for double and MPFR.
// Products with the weights run over the whole batch (one matrix product each); the attention is per sequence and head.
#include "training/transformer.hpp"

#include <cmath>
#include <stdexcept>
#include <type_traits>

#include "training/nonlinearities.hpp"

namespace icl::training {
namespace {

Index key_count(const TransformerShape& c) { return c.keys > 0 ? c.keys : c.length; }
bool attends(const TransformerShape& c, Index s, Index t) { return c.causal ? s <= t : s < key_count(c); }
// Linear attention over the first key_count tokens: a(s, t) is the raw score on a block of rows.
bool linear_keys(const TransformerShape& c) { return !c.softmax && !c.causal; }

template <class S>
S score_scale(const TransformerShape& c) {
  using std::sqrt;
  return c.softmax ? S(S(1) / sqrt(S(double(c.key_size())))) : S(1);
}

// a(s, t) for one sequence and head: softmax over the attended keys s of column t, or the masked raw scores.
template <class S>
Mat<S> attention_weights(const TransformerShape& c, const Mat<S>& scores) {
  using std::exp;
  const Index T = scores.rows();
  Mat<S> A = Mat<S>::Zero(T, T);
  for (Index t = 0; t < T; ++t) {
    if (!c.softmax) {
      for (Index s = 0; s < T; ++s)
        if (attends(c, s, t)) A(s, t) = scores(s, t);
      continue;
    }
    bool any = false;
    S top(0), sum(0);
    for (Index s = 0; s < T; ++s)
      if (attends(c, s, t) && (!any || scores(s, t) > top)) top = scores(s, t), any = true;
    for (Index s = 0; s < T; ++s)
      if (attends(c, s, t)) A(s, t) = exp(S(scores(s, t) - top)), sum += A(s, t);
    if (any) A.col(t) /= sum;
  }
  return A;
}

// The GELU's tanh(c(z + k z³)) entrywise. In double as 1 − 2/(e^{2u} + 1) on Eigen's vectorised exp: within a few
// units of 1 in the last place absolutely (what the GELU and its derivative use: 1 ± tanh, 1 − tanh²; at most 4.4e-16
// from std::tanh over 4M draws in [−3, 3]) and 1.6× faster; the MPFR path keeps the generic tanh its gradient checks use.
template <class S>
Mat<S> inner_tanh(const Gelu<S>& gelu, const Mat<S>& Z) {
  if constexpr (std::is_same_v<S, double>) {
    const auto u = gelu.c * (Z.array() + gelu.k * Z.array().cube());
    return (1.0 - 2.0 / ((2.0 * u).exp() + 1.0)).matrix();
  } else {
    return Z.unaryExpr([&](const S& z) { return gelu.inner_tanh(z); });
  }
}

}  // namespace

Transformer<double> init_transformer(const TransformerShape& c, Rng& rng, double std) {
  if (c.key == 0 && c.width % c.heads != 0) throw std::invalid_argument("transformer: width must be a multiple of heads");
  if (!c.read_in && c.in != c.width) throw std::invalid_argument("transformer: without read-in, in must equal width");
  const auto normal = [&](Index r, Index k, double sd) {
    Mat<double> w(r, k);
    for (Index i = 0; i < w.size(); ++i) w(i) = sd * rng.normal();
    return w;
  };
  const Index D = c.width, HK = c.heads * c.key_size();
  const double residual = std / std::sqrt(2.0 * double(c.layers));
  Transformer<double> m;
  m.shape = c;
  m.W_in = normal(D, c.in, std);
  m.b_in = Mat<double>::Zero(D, 1);
  m.pos = normal(D, c.length, std);
  for (Index l = 0; l < c.layers; ++l)
    m.blocks.push_back({Mat<double>::Ones(D, 1), Mat<double>::Zero(D, 1), normal(HK, D, std), normal(HK, D, std),
                        normal(HK, D, std), normal(D, HK, residual), Mat<double>::Zero(D, 1), Mat<double>::Ones(D, 1),
                        Mat<double>::Zero(D, 1), normal(c.hidden, D, std), Mat<double>::Zero(c.hidden, 1),
                        normal(D, c.hidden, residual), Mat<double>::Zero(D, 1)});
  m.lnf_g = Mat<double>::Ones(D, 1);
  m.lnf_b = Mat<double>::Zero(D, 1);
  m.W_out = normal(c.out, D, std);
  m.b_out = Mat<double>::Zero(c.out, 1);
  return m;
}

template <class S>
Mat<S> transformer_forward(const Transformer<S>& m, const Mat<S>& U, TransformerTape<S>* tape) {
  const TransformerShape& c = m.shape;
  const Index T = c.length, BT = U.cols(), B = BT / T, H = c.heads, dk = c.key_size();
  if (U.rows() != c.in || BT % T != 0) throw std::invalid_argument("transformer: input is not in × B·length");
  TransformerTape<S> local;
  TransformerTape<S>& tp = tape ? *tape : local;
  tp.X_in = U;
  // Without a tape one layer's buffers serve every block (same sizes: no reallocation, no fresh pages).
  tp.layers.resize(tape ? m.blocks.size() : 1);
  Mat<S> X = c.read_in ? Mat<S>(m.W_in * U) : U;
  if (c.read_in) X.colwise() += m.b_in.col(0);
  if (c.positions)
    for (Index b = 0; b < B; ++b) X.middleCols(b * T, T) += m.pos;
  const S scale = score_scale<S>(c);
  const Gelu<S> gelu;
  for (size_t l = 0; l < m.blocks.size(); ++l) {
    const TransformerBlock<S>& k = m.blocks[l];
    auto& L = tp.layers[tape ? l : 0];
    L.X = X;
    L.a = c.layer_norm ? normalise(X, k.ln1_g, k.ln1_b, L.xhat1, L.inv1) : X;
    L.Q.noalias() = k.WQ * L.a;  // noalias: products straight into the tape's buffers, no temporaries
    L.K.noalias() = k.WK * L.a;
    L.V.noalias() = k.WV * L.a;
    L.O.resize(H * dk, BT);
    L.A.resize(size_t(B * H));
    for (Index b = 0; b < B; ++b)
      for (Index h = 0; h < H; ++h) {
        const auto q = L.Q.block(h * dk, b * T, dk, T), key = L.K.block(h * dk, b * T, dk, T);
        Mat<S>& A = L.A[size_t(b * H + h)];
        if (linear_keys(c)) {  // the first nk tokens are the keys: a(s, t) = k_sᵀq_t for s < nk, else 0
          const Index nk = key_count(c);
          A.resize(T, T);
          A.bottomRows(T - nk).setZero();
          A.topRows(nk).noalias() = key.leftCols(nk).transpose() * q;
          L.O.block(h * dk, b * T, dk, T).noalias() = L.V.block(h * dk, b * T, dk, nk) * A.topRows(nk);
          continue;
        }
        A = attention_weights<S>(c, Mat<S>((key.transpose() * q) * scale));
        L.O.block(h * dk, b * T, dk, T) = L.V.block(h * dk, b * T, dk, T) * A;
      }
    L.X1 = X;
    L.X1.noalias() += k.WO * L.O;
    L.X1.colwise() += k.bO.col(0);
    X = L.X1;
    if (c.mlp) {
      L.c = c.layer_norm ? normalise(L.X1, k.ln2_g, k.ln2_b, L.xhat2, L.inv2) : L.X1;
      L.Z.noalias() = k.W1 * L.c;
      L.Z.colwise() += k.b1.col(0);
      L.tanh = inner_tanh(gelu, L.Z);
      L.G = L.Z.binaryExpr(L.tanh, [&](const S& z, const S& t) { return gelu.value(z, t); });
      X.noalias() += k.W2 * L.G;
      X.colwise() += k.b2.col(0);
    }
    if (c.clip > 0) {
      L.unclipped = X;
      const S hi(c.clip), lo(-c.clip);
      X = X.unaryExpr([&](const S& x) { return x > hi ? hi : x < lo ? lo : x; });
    }
  }
  tp.final = c.layer_norm ? normalise(X, m.lnf_g, m.lnf_b, tp.xhatf, tp.invf) : X;
  if (!c.read_out) return tp.final;
  Mat<S> Y = m.W_out * tp.final;
  Y.colwise() += m.b_out.col(0);
  return Y;
}

template <class S>
Transformer<S> transformer_backward(const Transformer<S>& m, const TransformerTape<S>& tp, const Mat<S>& dY) {
  const TransformerShape& c = m.shape;
  using std::abs;
  const Index T = c.length, BT = dY.cols(), B = BT / T, H = c.heads, dk = c.key_size();
  Transformer<S> g = m.zero_like();
  Mat<S> dX = dY;
  if (c.read_out) {
    g.W_out = dY * tp.final.transpose();
    g.b_out = dY.rowwise().sum();
    dX = m.W_out.transpose() * dY;
  }
  if (c.layer_norm) dX = normalise_backward(dX, m.lnf_g, tp.xhatf, tp.invf, &g.lnf_g, &g.lnf_b);
  const S scale = score_scale<S>(c);
  const Gelu<S> gelu;
  Mat<S> dG, dZ, dc, dO, dQ(H * dk, BT), dK(H * dk, BT), dV(H * dk, BT), da;  // every block's, reused
  for (size_t l = m.blocks.size(); l-- > 0;) {
    const TransformerBlock<S>& k = m.blocks[l];
    TransformerBlock<S>& gk = g.blocks[l];
    const auto& L = tp.layers[l];
    if (c.clip > 0)
      for (Index i = 0; i < dX.size(); ++i)
        if (abs(L.unclipped(i)) > S(c.clip)) dX(i) = S(0);
    if (c.mlp) {  // X = X1 + W₂ gelu(Z) + b₂
      gk.W2 = dX * L.G.transpose();
      gk.b2 = dX.rowwise().sum();
      dG.noalias() = k.W2.transpose() * dX;
      dZ.resize(dG.rows(), dG.cols());
      for (Index i = 0; i < dZ.size(); ++i) dZ(i) = dG(i) * gelu.derivative(L.Z(i), L.tanh(i));
      gk.W1 = dZ * L.c.transpose();
      gk.b1 = dZ.rowwise().sum();
      dc.noalias() = k.W1.transpose() * dZ;
      dX += c.layer_norm ? normalise_backward(dc, k.ln2_g, L.xhat2, L.inv2, &gk.ln2_g, &gk.ln2_b) : dc;
    }
    // X1 = X + W_O O + b_O
    gk.WO = dX * L.O.transpose();
    gk.bO = dX.rowwise().sum();
    dO.noalias() = k.WO.transpose() * dX;
    for (Index b = 0; b < B; ++b)
      for (Index h = 0; h < H; ++h) {
        const Mat<S>& A = L.A[size_t(b * H + h)];
        const auto dOh = dO.block(h * dk, b * T, dk, T);
        const auto q = L.Q.block(h * dk, b * T, dk, T), key = L.K.block(h * dk, b * T, dk, T);
        if (linear_keys(c)) {  // ∂/∂a(s, t) for the keys s < nk only; the other tokens get no key or value gradient
          const Index nk = key_count(c);
          const Mat<S> dS = L.V.block(h * dk, b * T, dk, nk).transpose() * dOh;
          dV.block(h * dk, b * T, dk, nk).noalias() = dOh * A.topRows(nk).transpose();
          dV.block(h * dk, b * T + nk, dk, T - nk).setZero();
          dK.block(h * dk, b * T, dk, nk).noalias() = q * dS.transpose();
          dK.block(h * dk, b * T + nk, dk, T - nk).setZero();
          dQ.block(h * dk, b * T, dk, T).noalias() = key.leftCols(nk) * dS;
          continue;
        }
        dV.block(h * dk, b * T, dk, T) = dOh * A.transpose();
        const Mat<S> dA = L.V.block(h * dk, b * T, dk, T).transpose() * dOh;
        Mat<S> dS = Mat<S>::Zero(T, T);  // ∂/∂(scaled score)
        for (Index t = 0; t < T; ++t) {
          const S inner = c.softmax ? S(A.col(t).dot(dA.col(t))) : S(0);
          for (Index s = 0; s < T; ++s)
            if (attends(c, s, t)) dS(s, t) = c.softmax ? S(A(s, t) * (dA(s, t) - inner)) : dA(s, t);
        }
        dS *= scale;
        dK.block(h * dk, b * T, dk, T) = q * dS.transpose();
        dQ.block(h * dk, b * T, dk, T) = key * dS;
      }
    gk.WQ = dQ * L.a.transpose();
    gk.WK = dK * L.a.transpose();
    gk.WV = dV * L.a.transpose();
    da.noalias() = k.WQ.transpose() * dQ;
    da.noalias() += k.WK.transpose() * dK;
    da.noalias() += k.WV.transpose() * dV;
    dX += c.layer_norm ? normalise_backward(da, k.ln1_g, L.xhat1, L.inv1, &gk.ln1_g, &gk.ln1_b) : da;
  }
  if (c.positions) {
    g.pos.setZero();
    for (Index b = 0; b < B; ++b) g.pos += dX.middleCols(b * T, T);
  }
  if (c.read_in) {
    g.W_in = dX * tp.X_in.transpose();
    g.b_in = dX.rowwise().sum();
  }
  return g;
}

template Mat<double> transformer_forward(const Transformer<double>&, const Mat<double>&, TransformerTape<double>*);
template Mat<Mpfr> transformer_forward(const Transformer<Mpfr>&, const Mat<Mpfr>&, TransformerTape<Mpfr>*);
template Transformer<double> transformer_backward(const Transformer<double>&, const TransformerTape<double>&, const Mat<double>&);
template Transformer<Mpfr> transformer_backward(const Transformer<Mpfr>&, const TransformerTape<Mpfr>&, const Mat<Mpfr>&);

}  // namespace icl::training
