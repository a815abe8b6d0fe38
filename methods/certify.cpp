#include "methods/certify.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/scalar.hpp"

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
  return fmt::format("{} certified, {} tight (equality predicted), {} violated, {} undecided{}{}", certified, tight, violated,
                     undecided, certified > 0 ? fmt::format("; min slack of the certified {:.3g}", min_slack) : std::string(),
                     escalated > 0 ? fmt::format("; {} instance{} decided at a higher precision", escalated,
                                                 escalated == 1 ? "" : "s")
                                   : std::string());
}

void certify_instance(Comparisons& total, int bits, const std::function<void(Comparisons&)>& evaluate, int doublings) {
  Comparisons one;
  for (int k = 0; k <= doublings; ++k) {
    one = Comparisons{};
    if (k == 0) {
      evaluate(one);
    } else {
      PrecisionScope scope(bits << k);
      evaluate(one);
    }
    if (one.undecided == 0) {
      if (k > 0) ++total.escalated;
      break;
    }
  }
  total.certified += one.certified;
  total.tight += one.tight;
  total.violated += one.violated;
  total.undecided += one.undecided;
  total.min_slack = std::min(total.min_slack, one.min_slack);
  if (total.first_violation.empty()) total.first_violation = one.first_violation;
}

void conclude(Evidence& ev, const Comparisons& c, const std::string& what) {
  ev.cases += c.total();
  if (!what.empty()) ev.note(what, c.describe());
  if (c.violated > 0) {
    ev.verdict = Verdict::Refuted;
    if (ev.counterexample.empty()) ev.counterexample = c.first_violation;
  } else if (c.undecided > 0 && ev.verdict != Verdict::Refuted) {
    ev.inconclusive(fmt::format("{} comparison{} undecided even at 8× the working precision{}", c.undecided,
                                c.undecided == 1 ? "" : "s", what.empty() ? "" : " (" + what + ")"));
  } else if (ev.verdict == Verdict::Inconclusive && c.total() > 0 && c.undecided == 0) {
    ev.verdict = Verdict::Certified;
  }
  if (c.certified > 0 && std::isfinite(c.min_slack) && (!ev.bound || c.min_slack < *ev.bound)) {
    ev.bound = c.min_slack;
    ev.bound_label = "min certified slack";
  }
}

}  // namespace icl::check
