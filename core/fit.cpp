#include "core/fit.hpp"

#include <cmath>

#include <boost/math/distributions/students_t.hpp>

namespace icl {

Interval prediction_interval(const std::vector<double>& values, double alpha, bool log_scale) {
  const double M = double(values.size());
  const auto at = [&](double v) { return log_scale ? std::log(v) : v; };
  double mean = 0, var = 0;
  for (double v : values) mean += at(v) / M;
  for (double v : values) var += (at(v) - mean) * (at(v) - mean) / (M - 1);
  const double t = boost::math::quantile(boost::math::students_t(M - 1), 1 - alpha / 2);
  const double half = t * std::sqrt(var) * std::sqrt(1 + 1 / M);
  if (log_scale) return {std::exp(mean - half), std::exp(mean + half)};
  return {mean - half, mean + half};
}

LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  LineFit f;
  double sx = 0, sy = 0;
  std::vector<double> xs, ys;
  for (size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      xs.push_back(x[i]);
      ys.push_back(y[i]);
      sx += x[i];
      sy += y[i];
    }
  f.n = static_cast<int>(xs.size());
  if (f.n < 2) return f;
  const double mx = sx / f.n, my = sy / f.n;
  double sxx = 0, sxy = 0;
  for (int i = 0; i < f.n; ++i) {
    sxx += (xs[i] - mx) * (xs[i] - mx);
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  if (sxx == 0) return f;
  f.slope = sxy / sxx;
  f.intercept = my - f.slope * mx;
  if (f.n > 2) {
    double rss = 0;
    for (int i = 0; i < f.n; ++i) {
      const double r = ys[i] - f.intercept - f.slope * xs[i];
      rss += r * r;
    }
    f.slope_se = std::sqrt(rss / (f.n - 2) / sxx);
  }
  return f;
}

MeanSe mean_and_se(const std::vector<double>& v) {
  MeanSe m;
  if (v.empty()) return m;
  for (double x : v) m.mean += x;
  m.mean /= double(v.size());
  double ss = 0;
  for (double x : v) ss += (x - m.mean) * (x - m.mean);
  m.se = v.size() > 1 ? std::sqrt(ss / double(v.size() - 1) / double(v.size())) : 0;
  return m;
}

double binomial_tail_at_most(long k, long n) {
  double total = 0, term = std::pow(0.5, double(n));  // C(n, 0) / 2^n
  for (long i = 0; i <= k; ++i) {
    total += term;
    term *= double(n - i) / double(i + 1);
  }
  return total;
}

}  // namespace icl
