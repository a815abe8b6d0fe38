// Definitions of the Yang constructions. Include only from constructions/yang2024/instantiate.cpp.
#pragma once

#include "constructions/attention_impl.hpp"
#include "constructions/yang2024/multihead.hpp"

namespace icl::yang {

template <class S>
Prompt<S> token_layout(const Mat<S>& V_all, const Vec<S>& y) {
  const Index d = V_all.rows(), K = V_all.cols(), N = y.size();
  Prompt<S> E;
  E.Z = Mat<S>::Zero(d + 1, N + K);
  E.Z.topLeftCorner(d, N) = V_all.leftCols(N);
  E.Z.block(d, 0, 1, N) = y.transpose();
  E.Z.topRightCorner(d, K) = V_all;
  E.n_context = N;
  return E;
}

template <class S>
Head<S> restricted_head(const Mat<S>& Q) {
  const Index d = Q.rows();
  Head<S> h;
  h.WK = Mat<S>::Identity(d + 1, d + 1);
  h.WQ = Mat<S>::Zero(d + 1, d + 1);
  h.WQ.topLeftCorner(d, d) = Q;
  h.WV = Mat<S>::Zero(1, d + 1);
  h.WV(0, d) = S(1);
  h.P = Mat<S>::Identity(1, 1);
  return h;
}

template <class S>
std::vector<Mat<S>> attention_columns(const Prompt<S>& E, const std::vector<Mat<S>>& Q, KeySet keys) {
  const Index N = E.n_context, K = E.tokens() - N, H = Index(Q.size());
  std::vector<Mat<S>> C(size_t(K), Mat<S>(N, H));
  for (Index h = 0; h < H; ++h) {
    const Mat<S> A = softmax_weights(restricted_head(Q[size_t(h)]), S(1), E, keys);  // keys × (N + K)
    for (Index k = 0; k < K; ++k) C[size_t(k)].col(h) = A.col(N + k).head(N);  // (with every token as a key, the mass on E_Q is dropped)
  }
  return C;
}

template <class S>
Vec<S> predict(const Prompt<S>& E, const std::vector<Mat<S>>& Q, const Mat<S>& W, KeySet keys) {
  const Index N = E.n_context, K = E.tokens() - N, H = Index(Q.size());
  Vec<S> out = Vec<S>::Zero(K);
  for (Index h = 0; h < H; ++h) {
    const Head<S> head = restricted_head(Q[size_t(h)]);
    const Mat<S> A = softmax_weights(head, S(1), E, keys);
    const Mat<S> values = head.WV * E.Z.leftCols(A.rows()) * A;  // 1 × (N + K): yᵀ s for every token
    for (Index k = 0; k < K; ++k) out(k) += W(h, k) * values(0, N + k);
  }
  return out;
}

template <class S>
Vec<S> predict_general(const Prompt<S>& E, const std::vector<Mat<S>>& Q, const Mat<S>& W) {
  const Index d = E.width() - 1, N = E.n_context, K = E.tokens() - N, H = Index(Q.size());
  const Mat<S> E_P = E.Z.leftCols(N), E_Q = E.Z.rightCols(K);
  Mat<S> stacked(H * K, K);  // [head_1; …; head_H], each K × K (queries E_Q only)
  for (Index h = 0; h < H; ++h) {
    Mat<S> WK = Mat<S>::Identity(d + 1, d + 1), WQ = Mat<S>::Zero(d + 1, d + 1);
    WQ.topLeftCorner(d, d) = Q[size_t(h)];
    Mat<S> WV = Mat<S>::Zero(K, d + 1);
    WV.col(d).setOnes();
    const Mat<S> logits = (WK * E_P).transpose() * (WQ * E_Q);  // N × K
    const Mat<S> soft = layer_detail::column_softmax<S>(logits);
    stacked.middleRows(h * K, K) = WV * E_P * soft;
  }
  Mat<S> WO = Mat<S>::Zero(K, H * K);
  for (Index h = 0; h < H; ++h) WO.middleCols(h * K, K).diagonal() = W.row(h).transpose();
  const Mat<S> T = WO * stacked;
  return T.diagonal();
}

}  // namespace icl::yang

#define ICL_INSTANTIATE_YANG(S)                                                                                     \
  template icl::Prompt<S> icl::yang::token_layout<S>(const icl::Mat<S>&, const icl::Vec<S>&);                     \
  template icl::Head<S> icl::yang::restricted_head<S>(const icl::Mat<S>&);                                         \
  template std::vector<icl::Mat<S>> icl::yang::attention_columns<S>(const icl::Prompt<S>&,                         \
                                                                    const std::vector<icl::Mat<S>>&, icl::KeySet); \
  template icl::Vec<S> icl::yang::predict<S>(const icl::Prompt<S>&, const std::vector<icl::Mat<S>>&,               \
                                             const icl::Mat<S>&, icl::KeySet);                                     \
  template icl::Vec<S> icl::yang::predict_general<S>(const icl::Prompt<S>&, const std::vector<icl::Mat<S>>&,       \
                                                     const icl::Mat<S>&);
