// C5, C26: K3 (GD++) layers against GD++ steps (O2), as a generic residual.
#pragma once

#include "methods/identity.hpp"
#include "oracles/gd.hpp"
#include "properties/vonoswald2023/common.hpp"

namespace icl::vonoswald2023 {

struct GdppStack {
  int min_layers = 1, max_layers = 1;
  bool tied = false;
  Defect defect;
  struct Shape {
    int d, N, Q, K;
    std::string str() const { return dims({{"d", d}, {"N", N}, {"queries", Q}, {"K", K}}); }
  };
  Shape random_shape() const {
    using check::pick_dim;
    return {pick_dim(1, 4), pick_dim(1, 8), pick_dim(1, 2), pick_dim(min_layers, max_layers)};
  }
  std::vector<Shape> certificate_shapes() const {
    std::vector<Shape> shapes{{1, 1, 1, min_layers}, {3, 5, 2, min_layers}};
    if (max_layers > min_layers) shapes.push_back({2, 4, 1, max_layers});
    return shapes;
  }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    const Mat<S> X = src.matrix(s.d, s.N, "X"), y = src.matrix(1, s.N, "y"), Xt = src.matrix(s.d, s.Q, "X_test");
    std::vector<std::pair<S, S>> steps;  // (η_k, γ_k)
    for (int k = 0; k < s.K; ++k) {
      if (tied && k > 0) {
        steps.push_back(steps[0]);
        continue;
      }
      const S eta = src.scalar("η_" + std::to_string(k + 1));
      const S gamma = src.scalar("γ_" + std::to_string(k + 1));
      steps.emplace_back(eta, gamma);
    }
    std::vector<LsaLayer<S>> stack;
    for (const auto& [eta, gamma] : steps) stack.push_back(vo::gdpp_layer<S>(s.d, eta, gamma, s.N));
    damage(stack, defect, s.N);
    const Prompt<S> out = forward(stack, vo::regression_prompt<S>(X, y, Xt, Mat<S>::Zero(1, s.Q)));
    oracle::GdppState<S> st{X, y, Xt, Mat<S>::Zero(1, s.Q)};
    for (const auto& [eta, gamma] : steps) st = oracle::gdpp_step(st, eta, gamma);
    Mat<S> expected(s.d + 1, s.N + s.Q);
    expected << st.X, st.Xt, st.r, st.rt;
    return out.Z - expected;
  }
};

}  // namespace icl::vonoswald2023
