// O4 (ding2025): multistart nonlinear least squares for f(θ) = f̃(φ(θ)) with f̃(X) = E[y²] − 2hᵀX + XᵀHX, in double.
// With H = LLᵀ, f(θ) − f̃* = ‖Lᵀ(φ(θ) − X*)‖², minimised by Levenberg–Marquardt from random starts. The feature map
// φ and its Jacobian come from the caller (the construction K2), so this oracle knows nothing of the weights' layout.
// A heuristic: its best point is an upper bound on min f, nothing more.
#pragma once

#include <cstdint>
#include <functional>

#include "core/scalar.hpp"

namespace icl::markov {

// φ(θ), and its Jacobian ∂φ/∂θ when `jacobian` is not null.
using FeatureMap = std::function<Vec<double>(const Vec<double>& theta, Mat<double>* jacobian)>;

struct LeastSquaresFit {
  Vec<double> theta;  // the best point found
  double excess = 0;  // ‖Lᵀ(φ(θ) − X*)‖² at it, in double (recompute exactly before relying on it)
  int starts = 0;
};

LeastSquaresFit multistart_least_squares(const Mat<double>& H, const Vec<double>& X_star, const FeatureMap& phi,
                                         Index dim, int starts, uint64_t seed);

}  // namespace icl::markov
