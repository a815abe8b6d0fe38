// LSA1, LSA2, LSA3: the linear-attention Newton blocks (K1, K2, K3) against Newton–Schulz steps (O2).
#pragma once

#include "properties/giannou2024/exact_common.hpp"

namespace icl::giannou2024 {

// ---- LSA1, LSA2, LSA3: the Newton blocks = Newton–Schulz steps ----
enum class MatrixKind { General, Symmetric };
enum class BlockKind { Lemma41, Symmetric };

struct NewtonBlocks {
  BlockKind block = BlockKind::Lemma41;
  MatrixKind matrix = MatrixKind::General;
  int max_steps = 1;
  bool observed_map = false;  // compare K2 with X ↦ 2X − XA^TX instead of the claimed X(2I − AX)
  Defect defect;
  struct Shape {
    int d, T;
    std::string str() const { return dims({{"d", d}, {"steps", T}}); }
  };
  Shape random_shape() const { return {pick_dim(1, 4), pick_dim(1, max_steps)}; }
  std::vector<Shape> certificate_shapes() const {
    std::vector<Shape> s{{1, 1}, {3, 1}};
    if (max_steps > 1) s.push_back({2, max_steps});
    return s;
  }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    const Mat<S> X = src.matrix(s.d, s.d, "X"), B = src.matrix(s.d, s.d, "A");
    const Mat<S> A = matrix == MatrixKind::Symmetric ? Mat<S>(B + B.transpose()) : B;
    auto layers = gi::newton_stack<S>(s.d, s.T, block == BlockKind::Symmetric);
    damage(layers, defect);
    const Prompt<S> out = forward(layers, gi::newton_prompt<S>(X, A));
    Mat<S> Xt = X;
    for (int t = 0; t < s.T; ++t)
      Xt = observed_map ? Mat<S>(S(2) * Xt - Xt * A.transpose() * Xt) : oracle::newton_schulz_step<S>(A, Xt, 2);
    const Mat<S> expected = stack_rows<S>({Xt, A, Mat<S>(Mat<S>::Identity(s.d, s.d)), Mat<S>(Mat<S>::Zero(s.d, s.d))});
    return out.Z - expected;
  }
};

}  // namespace icl::giannou2024
