// MK15, MK22: L layers of K4 (the eq. 11 subspace) run as forward passes against the w-recursion O8, per prompt.
#pragma once

#include "constructions/ding2025/markov_lsa.hpp"
#include "methods/identity.hpp"
#include "oracles/markov.hpp"
#include "properties/ding2025/family.hpp"

namespace icl::ding2025 {

struct Multilayer {
  int query_sign;  // the claimed query entry is query_sign·⟨w_l, x_{n+1}⟩ (−1: MK15, +1: MK22 as printed)
  Defect defect;
  struct Shape {
    int d, n, L;
    std::string str() const { return check::dims({{"d", d}, {"n", n}, {"L", L}}); }
  };
  Shape random_shape() const { return {check::pick_dim(1, 4), check::pick_dim(1, 6), check::pick_dim(1, 4)}; }
  std::vector<Shape> certificate_shapes() const { return {{1, 1, 1}, {2, 3, 2}, {3, 4, 4}}; }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    const Mat<S> X = src.matrix(s.d, s.n + 1, "x_1 … x_{n+1}"), y = src.matrix(1, s.n, "y_1 … y_n");
    std::vector<markov::SubspaceWeights<S>> weights;
    std::vector<LsaLayer<S>> stack;
    for (int l = 0; l < s.L; ++l) {
      const std::string k = std::to_string(l + 1);
      markov::SubspaceWeights<S> w{src.matrix(s.d + 1, 1, "b_" + k).col(0), src.matrix(s.d, s.d, "Ā_" + k),
                                   src.matrix(s.d, 1, "a_" + k).col(0)};
      stack.push_back(ding::subspace_layer<S>(w.b, w.Abar, w.a, s.n));
      if (defect == defects::DropOneOverN) stack.back().lambda = S(1);
      if (defect == defects::FlipReadout) w.b = -w.b;
      weights.push_back(w);
    }
    const auto w = markov::w_recursion<S>(X, y.row(0).transpose(), weights);
    Prompt<S> Z = ding::markov_prompt<S>(X, y);
    Mat<S> r(s.L * (s.d + 1), s.n + 1);
    for (int l = 0; l < s.L; ++l) {
      Z = forward(stack[l], Z);
      // The x-rows never change; the label row holds y_j − ⟨w_l, x_j⟩ and the query slot query_sign·⟨w_l, x_{n+1}⟩.
      r.block(l * (s.d + 1), 0, s.d, s.n + 1) = Z.Z.topRows(s.d) - X;
      for (int j = 0; j < s.n; ++j) r(l * (s.d + 1) + s.d, j) = Z.Z(s.d, j) - (y(0, j) - w[l + 1].dot(X.col(j)));
      r(l * (s.d + 1) + s.d, s.n) = Z.Z(s.d, s.n) - S(query_sign) * w[l + 1].dot(X.col(s.n));
    }
    return r;
  }
};

}  // namespace icl::ding2025
