// Definitions of the Ding constructions. Include only from constructions/ding2025/instantiate.cpp.
#pragma once

#include "constructions/ding2025/markov_lsa.hpp"

namespace icl::ding {

template <class S>
Prompt<S> markov_prompt(const Mat<S>& X, const Mat<S>& y) {
  const Index d = X.rows(), n = y.cols();
  Prompt<S> p;
  p.Z = Mat<S>::Zero(d + 1, n + 1);
  p.Z.topRows(d) = X;
  p.Z.bottomLeftCorner(1, n) = y;
  p.n_context = n;
  return p;
}

template <class S>
LsaLayer<S> lsa_layer(const Mat<S>& P, const Mat<S>& Q, Index n) {
  const Index D = P.rows();
  LsaLayer<S> layer;
  layer.heads.push_back(Head<S>{Mat<S>::Identity(D, D), Q, Mat<S>::Identity(D, D), P});
  layer.lambda = S(1) / S(n);
  layer.keys = KeySet::Context;
  return layer;
}

template <class S>
S readout(const Prompt<S>& Z) {
  return Z.Z(Z.width() - 1, Z.tokens() - 1);
}

template <class S>
Vec<S> phi(const Vec<S>& b, const Mat<S>& A) {
  const Index d = A.cols(), m = pair_count(d);
  Vec<S> X(d * m);
  for (Index j = 1; j <= d; ++j)
    for (Index k = 1; k <= d + 1; ++k)
      for (Index l = k; l <= d + 1; ++l) {
        const Index r = (j - 1) * m + pair_index(k, l, d) - 1;
        X(r) = k == l ? b(k - 1) * A(k - 1, j - 1) : b(k - 1) * A(l - 1, j - 1) + b(l - 1) * A(k - 1, j - 1);
      }
  return X;
}

template <class S>
Vec<S> query_features(const Prompt<S>& Z) {
  const Index d = Z.width() - 1, n = Z.n_context, m = pair_count(d);
  const Mat<S> C = Z.Z.leftCols(n);
  const Mat<S> G = (C * C.transpose()) * (S(1) / S(n));
  Vec<S> f(d * m);
  for (Index j = 1; j <= d; ++j)
    for (Index k = 1; k <= d + 1; ++k)
      for (Index l = k; l <= d + 1; ++l) f((j - 1) * m + pair_index(k, l, d) - 1) = Z.Z(j - 1, n) * G(k - 1, l - 1);
  return f;
}

template <class S>
LsaLayer<S> subspace_layer(const Vec<S>& b, const Mat<S>& Abar, const Vec<S>& a, Index n) {
  const Index d = Abar.rows();
  Mat<S> P = Mat<S>::Zero(d + 1, d + 1), Q = Mat<S>::Zero(d + 1, d + 1);
  P.row(d) = b.transpose();
  Q.topLeftCorner(d, d) = -Abar;
  Q.block(d, 0, 1, d) = -a.transpose();
  return lsa_layer<S>(P, Q, n);
}

template <class S>
std::pair<Vec<S>, Mat<S>> preimage_d1(const Vec<S>& X, const S& root) {
  Vec<S> b(2);
  Mat<S> a(2, 1);
  if (X(0) == S(0)) {
    b << S(0), S(1);
    a << X(1), X(2);
  } else {
    b << S(1), root;
    a << X(0), X(1) - root * X(0);
  }
  return {b, a};
}

}  // namespace icl::ding

#define ICL_INSTANTIATE_DING(S)                                                                          \
  template icl::Prompt<S> icl::ding::markov_prompt<S>(const icl::Mat<S>&, const icl::Mat<S>&);          \
  template icl::LsaLayer<S> icl::ding::lsa_layer<S>(const icl::Mat<S>&, const icl::Mat<S>&, icl::Index); \
  template S icl::ding::readout<S>(const icl::Prompt<S>&);                                               \
  template icl::Vec<S> icl::ding::phi<S>(const icl::Vec<S>&, const icl::Mat<S>&);                       \
  template icl::Vec<S> icl::ding::query_features<S>(const icl::Prompt<S>&);                              \
  template icl::LsaLayer<S> icl::ding::subspace_layer<S>(const icl::Vec<S>&, const icl::Mat<S>&,         \
                                                         const icl::Vec<S>&, icl::Index);                \
  template std::pair<icl::Vec<S>, icl::Mat<S>> icl::ding::preimage_d1<S>(const icl::Vec<S>&, const S&);
