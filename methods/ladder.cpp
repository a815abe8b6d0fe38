#include "methods/ladder.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/scalar.hpp"

namespace icl::check {

namespace {

// Fills fit, units and falls from the series.
void analyse(Ladder& l, double ops) {
  std::vector<double> logs;
  double first_bits = NAN, first_log = NAN, last_bits = NAN, last_log = NAN;
  for (size_t i = 0; i < l.series.x.size(); ++i) {
    const double x = l.series.x[i], y = l.series.y[i];
    logs.push_back(y > 0 ? std::log2(y) : NAN);
    if (!(y > 0)) continue;
    l.units = std::max(l.units, y / (std::exp2(-x) * ops));
    if (std::isnan(first_log)) {
      first_bits = x;
      first_log = logs.back();
    } else if (logs.back() - last_log > -kLadderMinStepSlope * (x - last_bits)) {
      l.falls = false;
    }
    last_bits = x;
    last_log = logs.back();
  }
  if (last_bits > first_bits && last_log - first_log > -kLadderMinSlope * (last_bits - first_bits)) l.falls = false;
  l.fit = fit_line(l.series.x, logs);
}

}  // namespace

Ladder precision_ladder(int bits, const std::string& name, const std::function<double()>& discrepancy, double ops) {
  Ladder l;
  l.series = {name, "bits", "max discrepancy", {}, {}};
  for (int b : {bits / 2, bits, 2 * bits, 4 * bits}) {
    if (b < 53) continue;
    PrecisionScope scope(b);
    l.series.x.push_back(scope.bits());
    l.series.y.push_back(discrepancy());
  }
  analyse(l, ops);
  return l;
}

bool identity_holds(const Ladder& l) { return l.falls; }

std::string Ladder::summary() const {
  std::string s;
  for (size_t i = 0; i < series.x.size(); ++i)
    s += fmt::format("{}{:.0f} bits: {:.3g}", s.empty() ? "" : "; ", series.x[i], series.y[i]);
  if (fit.n >= 2) s += fmt::format("; log2 slope {:.3f} per bit; at most {:.3g} u·ops", fit.slope, units);
  return s + (falls ? "" : " (does NOT fall like rounding)");
}

}  // namespace icl::check

namespace icl::check {

LadderOutcome ladder_property(const std::string& id, const PropertyParams& params, int bits, const std::string& name,
                              const std::function<LadderCase()>& draw) {
  LadderOutcome out;
  out.worst.series = {name, "bits", "max discrepancy", {}, {}};
  bool failed = false;
  double max_ops = 0;
  out.property = check_property(
      id,
      [&] {
        const bool before = failed;
        failed = true;  // a draw that fails by itself (RC_FAIL, e.g. an Arb enclosure) also ends the sample
        const LadderCase c = draw();
        failed = before;
        const Ladder l = precision_ladder(bits, name, c.discrepancy, c.ops);
        const bool holds = identity_holds(l);
        if (!failed) {  // shrinking re-runs smaller instances; they do not belong to the sample
          Series& w = out.worst.series;
          if (w.x.empty()) w.y.assign(l.series.y.size(), 0.0);
          w.x = l.series.x;
          for (size_t i = 0; i < l.series.y.size(); ++i) w.y[i] = std::max(w.y[i], l.series.y[i]);
          out.worst.falls = out.worst.falls && l.falls;
          out.worst.units = std::max(out.worst.units, l.units);
          max_ops = std::max(max_ops, c.ops);
        }
        if (!holds) {
          failed = true;
          RC_FAIL(c.instance + name + ": " + l.summary());
        }
      },
      params);
  const bool each_falls = out.worst.falls;
  const double units = out.worst.units;
  analyse(out.worst, max_ops);  // the fit of the worst series; the verdict and units stay per case
  out.worst.falls = each_falls;
  out.worst.units = units;
  return out;
}

namespace {
// Holds < inconclusive < refuted.
int weakness(Verdict v) { return v == Verdict::Refuted ? 2 : v == Verdict::Inconclusive ? 1 : 0; }
}  // namespace

void conclude(Evidence& ev, const LadderOutcome& outcome, const std::string& what, int bits) {
  const bool first = ev.series.empty();
  const Ladder& l = outcome.worst;
  ev.note(what, fmt::format("{} cases; worst per rung: {}", outcome.property.successes, l.summary()));
  ev.series.push_back(l.series);
  ev.precision_bits = bits;
  // The evidence's error is the worst discrepancy at the working precision (the first rung at or above `bits`).
  for (size_t i = 0; i < l.series.x.size(); ++i)
    if (l.series.x[i] >= bits) {
      ev.max_error = std::max(ev.max_error.value_or(0), l.series.y[i]);
      break;
    }
  Verdict v = Verdict::HoldsNumerically;
  if (outcome.property.failed()) {
    v = Verdict::Refuted;
    if (ev.counterexample.empty()) {
      ev.counterexample = outcome.property.description;
      ev.reproduce = outcome.property.reproduce;
    }
  } else if (!outcome.property.passed() || !identity_holds(l)) {
    v = Verdict::Inconclusive;
    if (!outcome.property.passed()) ev.note("property", outcome.property.description);
  }
  if (first || weakness(v) > weakness(ev.verdict)) ev.verdict = v;
}

}  // namespace icl::check
