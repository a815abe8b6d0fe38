// Definitions of O1 and O2. Include only from oracles/instantiate_*.cpp.
#pragma once

#include "oracles/gd.hpp"

namespace icl::oracle {

// ∇L(W) = (1/N) Σ_i (W x_i − y_i) x_iᵀ = (1/N) (W X − Y) Xᵀ for L(W) = (1/2N) Σ_i ‖W x_i − y_i‖².
template <class S>
Mat<S> gradient(const Mat<S>& W, const Mat<S>& X, const Mat<S>& Y) {
  const Mat<S> residual = W * X - Y;
  return (residual * X.transpose()) * (S(1) / S(X.cols()));
}

// W − η∇L(W) = W − (η/N) (W X − Y) Xᵀ, the factor η/N applied once, inside the product (in exact rationals each
// scaling of an entry is a gcd of its numerator and denominator).
template <class S>
Mat<S> gd_step(const Mat<S>& W, const Mat<S>& X, const Mat<S>& Y, const S& eta) {
  const Mat<S> residual = W * X - Y;
  Mat<S> next = W;
  next.noalias() -= (eta / S(X.cols())) * (residual * X.transpose());
  return next;
}

template <class S>
std::vector<Mat<S>> gd(const Mat<S>& W0, const Mat<S>& X, const Mat<S>& Y, const std::vector<S>& etas) {
  std::vector<Mat<S>> iterates{W0};
  for (const S& eta : etas) iterates.push_back(gd_step(iterates.back(), X, Y, eta));
  return iterates;
}

template <class S>
GdppState<S> gdpp_step(const GdppState<S>& s, const S& eta, const S& gamma) {
  const Index d = s.X.rows(), N = s.X.cols();
  Mat<S> XXt = Mat<S>::Zero(d, d);
  Mat<S> rXt = Mat<S>::Zero(1, d);  // Σ_i r_i x_i^T
  for (Index i = 0; i < N; ++i) {
    XXt += s.X.col(i) * s.X.col(i).transpose();
    rXt += s.r(0, i) * s.X.col(i).transpose();
  }
  const S step = eta / S(N);
  const Mat<S> shrink = Mat<S>::Identity(d, d) - gamma * XXt;
  GdppState<S> out;
  out.r = s.r - step * (rXt * s.X);
  out.rt = s.rt - step * (rXt * s.Xt);
  out.X = shrink * s.X;
  out.Xt = shrink * s.Xt;
  return out;
}

}  // namespace icl::oracle

#define ICL_INSTANTIATE_GD(S)                                                                              \
  namespace icl::oracle {                                                                                \
  template Mat<S> gradient<S>(const Mat<S>&, const Mat<S>&, const Mat<S>&);                              \
  template Mat<S> gd_step<S>(const Mat<S>&, const Mat<S>&, const Mat<S>&, const S&);                     \
  template std::vector<Mat<S>> gd<S>(const Mat<S>&, const Mat<S>&, const Mat<S>&, const std::vector<S>&); \
  template GdppState<S> gdpp_step<S>(const GdppState<S>&, const S&, const S&);                           \
  }
