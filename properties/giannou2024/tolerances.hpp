// Giannou family: every number that decides a verdict outside exact and certified comparisons, with its derivation.
#pragma once

namespace icl::giannou2024 {

// LOG4: the η forms' discrepancy must fall by at least half a bit per bit of precision (rounding falls one).
constexpr double kMinFallPerBit = 0.5;

// LOG12: norms of MPFR iterates rounded to double: "no growth" allows double rounding (2^-52 relative) and nothing
// a 100-step outward drift could hide in; the reach allows the error's own balance ε/μ per step, ten-fold, plus 1.
constexpr double kNoGrowth = 1e-9;
constexpr double kReachFactor = 10, kReachSlack = 1;

// ACC2: the per-step error must shrink faster than √ε (what a final O(√ε) needs); the claimed width exponent 4
// (Theorem 5.2) and final exponent 1/2 are compared with exponents fitted over two decades of ε, allowing 0.5 and
// 0.1 of fit slack (the fits' standard errors are below 0.05).
constexpr double kMinErrorExponent = 0.5;
constexpr double kClaimedWidthExponent = 4, kWidthExponentSlack = 0.5;
constexpr double kClaimedFinalExponent = 0.5, kFinalExponentSlack = 0.1;

// EXP3: in distribution is |x_test,1| ≤ 3 (three standard deviations: coordinates have variance ≤ λ_max = 1), out of
// distribution |x_test,1| ≥ 10; "does not follow outside" is an error at least ten times the in-distribution error.
constexpr double kInDistribution = 3, kOutOfDistribution = 10, kOutsideFactor = 10;

}  // namespace icl::giannou2024
