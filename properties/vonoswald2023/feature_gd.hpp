// C30, C31: K1 on features m(x) (Prop. 2) against GD on the features and the kernel sum.
#pragma once

#include "methods/identity.hpp"
#include "oracles/gd.hpp"
#include "properties/vonoswald2023/common.hpp"

namespace icl::vonoswald2023 {

// ---- C30, C31: K1 on features m(x) (Prop. 2) ----

struct FeatureGd {
  bool printed_form = false;  // C30: eq. 13 as printed, without η/N
  int max_layers = 1;
  Defect defect;
  struct Shape {
    int d, F, hidden, N, K;
    std::string str() const { return dims({{"d", d}, {"features", F}, {"hidden", hidden}, {"N", N}, {"K", K}}); }
  };
  Shape random_shape() const {
    using check::pick_dim;
    return {pick_dim(1, 3), pick_dim(1, 4), pick_dim(1, 4), pick_dim(1, 6), pick_dim(1, max_layers)};
  }
  std::vector<Shape> certificate_shapes() const { return {{1, 1, 1, 1, 1}, {2, 4, 3, 5, max_layers}}; }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    const Mat<S> y = src.matrix(1, s.N, "y");
    std::vector<S> etas;
    for (int k = 0; k < s.K; ++k) etas.push_back(src.scalar("η_" + std::to_string(k + 1)));
    if (defect == defects::EtaEqualsN) etas.assign(s.K, S(s.N));  // the one step size where eq. 13 is right
    // Features: a random ReLU MLP on random inputs for RapidCheck. For the Schwartz–Zippel points the feature
    // values themselves are the variables: the claim is for every feature map, and ReLU is not polynomial.
    Mat<S> Phi, phit;
    Prompt<S> in;
    if constexpr (!Src::polynomial_points) {
      const MlpBlock<S> m{src.matrix(s.hidden, s.d, "MLP W1"), src.matrix(s.hidden, 1, "MLP b1"),
                          src.matrix(s.F, s.hidden, "MLP W2"), src.matrix(s.F, 1, "MLP b2"), false};
      const Mat<S> X = src.matrix(s.d, s.N, "X"), xt = src.matrix(s.d, 1, "x_test");
      in = vo::feature_prompt(m, X, y, xt);  // K5: MLP then tokens (m(x_i), y_i)
      Phi = forward(m, X);
      phit = forward(m, xt);
    } else {
      Phi = src.matrix(s.F, s.N, "m(X)");
      phit = src.matrix(s.F, 1, "m(x_test)");
      in = vo::regression_prompt<S>(Phi, y, phit, Mat<S>::Zero(1, 1));
    }
    auto stack = vo::gd_stack<S>(Mat<S>::Zero(1, s.F), etas, s.N, vo::PForm::Paper);
    damage(stack, defect, s.N);
    const Mat<S> yhat = vo::predictions(forward(stack, in), s.F);
    const Mat<S> kernel_sum = y * (Phi.transpose() * phit);  // Σ_i y_i m(x_i)^T m(x_test)
    if (printed_form) return yhat - kernel_sum;
    Mat<S> r(2, 1);
    r(0, 0) = (yhat - oracle::gd<S>(Mat<S>::Zero(1, s.F), Phi, y, etas).back() * phit)(0, 0);
    r(1, 0) = s.K == 1 ? S((yhat - (etas[0] / S(s.N)) * kernel_sum)(0, 0)) : S(0);
    return r;
  }
};

}  // namespace icl::vonoswald2023
