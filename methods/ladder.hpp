// Identities with transcendental functions, checked in MPFR at rising precision: an identity computed with
// rounding leaves a discrepancy of order κ·2^-bits, which falls by one bit per bit of precision whatever the
// condition κ of the computation; a real difference δ, however small, stays put once rounding drops below it.
// So the verdict rests on the fall, not on a magnitude threshold (a threshold would need κ, which for looped
// softmax layers grows with the scores and the number of steps):
//   - from the first to the last non-zero rung it falls at least kLadderMinSlope bits per bit, and
//   - between every pair of consecutive non-zero rungs it falls at least kLadderMinStepSlope bits per bit.
// A plateau (δ reached at some rung) makes the next gap fall ~0 bits. Rounding errors only scatter downwards
// (cancellation), so a lucky rung shortens one gap's fall by its luck; the step rate tolerates 64 bits of luck
// at the 128 → 256 gap (a lucky 2^-33 at 128 bits has been seen). The discrepancy in units of u·ops is reported
// beside it, as Boost.Math reports errors in units of epsilon.
#pragma once

#include <functional>
#include <string>

#include "core/claim.hpp"
#include "core/fit.hpp"
#include "core/property.hpp"

namespace icl::check {

struct Ladder {
  Series series;      // precision (bits) → discrepancy
  LineFit fit;        // log2(discrepancy) against bits (rungs with a zero discrepancy are left out)
  double units = 0;   // largest discrepancy in units of u·ops at its rung
  bool falls = true;  // overall and step by step, as above
  std::string summary() const;
};

// Rounding falls 1 bit per bit; over the 896 bits from B/2 to 4B (B = 256) the overall rate tolerates 179 bits
// of luck, the step rate 64 bits at the narrowest gap.
constexpr double kLadderMinSlope = 0.8;
constexpr double kLadderMinStepSlope = 0.5;

// Runs `discrepancy()` inside a PrecisionScope at bits/2, bits, 2·bits, 4·bits (rungs below 53 bits skipped).
// `ops` bounds the rounding steps on the longest path (for the reported units only).
Ladder precision_ladder(int bits, const std::string& name, const std::function<double()>& discrepancy, double ops);
// Falls like rounding overall and between every pair of non-zero rungs (or is exactly zero).
bool identity_holds(const Ladder& l);

// ---- a property whose every case is a ladder ----

// One drawn instance: its description is built from RapidCheck picks, so a failing case shrinks to a
// smallest instance; `discrepancy` is evaluated at the current MPFR precision.
struct LadderCase {
  std::string instance;  // "name = value" lines
  std::function<double()> discrepancy;
  double ops;  // rounding budget of this instance
};

struct LadderOutcome {
  PropertyOutcome property;  // failed: some instance's ladder does not fall
  Ladder worst;              // rung by rung, the largest discrepancy over the cases run before any failure
};

// `draw` runs inside the property: it picks an instance (RcSource or pick_* helpers) and returns its case.
LadderOutcome ladder_property(const std::string& id, const PropertyParams& params, int bits, const std::string& name,
                              const std::function<LadderCase()>& draw);

// Records a ladder property on the evidence: a failure refutes with the shrunk instance and its RC_PARAMS string;
// otherwise the worst ladder holds numerically. The first ladder recorded on `ev` sets its verdict; later ones
// can only weaken it (holds → inconclusive → refuted).
void conclude(Evidence& ev, const LadderOutcome& outcome, const std::string& what, int bits);

}  // namespace icl::check
