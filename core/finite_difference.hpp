// Central differences in MPFR, the reference every analytic gradient in the suite is checked against.
#pragma once

#include "core/scalar.hpp"

namespace icl {

// Gradient checks run at 256 bits with h = 2^-80: truncation O(h²) = 2^-160 ≈ 7e-49 and rounding O(u/h) = 2^-176,
// each times derivative ratios of the model; a wrong gradient term is O(1).
constexpr int kCentralDifferenceBits = 256;
inline Mpfr central_difference_step() { return ldexp(Mpfr(1), -80); }

// (f(x + h) − f(x − h)) / 2h for a parameter x held by reference inside the model `f` reads; x is restored.
template <class Loss>
Mpfr central_difference(Mpfr& x, const Mpfr& h, Loss&& f) {
  const Mpfr keep = x;
  x = keep + h;
  const Mpfr up = f();
  x = keep - h;
  const Mpfr down = f();
  x = keep;
  return (up - down) / (2 * h);
}

}  // namespace icl
