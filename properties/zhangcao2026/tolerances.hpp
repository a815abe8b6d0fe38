// Zhang & Cao family: every number that decides a verdict, with its derivation. Identities need none (precision
// ladders decide by the fall of the discrepancy, methods/ladder.hpp); Arb comparisons need none (certified or not).
#pragma once

namespace icl::zhangcao2026 {

// Bounds along runs: a step whose relative slack is below this is "tight" and must lie inside the Arb-certified
// horizon for the bound to count as certified (elsewhere the MPFR trajectory's margin is ≥ 1e-3 ≫ its rounding).
constexpr double kTightSlack = 1e-3;

// C11: γ(w_t) is a ratio of O(ηt)-sized double quantities; 64 units of roundoff relative to γ* is its rounding
// budget (a min over N = 20 inner products of length d = 5 plus a norm, each at most ~30 roundings).
constexpr double kMarginRoundoffUnits = 64;
// C11/C21 "→": after 10^5 steps the gap or error has fallen below 1% of γ* (resp. 0.05 in direction), at a rate of
// 1/t from O(1) at t = 1 — two orders of magnitude short of what 1/t would give, so a converging run clears it.
constexpr double kMarginGapConverged = 1e-2;
constexpr double kDirectionConverged = 0.05;

// C12: the candidate exponent is −1; a fit over [10³, 10⁵] with 7 checkpoints has SE ≈ 0.01, so −0.9 is ten SE
// from the claim's value and still far from a non-polynomial (logarithmic) decay, whose local slope is ≈ −0.1.
constexpr double kClaimedRateExponent = -1.0, kRateExponentSlack = 0.1;
// A local slope that steepens by more than this between decades is faster than polynomial.
constexpr double kSteepening = 0.5;

// C13 "far below": two orders of magnitude; "like 1/log t": no polynomial decay, |log-log slope| below 0.25 (the
// local slope of 1/log t on [10³, 10⁵] is −1/log t ≈ −0.1).
constexpr double kFarBelow = 0.01, kNoPolynomialDecay = 0.25;

// C14 linear convergence: the loss falls by three orders of magnitude over the run (with every late window
// contracting and a straight late log-loss).
constexpr double kLossDrop = 1e-3;

// C15 "approaches K1": relative Frobenius error of each block from a multiple of ±I, and of ab from η, below 5%
// (the teacher fixes a = 1, b = η exactly; the trained layer reaches 1e-4 at the default budget).
constexpr double kBlockShape = 0.05;

// C16 "tracks NGD and tends to u*": cosines above 0.99 (an angle below 8°).
constexpr double kMinCosine = 0.99;

// C17: the double dual coordinate ascent (20000 sweeps) against the exact QP: agreement to 1e-8 relative.
constexpr double kDualAgreement = 1e-8;

// C22: a local minimum of the profile whose loss exceeds this is not global (the global one is 0 to rounding:
// a double loss of order 1e-30).
constexpr double kGlobalLoss = 1e-10;

// C23 first-order stability: the fitted ε exponent is 1 within 0.1.
constexpr double kLinearInEpsilon = 0.1;

// C24: the series at equal ηt collapse when their relative spread across η is below 25%.
constexpr double kCollapseSpread = 0.25;

}  // namespace icl::zhangcao2026
