// C1, C2, C3: stacked K1 layers against GD steps (O1), as a generic residual (methods/identity.hpp).
#pragma once

#include "methods/identity.hpp"
#include "oracles/gd.hpp"
#include "properties/vonoswald2023/common.hpp"

namespace icl::vonoswald2023 {

struct GdStack {
  enum class Compare { AllTokens, Prediction };
  int min_layers = 1, max_layers = 1;
  Compare compare = Compare::AllTokens;
  Defect defect;

  struct Shape {
    int d, dy, N, K;
    std::string str() const { return dims({{"d", d}, {"d_y", dy}, {"N", N}, {"K", K}}); }
  };
  Shape random_shape() const {
    using check::pick_dim;
    return {pick_dim(1, 5), pick_dim(1, 3), pick_dim(1, 10), pick_dim(min_layers, max_layers)};
  }
  std::vector<Shape> certificate_shapes() const {
    std::vector<Shape> shapes{{1, 1, 1, min_layers}, {3, 2, 5, min_layers}, {6, 3, 12, min_layers}};
    if (max_layers > min_layers) shapes.push_back({4, 2, 10, max_layers});
    return shapes;
  }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    const Mat<S> X = src.matrix(s.d, s.N, "X"), Y = src.matrix(s.dy, s.N, "Y"), W0 = src.matrix(s.dy, s.d, "W_0");
    const Mat<S> xt = src.matrix(s.d, 1, "x_test");
    std::vector<S> etas;
    for (int k = 0; k < s.K; ++k) etas.push_back(src.scalar("η_" + std::to_string(k + 1)));
    // Construction: K layers of K1 on tokens (x_i, y_i) and the query (x_test, −W_0 x_test).
    auto stack = vo::gd_stack<S>(W0, etas, s.N, vo::PForm::Paper);
    damage(stack, defect, s.N);
    const Prompt<S> in = vo::regression_prompt<S>(X, Y, xt, -(W0 * xt));
    Prompt<S> out = forward(stack, in);
    // Broken variant wrong on the context tokens alone: a comparison of the query only would not see it.
    if (defect == defects::QueryOnly) out.Z.leftCols(s.N) = in.Z.leftCols(s.N);
    // Oracle: K GD steps; context slots y_i − (W_K − W_0)x_i, query slot −W_K x_test.
    const Mat<S> WK = oracle::gd<S>(W0, X, Y, etas).back();
    if (compare == Compare::Prediction) return vo::predictions(out, s.d) - WK * xt;
    Mat<S> expected(s.d + s.dy, s.N + 1);
    expected.topLeftCorner(s.d, s.N) = X;
    expected.topRightCorner(s.d, 1) = xt;
    expected.bottomLeftCorner(s.dy, s.N) = Y - (WK - W0) * X;
    expected.bottomRightCorner(s.dy, 1) = -(WK * xt);
    return out.Z - expected;
  }
};

}  // namespace icl::vonoswald2023
