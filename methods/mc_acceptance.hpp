// Monte Carlo acceptance shared by every family: |mean − exact| ≤ z·SE, with z such that a correct formula raises a
// false alarm anywhere among a claim's m comparisons with probability at most kMcFamilyAlpha (Bonferroni over the m
// points, two-sided normal tails): z = Φ^{-1}(1 − α/(2m)) — 4.87 for 9 points, 4.93 for 12. Exact oracles decide
// refutations; Monte Carlo is a second, independent path whose disagreement alone leaves a claim inconclusive.
#pragma once

#include <cmath>

#include "core/fit.hpp"

namespace icl::check {

constexpr double kMcFamilyAlpha = kFamilyAlpha;
// Below this many samples the normal approximation behind the SE test is not trusted: the Monte Carlo part is
// inconclusive.
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

}  // namespace icl::check
