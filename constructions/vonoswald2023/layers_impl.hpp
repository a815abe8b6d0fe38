// Definitions of the von Oswald constructions. Include only from constructions/instantiate_*.cpp.
#pragma once

#include "constructions/vonoswald2023/layers.hpp"

namespace icl::vonoswald {

template <class S>
Prompt<S> regression_prompt(const Mat<S>& X, const Mat<S>& Y, const Mat<S>& Xq, const Mat<S>& Yq) {
  const Index d = X.rows(), dy = Y.rows(), N = X.cols(), Q = Xq.cols();
  Prompt<S> p;
  p.Z = Mat<S>::Zero(d + dy, N + Q);
  p.Z.topLeftCorner(d, N) = X;
  p.Z.bottomLeftCorner(dy, N) = Y;
  p.Z.topRightCorner(d, Q) = Xq;
  p.Z.bottomRightCorner(dy, Q) = Yq;
  p.n_context = N;
  return p;
}

template <class S>
Mat<S> predictions(const Prompt<S>& p, Index d) {
  const Index dy = p.width() - d, Q = p.tokens() - p.n_context;
  return -p.Z.bottomRightCorner(dy, Q);
}

template <class S>
Mat<S> context_labels(const Prompt<S>& p, Index d) {
  return p.Z.bottomLeftCorner(p.width() - d, p.n_context);
}

namespace detail {
template <class S>
Mat<S> x_block_selector(Index d, Index D) {
  Mat<S> m = Mat<S>::Zero(D, D);
  m.topLeftCorner(d, d).setIdentity();
  return m;
}
}  // namespace detail

template <class S>
LsaLayer<S> gd_layer(const Mat<S>& W0, const S& eta, Index N, PForm form) {
  const Index dy = W0.rows(), d = W0.cols(), D = d + dy;
  Head<S> h;
  h.WK = detail::x_block_selector<S>(d, D);
  h.WQ = h.WK;
  h.WV = Mat<S>::Zero(D, D);
  h.WV.bottomLeftCorner(dy, d) = W0;
  h.WV.bottomRightCorner(dy, dy) = -Mat<S>::Identity(dy, dy);
  const S step = eta / S(N);
  h.P = Mat<S>::Zero(D, D);
  if (form == PForm::Paper)
    h.P.diagonal().setConstant(step);
  else
    h.P.bottomRightCorner(dy, dy).diagonal().setConstant(step);
  LsaLayer<S> layer;
  layer.heads.push_back(std::move(h));
  return layer;
}

template <class S>
std::vector<LsaLayer<S>> gd_stack(const Mat<S>& W0, const std::vector<S>& etas, Index N, PForm form) {
  std::vector<LsaLayer<S>> stack;
  for (const S& eta : etas) stack.push_back(gd_layer(W0, eta, N, form));
  return stack;
}

template <class S>
LsaLayer<S> gdpp_layer(Index d, const S& eta, const S& gamma, Index N) {
  const Index D = d + 1;
  Head<S> h;
  h.WK = detail::x_block_selector<S>(d, D);
  h.WQ = h.WK;
  h.WV = Mat<S>::Identity(D, D);
  h.WV(d, d) = S(-1);
  h.P = Mat<S>::Zero(D, D);
  h.P.topLeftCorner(d, d).diagonal().setConstant(-gamma);
  h.P(d, d) = eta / S(N);
  LsaLayer<S> layer;
  layer.heads.push_back(std::move(h));
  return layer;
}

template <class S>
Prompt<S> interleaved_prompt(const CopyLayout& L, const Mat<S>& X, const Mat<S>& Y, const Vec<S>& x_test,
                             const S& query_label) {
  Prompt<S> p;
  p.Z = Mat<S>::Zero(L.width(), L.tokens());
  for (Index k = 0; k < L.N; ++k) {
    p.Z.col(2 * k).head(L.d) = X.col(k);
    p.Z(L.d, 2 * k + 1) = Y(0, k);
  }
  p.Z.col(2 * L.N).head(L.d) = x_test;
  p.Z(L.d, 2 * L.N) = query_label;
  for (Index t = 0; t < L.tokens(); ++t) p.Z(L.content() + t, t) = S(1);
  p.n_context = L.tokens();  // every token is a key
  return p;
}

template <class S>
Head<S> copy_head(const CopyLayout& L, const S& beta) {
  const Index c = L.content(), P = L.positions(), W = L.width();
  Head<S> h;
  h.WK = Mat<S>::Zero(P, W);
  h.WK.rightCols(P).setIdentity();  // key: p_s
  h.WQ = Mat<S>::Zero(P, W);
  for (Index t = 0; t + 1 < P; ++t) h.WQ(t + 1, c + t) = beta;  // query: β p_{t+1}
  h.WV = Mat<S>::Zero(W, W);
  h.WV(L.d, L.d) = S(1);  // label content of s
  for (Index s = 1; s < P; ++s) h.WV(c + s - 1, c + s) = S(-1);  // −p_{s−1}
  h.P = Mat<S>::Identity(W, W);
  return h;
}

template <class S>
Prompt<S> feature_prompt(const MlpBlock<S>& m, const Mat<S>& X, const Mat<S>& Y, const Mat<S>& Xq) {
  return regression_prompt<S>(forward(m, X), Y, forward(m, Xq), Mat<S>::Zero(Y.rows(), Xq.cols()));
}

}  // namespace icl::vonoswald

#define ICL_INSTANTIATE_VONOSWALD_POLY(S)                                                                     \
  namespace icl::vonoswald {                                                                                \
  template Prompt<S> regression_prompt<S>(const Mat<S>&, const Mat<S>&, const Mat<S>&, const Mat<S>&);      \
  template Mat<S> predictions<S>(const Prompt<S>&, Index);                                                  \
  template Mat<S> context_labels<S>(const Prompt<S>&, Index);                                               \
  template LsaLayer<S> gd_layer<S>(const Mat<S>&, const S&, Index, PForm);                                  \
  template std::vector<LsaLayer<S>> gd_stack<S>(const Mat<S>&, const std::vector<S>&, Index, PForm);        \
  template LsaLayer<S> gdpp_layer<S>(Index, const S&, const S&, Index);                                     \
  template Prompt<S> interleaved_prompt<S>(const CopyLayout&, const Mat<S>&, const Mat<S>&, const Vec<S>&,  \
                                           const S&);                                                       \
  template Head<S> copy_head<S>(const CopyLayout&, const S&);                                               \
  }

#define ICL_INSTANTIATE_VONOSWALD_FEATURES(S)                                                      \
  namespace icl::vonoswald {                                                                     \
  template Prompt<S> feature_prompt<S>(const MlpBlock<S>&, const Mat<S>&, const Mat<S>&, const Mat<S>&); \
  }
