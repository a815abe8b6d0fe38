// The rising-precision verdict on synthetic discrepancies: rounding (even with a lucky rung) holds, a real
// difference hidden below rounding at the first rungs is caught at the rung where it surfaces.
#include <cmath>

#include <doctest/doctest.h>

#include "core/scalar.hpp"
#include "methods/ladder.hpp"

using icl::check::identity_holds;
using icl::check::precision_ladder;

namespace {

// A discrepancy κ·2^-bits at the current precision, plus a real difference δ, with a lucky factor at one rung.
// The lucky rung is the lowest (B/2 = 128 bits for B = 256).
double rounding_like(double kappa, double delta, double luck_at_lowest = 1) {
  const double u = icl::ScalarTraits<icl::Mpfr>::unit_roundoff();
  return kappa * u * (u > std::exp2(-140) ? luck_at_lowest : 1.0) + delta;
}

}  // namespace

TEST_SUITE("properties;unit;mpfr") {
  TEST_CASE("rounding at any conditioning holds") {
    for (double kappa : {1.0, 1e6, 1e30})
      CHECK(identity_holds(precision_ladder(256, "rounding", [&] { return rounding_like(kappa, 0); }, 10)));
  }
  TEST_CASE("a rung lucky by 2^-40 still holds") {
    CHECK(identity_holds(precision_ladder(256, "lucky", [&] { return rounding_like(1e3, 0, std::exp2(-40)); }, 10)));
  }
  TEST_CASE("exact agreement holds") { CHECK(identity_holds(precision_ladder(256, "zero", [] { return 0.0; }, 10))); }
  TEST_CASE("a real difference is caught wherever it surfaces") {
    for (double delta : {1e-3, 1e-60, 1e-120, 1e-200}) {
      CAPTURE(delta);
      CHECK_FALSE(identity_holds(precision_ladder(256, "plateau", [&] { return rounding_like(1, delta); }, 10)));
    }
  }
}
