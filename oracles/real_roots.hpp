// O5 (ding2025): exact real algebra for polynomials with rational coefficients: Sturm sequences count the distinct
// real roots in an interval, bisection on rational endpoints isolates them, and one rational sample per gap between
// roots decides the sign everywhere else. No floating point.
#pragma once

#include <string>
#include <vector>

#include "core/scalar.hpp"

namespace icl::realroots {

// coefficients c_0, c_1, … of c_0 + c_1 t + …
using Coefficients = std::vector<Rational>;

struct SignOnInterval {
  bool zero_polynomial = false;
  std::vector<std::pair<Rational, Rational>> roots;  // isolating intervals [lo, hi] of the distinct roots in (lo, hi)
  std::vector<Rational> samples;                      // one rational point in each gap between roots
  std::vector<int> sample_signs;                      // sign of the polynomial there (never 0)
  bool nonnegative() const;                           // ≥ 0 on the open interval
  bool positive() const;                              // > 0 on the open interval (no roots, all samples positive)
  std::string describe() const;
};

// The sign of p on the open interval (lo, hi); roots isolated to width ≤ `width`.
SignOnInterval sign_on(const Coefficients& p, const Rational& lo, const Rational& hi, const Rational& width);

}  // namespace icl::realroots
