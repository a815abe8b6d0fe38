// Identities with transcendental functions, checked in MPFR at rising precision: an identity computed with
// rounding leaves a discrepancy of order 2^-bits, so it must be within the rounding tolerance at every rung and
// fall by about one bit per bit of precision; a close approximation stays put.
#pragma once

#include <functional>
#include <string>

#include "core/claim.hpp"
#include "core/fit.hpp"

namespace icl::check {

struct Ladder {
  Series series;           // precision (bits) → discrepancy
  LineFit fit;             // log2(discrepancy) against bits (rungs with a zero discrepancy are left out)
  bool within = true;      // every rung within its tolerance
  std::string summary() const;
};

// An identity falls at least this many bits per bit (a rounded identity falls ~1).
constexpr double kLadderMinSlope = 0.8;

// Runs `discrepancy()` inside a PrecisionScope at bits/2, bits, 2·bits, 4·bits (rungs below 53 bits skipped).
// The tolerance at a rung is u·ops·scale (core/scalar.hpp, rounding_tolerance).
Ladder precision_ladder(int bits, const std::string& name, const std::function<double()>& discrepancy, double ops,
                        double scale);
// Within tolerance everywhere and falling like rounding (or exactly zero throughout).
bool identity_holds(const Ladder& l);

}  // namespace icl::check
