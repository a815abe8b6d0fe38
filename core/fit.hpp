// Least-squares line fits for rates (log–log or semi-log) and precision ladders.
#pragma once

#include <vector>

namespace icl {

struct LineFit {
  double slope = 0, intercept = 0;
  double slope_se = 0;  // standard error of the slope (0 with two points)
  int n = 0;
};

// Fits y = intercept + slope·x over the pairs with finite x and y.
LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace icl
