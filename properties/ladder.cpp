#include "properties/ladder.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/scalar.hpp"

namespace icl::check {

Ladder precision_ladder(int bits, const std::string& name, const std::function<double()>& discrepancy, double ops,
                        double scale) {
  Ladder l;
  l.series = {name, "bits", "max discrepancy", {}, {}};
  std::vector<double> logs;
  for (int b : {bits / 2, bits, 2 * bits, 4 * bits}) {
    if (b < 53) continue;
    PrecisionScope scope(b);
    const double d = discrepancy();
    l.within = l.within && d <= rounding_tolerance<Mpfr>(ops, scale);
    l.series.x.push_back(scope.bits());
    l.series.y.push_back(d);
    logs.push_back(d > 0 ? std::log2(d) : NAN);
  }
  l.fit = fit_line(l.series.x, logs);
  return l;
}

bool identity_holds(const Ladder& l) {
  if (!l.within) return false;
  if (l.fit.n < 2) return true;  // zero at every rung but one: nothing to fall
  return -l.fit.slope >= kLadderMinSlope;
}

std::string Ladder::summary() const {
  std::string s;
  for (size_t i = 0; i < series.x.size(); ++i)
    s += fmt::format("{}{:.0f} bits: {:.3g}", s.empty() ? "" : "; ", series.x[i], series.y[i]);
  if (fit.n >= 2) s += fmt::format("; log2 slope {:.3f} per bit", fit.slope);
  return s + (within ? "" : " (above the rounding tolerance)");
}

}  // namespace icl::check
