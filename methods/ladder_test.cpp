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

// The ladder's two thresholds, each tested on both sides: a discrepancy falling at a fraction of a bit per bit of
// precision (a real difference hidden under rounding that shrinks more slowly than rounding) must fail, rounding must
// pass.
TEST_SUITE("properties;unit;mpfr") {
  TEST_CASE("a discrepancy falling half a bit per bit is not rounding") {
    const auto falls_at = [](double rate) {
      return precision_ladder(256, "rate", [rate] {
        const double bits = -std::log2(icl::ScalarTraits<icl::Mpfr>::unit_roundoff());
        return std::exp2(-rate * bits);
      }, 10);
    };
    CHECK_FALSE(identity_holds(falls_at(0.5)));
    CHECK_FALSE(identity_holds(falls_at(icl::check::kLadderMinSlope - 0.05)));  // overall slope just below the threshold
    CHECK(identity_holds(falls_at(icl::check::kLadderMinSlope + 0.05)));        // just above it
    CHECK(identity_holds(falls_at(1.0)));
  }
  TEST_CASE("one step that falls too slowly fails even when the overall fall is fast") {
    // Rungs at 128, 256, 512, 1024 bits: falls 1 bit/bit except between 256 and 512 where it falls at 0.4 bit/bit.
    const auto ladder = precision_ladder(256, "step", [] {
      const double bits = -std::log2(icl::ScalarTraits<icl::Mpfr>::unit_roundoff());
      const double slow = bits > 300 ? 0.6 * (std::min(bits, 513.0) - 257) : 0;  // bits of fall withheld in that gap
      return std::exp2(-bits + slow);
    }, 10);
    CHECK_FALSE(identity_holds(ladder));
  }
  TEST_CASE("a ladder concluding from its first rung alone would miss a late plateau") {
    // Exact agreement at the first two rungs' precision is not enough: the discrepancy stops falling at 2^-300.
    CHECK_FALSE(identity_holds(precision_ladder(256, "late", [] {
      return std::max(icl::ScalarTraits<icl::Mpfr>::unit_roundoff(), std::exp2(-300.0));
    }, 10)));
  }
}
