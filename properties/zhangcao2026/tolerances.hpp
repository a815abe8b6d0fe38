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
// A rate run has reached its asymptotic regime when the local log-log slopes of its last two decades agree within this
// (transients were seen with slopes from +0.1 to −0.5 for a decade before settling at −1.00).
constexpr double kSlopeSettled = 0.1;

// C13 "far below": at least an order of magnitude at t = 10⁵ (the minimal reading; measured 1.5–3.4 orders over 20
// prompts × 9 seeds). "GD decays slower": its local log-log exponent above half of NGD's rate −1 (a 1/log t rate itself
// is not decidable over two decades).
constexpr double kFarBelow = 0.1, kSlowerFraction = 0.5, kNgdRate = -1;

// Training (C14–C16, C22): Armijo's sufficient-decrease constant for the monotone GD of teacher.cpp (the customary
// 1e-4: a step is kept when it realises a ten-thousandth of its first-order prediction).
constexpr double kArmijo = 1e-4;

// C14 linear convergence: the loss falls by three orders of magnitude over the run (with every late window
// contracting and a straight late log-loss).
constexpr double kLossDrop = 1e-3;
// C14: the loss is a mean of ‖S_out − target‖², each residual entry a difference of dot products of length ≤ N + d + 2
// (softmax-weighted sum, B z̄, w_0 − target) in double, so its rounding is below γ = (N + d + 2)·u times ‖target‖
// (Higham's γ_n bound). Records below mean((γ‖target‖)²) are rounding, not descent: the rate is read above that floor
// (a run at ten times the default budget reaches ≈ 7·10⁻³¹ and stays there).
constexpr double kRoundingFloorTerms = 2;  // the "+ 2" of N + d + 2

// C15 "approaches K1": relative Frobenius error of each block from a multiple of ±I, and of ab from η, below 5%
// (the teacher fixes a = 1, b = η exactly; the trained layer reaches 1e-4 at the default budget).
constexpr double kBlockShape = 0.05;

// C16 "tracks NGD and tends to u*": cosines above 0.99 (an angle below 8°).
constexpr double kMinCosine = 0.99;

// C17: the double dual coordinate ascent against the exact QP: agreement to 1e-8 relative, certified for the iterate by
// its duality gap (C17.cpp); the ascent stops there, or after kMaxDualSweeps (then: inconclusive, a budget).
constexpr double kDualAgreement = 1e-8;
constexpr long kMaxDualSweeps = 1L << 22;

// C22: a local minimum of the profile whose loss exceeds this is not global (the global one is 0 to rounding:
// a double loss of order 1e-30).
constexpr double kGlobalLoss = 1e-10;
// C22: a multistart run "reaches zero loss" when its final loss is below this (from O(1) at the start: six orders).
constexpr double kReachedZero = 1e-6;

// C23 first-order stability: over the points in the first-order regime (a deviation at most 1% of the iterate, where
// second-order terms are two orders below first-order ones) the fitted ε exponent is 1 within 0.1.
constexpr double kLinearInEpsilon = 0.1, kLinearRegime = 1e-2;

// C24: the series at equal ηt collapse when their relative spread across η is below 25%.
constexpr double kCollapseSpread = 0.25;

}  // namespace icl::zhangcao2026
