// Definitions of the Zhang & Cao constructions. Include only from constructions/instantiate_*.cpp.
#pragma once

#include "constructions/zhangcao2026/ngd_layers.hpp"

namespace icl::zhangcao {

template <class S>
Prompt<S> ngd_prompt(const Mat<S>& Z, const Vec<S>& w0, const Vec<S>& xq) {
  const Layout L{Z.rows()};
  const Index N = Z.cols();
  Prompt<S> p;
  p.Z = Mat<S>::Zero(L.width(), N + 1);
  p.Z.block(L.F(), 0, L.d, N) = Z;
  p.Z.block(L.S(), N, L.d, 1) = w0;
  p.Z.block(L.Q(), N, L.d, 1) = xq;
  p.Z(L.flag(), N) = S(1);
  p.n_context = N;
  return p;
}

template <class S>
Vec<S> state(const Prompt<S>& p) {
  const Layout L{(p.width() - 1) / 3};
  return p.Z.block(L.S(), p.tokens() - 1, L.d, 1);
}

namespace detail {
template <class S>
Mat<S> selector(const Layout& L, Index begin) {  // d×D: picks the slot starting at `begin`
  Mat<S> E = Mat<S>::Zero(L.d, L.width());
  for (Index k = 0; k < L.d; ++k) E(k, begin + k) = S(1);
  return E;
}
}  // namespace detail

template <class S>
SoftmaxLayer<S> ngd_layer(Index d, const S& eta, KeySet keys) {
  const Layout L{d};
  Head<S> h;
  h.WK = detail::selector<S>(L, L.F());
  h.WQ = -detail::selector<S>(L, L.S());
  h.WV = detail::selector<S>(L, L.F());                       // value: z_i
  h.P = eta * detail::selector<S>(L, L.S()).transpose();  // written into the S slot, times η
  SoftmaxLayer<S> layer;
  layer.heads.push_back(std::move(h));
  layer.keys = keys;
  return layer;
}

template <class S>
SoftmaxLayer<S> scaled_layer(Index d, const S& a, const S& b) {
  const Layout L{d};
  Head<S> h;
  h.WK = detail::selector<S>(L, L.F());
  h.WQ = -a * detail::selector<S>(L, L.S());
  h.WV = detail::selector<S>(L, L.F());
  h.P = b * detail::selector<S>(L, L.S()).transpose();
  SoftmaxLayer<S> layer;
  layer.heads.push_back(std::move(h));
  return layer;
}

template <class S>
SoftmaxLayer<S> trainable_layer(const Mat<S>& WKQ, const Mat<S>& WV) {
  const Index D = WKQ.rows();
  SoftmaxLayer<S> layer;
  layer.heads.push_back(Head<S>{Mat<S>::Identity(D, D), WKQ, WV, Mat<S>::Identity(D, D)});
  return layer;
}

template <class S>
MlpBlock<S> label_gadget(Index d, const S& C) {
  // Columns: rows 0..d−1 x, row d the label y, rows d+1..2d the output z.
  const Index W = 2 * d + 1;
  MlpBlock<S> m;
  m.W1 = Mat<S>::Zero(4 * d, W);
  m.b1 = Vec<S>::Constant(4 * d, -C);
  m.W2 = Mat<S>::Zero(W, 4 * d);
  m.b2 = Vec<S>::Zero(W);
  m.residual = true;
  // ρ(±x − C(1 ∓' y)) = ρ(±x ± C y − C): four units per coordinate with output signs +, −, −, +.
  const S signs_x[4] = {S(1), S(-1), S(1), S(-1)}, signs_y[4] = {C, C, -C, -C}, out[4] = {S(1), S(-1), S(-1), S(1)};
  for (Index k = 0; k < d; ++k)
    for (int u = 0; u < 4; ++u) {
      const Index unit = 4 * k + u;
      m.W1(unit, k) = signs_x[u];
      m.W1(unit, d) = signs_y[u];
      m.W2(d + 1 + k, unit) = out[u];
    }
  return m;
}

}  // namespace icl::zhangcao

#define ICL_INSTANTIATE_ZHANGCAO(S)                                                         \
  namespace icl::zhangcao {                                                               \
  template Prompt<S> ngd_prompt<S>(const Mat<S>&, const Vec<S>&, const Vec<S>&);          \
  template Vec<S> state<S>(const Prompt<S>&);                                             \
  template SoftmaxLayer<S> ngd_layer<S>(Index, const S&, KeySet);                         \
  template SoftmaxLayer<S> scaled_layer<S>(Index, const S&, const S&);                    \
  template SoftmaxLayer<S> trainable_layer<S>(const Mat<S>&, const Mat<S>&);              \
  template MlpBlock<S> label_gadget<S>(Index, const S&);                                  \
  }
