// Definitions of the Newton–Schulz oracle. Include only from oracles/instantiate_*.cpp.
#pragma once

#include "oracles/newton.hpp"

namespace icl::oracle {

template <class S>
Mat<S> newton_schulz_step(const Mat<S>& A, const Mat<S>& X, int order) {
  const Index d = A.rows();
  const Mat<S> AX = A * X;
  Mat<S> sum = Mat<S>::Zero(d, d), power = Mat<S>::Identity(d, d);
  long binom = order;  // C(n, m+1), starting at m = 0
  for (int m = 0; m < order; ++m) {
    sum += S((m % 2 == 0 ? 1 : -1) * binom) * power;
    power = power * AX;
    binom = binom * (order - m - 1) / (m + 2);
  }
  return X * sum;
}

template <class S>
Mat<S> newton_schulz(const Mat<S>& A, Mat<S> X, int steps, int order) {
  for (int k = 0; k < steps; ++k) X = newton_schulz_step(A, X, order);
  return X;
}

}  // namespace icl::oracle

#define ICL_INSTANTIATE_NEWTON(S)                                                 \
  namespace icl::oracle {                                                       \
  template Mat<S> newton_schulz_step<S>(const Mat<S>&, const Mat<S>&, int);      \
  template Mat<S> newton_schulz<S>(const Mat<S>&, Mat<S>, int, int);            \
  }
