// Least-squares line fits for rates (log–log or semi-log) and precision ladders.
#pragma once

#include <vector>

namespace icl {

struct LineFit {
  double slope = 0, intercept = 0;
  double slope_se = 0;  // standard error of the slope (0 with two points)
  int n = 0;
};

// Mean of independent replicates (seeds) and its standard error s/√n (0 for one replicate).
struct MeanSe {
  double mean = 0, se = 0;
};
MeanSe mean_and_se(const std::vector<double>& v);

// P(X ≤ k) for X ~ Binomial(n, 1/2): one-sided tests of "a pattern in most seeds" (k of n seeds show it).
double binomial_tail_at_most(long k, long n);

// The two-sided (1 − α) prediction interval of one more independent replicate from M ≥ 2 replicates: mean ± t·s·√(1 + 1/M),
// t the Student quantile at 1 − α/2 with M − 1 degrees of freedom; with `log_scale`, of the logs (positive values),
// returned on the value scale.
struct Interval {
  double lo = 0, hi = 0;
  bool contains(double v) const { return v >= lo && v <= hi; }
};
Interval prediction_interval(const std::vector<double>& values, double alpha, bool log_scale);

// The family-wise false-refutation level of every statistical comparison in the suite: a correct formula or a correct
// printed number is refuted anywhere among a claim's m comparisons with probability at most kFamilyAlpha (Bonferroni,
// α = kFamilyAlpha / m each). At 5% a correct figure would be "refuted" under about one seed in twenty — a verdict that
// changes with the seed is not earned.
constexpr double kFamilyAlpha = 1e-5;

// Fits y = intercept + slope·x over the pairs with finite x and y.
LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace icl
