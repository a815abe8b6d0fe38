// von Oswald family: every number that decides a verdict, with its derivation.
#pragma once

#include <cmath>

namespace icl::vonoswald2023 {

// Monte Carlo agreement: |mean − formula| ≤ z·SE, with z such that a correct formula raises a false alarm anywhere
// among a claim's m comparisons with probability at most kMcFamilyAlpha (Bonferroni over the m points, two-sided
// normal tails): z = Φ^{-1}(1 − α/(2m)) — 4.87 for C7's 9 points, 4.93 for C24's 12. The exact O3 polynomials decide
// refutations; Monte Carlo is a second, independent path whose disagreement alone leaves a claim inconclusive.
constexpr double kMcFamilyAlpha = 1e-5;
// Below this many tasks the normal approximation behind the SE test is not trusted: the Monte Carlo part is
// inconclusive (the row's minimum of its "tasks" budget).
constexpr long kMcMinTasks = 10000;

inline double mc_sigmas(int comparisons) {
  // Solve erfc(z/√2) = α/m by bisection (erfc is decreasing).
  const double target = kMcFamilyAlpha / comparisons;
  double lo = 0, hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (std::erfc(mid / std::sqrt(2.0)) > target ? lo : hi) = mid;
  }
  return hi;
}

// The paper prints the GD* loss as "≈ 0.2": one significant digit, so it agrees with an exact value in
// [0.2 − 0.05, 0.2 + 0.05).
constexpr double kReportedLoss = 0.2, kReportedHalfUnit = 0.05;

// The C3 demo's rounding budget: K layers, each entry a sum over N keys and one width-long product chain,
// four roundings per term, relative to the largest entry (used as u·ops, the tolerance of each rung).
constexpr double demo_ops(int K, int N, int width) { return double(K) * (N + width) * 4; }

}  // namespace icl::vonoswald2023
