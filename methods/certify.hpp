// Certified comparisons "left < right" in Arb ball arithmetic, tallied for a claim: certified when the upper
// bound of the left side is below the lower bound of the right side, violated when the reverse holds with
// certainty, tight when the two agree within a tolerance in a case where equality is predicted, undecided
// otherwise.
#pragma once

#include <functional>
#include <limits>
#include <string>

#include "core/ball.hpp"
#include "core/claim.hpp"

namespace icl::check {

class Comparisons {
 public:
  // Both sides as enclosures.
  void add(const Ball& left, const Ball& right, const std::string& where, bool tie_expected = false,
           double tie_tolerance = 0) {
    add(left, right, left, right, where, tie_expected, tie_tolerance);
  }
  // Separate one-sided bounds: left ≤ left_up and right ≥ right_low certify; left ≥ left_low and right ≤ right_up
  // certify a violation.
  void add(const Ball& left_up, const Ball& right_low, const Ball& left_low, const Ball& right_up, const std::string& where,
           bool tie_expected = false, double tie_tolerance = 0);
  long certified = 0, tight = 0, violated = 0, undecided = 0;
  long escalated = 0;  // instances that needed more than the working precision to decide
  double min_slack = std::numeric_limits<double>::infinity();  // over the certified comparisons
  std::string first_violation;
  long total() const { return certified + tight + violated + undecided; }
  std::string describe() const;
};

// Certifies one drawn instance: `evaluate(tally)` adds the instance's comparisons at the precision in force. While
// any of them stays undecided it is evaluated afresh at 2×, 4×, … the working precision (`doublings` times): balls
// shrink with precision, so a strict inequality is decided eventually and an undecided comparison at the working
// precision is a question of budget, not of truth. The first precision that decides everything counts (else the
// last). The instance's inputs must be drawn outside `evaluate`, which may run several times.
void certify_instance(Comparisons& total, int bits, const std::function<void(Comparisons&)>& evaluate, int doublings = 3);

// Adds the tally to the evidence: any violation refutes; undecided comparisons leave it inconclusive; otherwise
// certified. Keeps the smallest certified slack as the evidence's bound.
void conclude(Evidence& ev, const Comparisons& c, const std::string& what);

}  // namespace icl::check
