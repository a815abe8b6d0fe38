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

// Fits y = intercept + slope·x over the pairs with finite x and y.
LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace icl
