// Schwartz–Zippel certificate for a polynomial identity checked at random points.
// If F ≢ 0 has total degree ≤ D and each variable is drawn independently and uniformly from a set of size S,
// then Pr[F(r) = 0] ≤ D/S; k independent points all pass with probability ≤ (D/S)^k.
#pragma once

#include <string>

namespace icl {

struct SchwartzZippel {
  long degree = 0;         // D: bound on the total degree of construction − oracle
  double log2_set = 0;     // log2 S
  long points = 0;         // k
  double bound() const;    // (D/S)^k, clamped to [0, 1]
  std::string describe() const;
  // Worst (largest) bound of two certificates, for a claim checked on several shapes.
  static SchwartzZippel worst(const SchwartzZippel& a, const SchwartzZippel& b);
};

}  // namespace icl
