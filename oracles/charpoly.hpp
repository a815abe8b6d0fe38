// O6: exact spectra. Characteristic polynomials by FLINT (an exact oracle independent of Eigen and of the
// constructions), Newton's identities between power sums and coefficients, and certified Arb enclosures of
// real roots.
#pragma once

#include <vector>

#include "core/ball.hpp"
#include "core/scalar.hpp"

namespace icl::oracle {

// Coefficients of det(t I − A), from t^0 up to t^n (monic).
std::vector<Rational> charpoly(const Mat<Rational>& A);
// Leading principal minors det(A[0..k, 0..k]), k = 1 … n, of a square matrix, exactly: A is scaled to integers by the
// common denominator c of its entries and reduced by Bareiss's fraction-free elimination without row exchanges
// (every division exact, no gcds), whose k-th diagonal entry is the k-th minor of cA, i.e. c^k times A's.
// Stops after the first zero minor (elimination cannot continue without exchanges), so it may return fewer than n.
// All n positive ⇔ A symmetric positive definite (Sylvester); the LDLᵀ pivots are the ratios of consecutive minors.
std::vector<Rational> leading_minors(const Mat<Rational>& A);
// Power sums p_1..p_m of the roots of a monic polynomial (coefficients low → high), by Newton's identities.
std::vector<Rational> power_sums(const std::vector<Rational>& monic, int m);
// The monic polynomial of degree n whose roots have power sums p_1..p_n (p[0] is p_1).
std::vector<Rational> monic_from_power_sums(const std::vector<Rational>& p, int n);
// Certified enclosures of the roots of a polynomial whose roots are all real, with multiplicity, in
// ascending order; `certified` is false if Arb could not isolate them or a root is not real.
struct RootEnclosures {
  std::vector<Ball> roots;
  bool certified = false;
};
RootEnclosures real_roots(const std::vector<Rational>& coefficients, long bits);

}  // namespace icl::oracle
