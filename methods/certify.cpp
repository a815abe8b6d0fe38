#include "methods/certify.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace icl::check {

void Comparisons::add(const Ball& left_up, const Ball& right_low, const Ball& left_low, const Ball& right_up,
                      const std::string& where, bool tie_expected, double tie_tolerance) {
  const Ball slack = right_low - left_up;
  if (left_up.certainly_below(right_low)) {
    ++certified;
    min_slack = std::min(min_slack, slack.lower());
  } else if (right_up.certainly_below(left_low)) {
    ++violated;
    if (first_violation.empty()) first_violation = where;
  } else if (tie_expected && std::abs(slack.mid()) <= tie_tolerance) {
    ++tight;
  } else {
    ++undecided;
  }
}

std::string Comparisons::describe() const {
  return fmt::format("{} certified, {} tight (equality predicted), {} violated, {} undecided{}", certified, tight, violated,
                     undecided, certified > 0 ? fmt::format("; min slack of the certified {:.3g}", min_slack) : std::string());
}

void conclude(Evidence& ev, const Comparisons& c, const std::string& what) {
  ev.cases += c.total();
  ev.note(what, c.describe());
  if (c.violated > 0) {
    ev.verdict = Verdict::Refuted;
    if (ev.counterexample.empty()) ev.counterexample = c.first_violation;
  } else if (c.undecided > 0 && ev.verdict != Verdict::Refuted) {
    ev.verdict = Verdict::Inconclusive;
  } else if (ev.verdict == Verdict::Inconclusive && c.total() > 0 && c.undecided == 0) {
    ev.verdict = Verdict::Certified;
  }
  if (c.certified > 0 && std::isfinite(c.min_slack) && (!ev.bound || c.min_slack < *ev.bound)) {
    ev.bound = c.min_slack;
    ev.bound_label = "min certified slack";
  }
}

}  // namespace icl::check
