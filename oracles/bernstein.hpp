// O5 (ding2025), two variables: exact sign certification of a polynomial on the unit square by Bernstein
// coefficients. On a box, a polynomial lies between its smallest and largest Bernstein coefficient, and the corner
// coefficients are its values at the corners; so all coefficients > 0 certify positivity on the closed box, a corner
// coefficient ≤ 0 exhibits a point where it is not positive, and anything else is split in half (de Casteljau,
// alternating the axes) and examined again. Rationals throughout.
#pragma once

#include <string>
#include <vector>

#include "core/scalar.hpp"

namespace icl::realroots {

// a[k][l] is the coefficient of u^k v^l.
using Bivariate = std::vector<std::vector<Rational>>;

struct BoxSign {
  bool positive = false;  // certified > 0 on [0, 1]²
  long boxes = 0;         // boxes certified
  int depth = 0;          // deepest subdivision used
  std::string failure;    // where it is not positive, or where the depth ran out
};

BoxSign positive_on_unit_square(const Bivariate& a, int max_depth);

// ≥ 0 on [0, 1]²: factors u, 1 − u, v, 1 − v (≥ 0 there) are divided out, and where the rest vanishes at a corner the
// corner is blown up — moved to the origin, then {v ≤ u} with v = uw and {u ≤ v} with u = vw, each again a
// polynomial on [0, 1]² — up to `blowups` times. `positive` means certified ≥ 0 (> 0 off the zero set of the divided
// factors and the blown-up corners); `failure` then holds the derivation.
BoxSign nonnegative_on_unit_square(Bivariate a, int blowups, int max_depth);

}  // namespace icl::realroots
