// Central differences in MPFR, the reference every analytic gradient in the suite is checked against.
#pragma once

#include "core/scalar.hpp"

namespace icl {

// (f(x + h) − f(x − h)) / 2h for a parameter x held by reference inside the model `f` reads; x is restored.
// The truncation error is O(h²) and the rounding error O(u/h), so h = 2^-80 at 256 bits leaves ~2^-160.
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
