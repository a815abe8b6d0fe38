// O6: certified spectral facts with Arb. Matrices have ball entries; every bound is returned as a radius-0
// ball (a number) that is proved to bound the exact quantity of every matrix inside the balls.
//   λ_max < lambda_max_upper:  Cholesky of (u I − S) succeeds in ball arithmetic (arb_mat_cho);
//   λ_max ≥ lambda_max_lower:  Rayleigh quotient of an estimated eigenvector;  likewise for λ_min.
// Estimates come from Eigen's SelfAdjointEigenSolver in MPFR at the working precision.
#pragma once

#include "core/ball.hpp"
#include "core/scalar.hpp"

namespace icl::certified {

Mat<Ball> to_balls(const Mat<Rational>& m);
bool positive_definite(const Mat<Ball>& S);  // certified; false also when undecided
Ball lambda_max_upper(const Mat<Ball>& S);
Ball lambda_min_lower(const Mat<Ball>& S);
Ball lambda_max_lower(const Mat<Ball>& S);
Ball lambda_min_upper(const Mat<Ball>& S);
// Spectral norm bounds ‖M‖₂ = √λ_max(MᵀM).
Ball norm2_upper(const Mat<Ball>& M);
Ball norm2_lower(const Mat<Ball>& M);
// Ball solve (arb_mat_solve); throws if Arb cannot certify invertibility at the working precision.
Vec<Ball> solve(const Mat<Ball>& A, const Vec<Ball>& b);

}  // namespace icl::certified
