// Giannou et al. oracles O1–O3: Newton–Schulz iterations from their definition, exact inverses and solves
// by FLINT (independent of Eigen and of the constructions), least squares / ridge predictions.
#pragma once

#include "core/scalar.hpp"

namespace icl::oracle {

// O2. Newton–Schulz of order n (Li & Li 2010): X' = X Σ_{m=0}^{n−1} (−1)^m C(n, m+1) (AX)^m.
// Order 2 is X(2I − AX).
template <class S>
Mat<S> newton_schulz_step(const Mat<S>& A, const Mat<S>& X, int order = 2);
template <class S>
Mat<S> newton_schulz(const Mat<S>& A, Mat<S> X, int steps, int order = 2);

// O1. Exact inverse and solve over the rationals with FLINT's fmpq_mat. Throw if A is singular.
Mat<Rational> flint_inverse(const Mat<Rational>& A);
Mat<Rational> flint_solve(const Mat<Rational>& A, const Mat<Rational>& B);

// O3. a_test^T (A^T A + μ I)^{-1} A^T y exactly (μ = 0: ordinary least squares). A is n×d.
Rational ridge_prediction(const Mat<Rational>& A, const Vec<Rational>& y, const Vec<Rational>& a_test,
                          const Rational& mu);

}  // namespace icl::oracle
