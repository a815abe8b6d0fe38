// von Oswald family: every number that decides a verdict, with its derivation.
#pragma once

namespace icl::vonoswald2023 {

// Monte Carlo agreement: |mean − formula| ≤ kMcSigmas·SE. At 5 SE a correct formula fails one point with
// probability 5.7e-7 (normal approximation); C7 and C24 compare 9 and 12 points, so a false alarm over the
// family has probability below 2e-5. The exact O3 polynomials decide; Monte Carlo is a second, independent path.
constexpr double kMcSigmas = 5.0;
// Below this many tasks the normal approximation behind the SE test is not trusted.
constexpr long kMcMinTasks = 10000;

// The paper prints the GD* loss as "≈ 0.2": one significant digit, so it agrees with an exact value in
// [0.2 − 0.05, 0.2 + 0.05).
constexpr double kReportedLoss = 0.2, kReportedHalfUnit = 0.05;

// The C3 demo's rounding budget: K layers, each entry a sum over N keys and one width-long product chain,
// four roundings per term, relative to the largest entry (used as u·ops, the tolerance of each rung).
constexpr double demo_ops(int K, int N, int width) { return double(K) * (N + width) * 4; }

}  // namespace icl::vonoswald2023
