// O1 and O2 of the von Oswald spec, written from their definitions: plain matrix code, no tokens and no
// attention products. Generic in the scalar; instantiated in oracles/instantiate_*.cpp.
#pragma once

#include <vector>

#include "core/scalar.hpp"

namespace icl::oracle {

// O1. L(W) = (1/(2N)) Σ_i ||W x_i − y_i||², so ∇L(W) = (1/N) Σ_i (W x_i − y_i) x_i^T.
// X is d×N (samples as columns), Y is d_y×N, W is d_y×d.
template <class S>
Mat<S> gradient(const Mat<S>& W, const Mat<S>& X, const Mat<S>& Y);
// One step W − η∇L(W).
template <class S>
Mat<S> gd_step(const Mat<S>& W, const Mat<S>& X, const Mat<S>& Y, const S& eta);
// The iterates W_0, W_1, ..., W_K for step sizes η_1..η_K.
template <class S>
std::vector<Mat<S>> gd(const Mat<S>& W0, const Mat<S>& X, const Mat<S>& Y, const std::vector<S>& etas);

// O2. GD++ state: context inputs X (d×N), residuals r (1×N, initially y), test inputs Xt (d×Q), test
// residuals rt (1×Q, initially 0); prediction ŷ = −rt.
template <class S>
struct GdppState {
  Mat<S> X, r, Xt, rt;
};
// One step, both updates from the pre-step inputs:
//   r_j ← r_j − (η/N) Σ_i r_i x_i^T x_j,   x_j ← (I − γ Σ_i x_i x_i^T) x_j   (context and test j).
template <class S>
GdppState<S> gdpp_step(const GdppState<S>& s, const S& eta, const S& gamma);

}  // namespace icl::oracle
