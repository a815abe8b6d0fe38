// The standard transformer of transformer.hpp: forward pass and backpropagation, instantiated for double and MPFR.
// Products with the weights run over the whole batch (one matrix product each); the attention is per sequence and head.
#include "training/transformer.hpp"

#include <cmath>
#include <stdexcept>

#include "training/nonlinearities.hpp"

namespace icl::training {
namespace {

bool attends(const TransformerShape& c, Index s, Index t) { return c.causal ? s <= t : s < (c.keys > 0 ? c.keys : c.length); }

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
  tp.layers.assign(m.blocks.size(), {});
  Mat<S> X = c.read_in ? Mat<S>(m.W_in * U) : U;
  if (c.read_in) X.colwise() += m.b_in.col(0);
  if (c.positions)
    for (Index b = 0; b < B; ++b) X.middleCols(b * T, T) += m.pos;
  const S scale = score_scale<S>(c);
  const Gelu<S> gelu;
  for (size_t l = 0; l < m.blocks.size(); ++l) {
    const TransformerBlock<S>& k = m.blocks[l];
    auto& L = tp.layers[l];
    L.X = X;
    L.a = c.layer_norm ? normalise(X, k.ln1_g, k.ln1_b, L.xhat1, L.inv1) : X;
    L.Q = k.WQ * L.a;
    L.K = k.WK * L.a;
    L.V = k.WV * L.a;
    L.O.resize(H * dk, BT);
    L.A.resize(size_t(B * H));
    for (Index b = 0; b < B; ++b)
      for (Index h = 0; h < H; ++h) {
        const auto q = L.Q.block(h * dk, b * T, dk, T), key = L.K.block(h * dk, b * T, dk, T);
        Mat<S> A = attention_weights<S>(c, Mat<S>((key.transpose() * q) * scale));
        L.O.block(h * dk, b * T, dk, T) = L.V.block(h * dk, b * T, dk, T) * A;
        L.A[size_t(b * H + h)] = std::move(A);
      }
    L.X1 = X + k.WO * L.O;
    L.X1.colwise() += k.bO.col(0);
    X = L.X1;
    if (c.mlp) {
      L.c = c.layer_norm ? normalise(L.X1, k.ln2_g, k.ln2_b, L.xhat2, L.inv2) : L.X1;
      L.Z = k.W1 * L.c;
      L.Z.colwise() += k.b1.col(0);
      L.tanh = L.Z.unaryExpr([&](const S& z) { return gelu.inner_tanh(z); });
      L.G = L.Z.binaryExpr(L.tanh, [&](const S& z, const S& t) { return gelu.value(z, t); });
      X += k.W2 * L.G;
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
      const Mat<S> dG = k.W2.transpose() * dX;
      Mat<S> dZ(dG.rows(), dG.cols());
      for (Index i = 0; i < dZ.size(); ++i) dZ(i) = dG(i) * gelu.derivative(L.Z(i), L.tanh(i));
      gk.W1 = dZ * L.c.transpose();
      gk.b1 = dZ.rowwise().sum();
      const Mat<S> dc = k.W1.transpose() * dZ;
      dX += c.layer_norm ? normalise_backward(dc, k.ln2_g, L.xhat2, L.inv2, &gk.ln2_g, &gk.ln2_b) : dc;
    }
    // X1 = X + W_O O + b_O
    gk.WO = dX * L.O.transpose();
    gk.bO = dX.rowwise().sum();
    const Mat<S> dO = k.WO.transpose() * dX;
    Mat<S> dQ(H * dk, BT), dK(H * dk, BT), dV(H * dk, BT);
    for (Index b = 0; b < B; ++b)
      for (Index h = 0; h < H; ++h) {
        const Mat<S>& A = L.A[size_t(b * H + h)];
        const auto dOh = dO.block(h * dk, b * T, dk, T);
        const auto q = L.Q.block(h * dk, b * T, dk, T), key = L.K.block(h * dk, b * T, dk, T);
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
    const Mat<S> da = k.WQ.transpose() * dQ + k.WK.transpose() * dK + k.WV.transpose() * dV;
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
