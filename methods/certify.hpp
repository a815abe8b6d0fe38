// Certified comparisons "left < right" in Arb ball arithmetic, tallied for a claim: certified when the upper
// bound of the left side is below the lower bound of the right side, violated when the reverse holds with
// certainty, tight when the two agree within a tolerance in a case where equality is predicted, undecided
// otherwise.
#pragma once

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
  double min_slack = std::numeric_limits<double>::infinity();  // over the certified comparisons
  std::string first_violation;
  long total() const { return certified + tight + violated + undecided; }
  std::string describe() const;
};

// Adds the tally to the evidence: any violation refutes; undecided comparisons leave it inconclusive; otherwise
// certified. Keeps the smallest certified slack as the evidence's bound.
void conclude(Evidence& ev, const Comparisons& c, const std::string& what);

}  // namespace icl::check
