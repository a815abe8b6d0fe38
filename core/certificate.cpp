#include "core/certificate.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace icl {

double SchwartzZippel::bound() const {
  if (points <= 0) return 1.0;
  if (degree <= 0) return 0.0;  // a nonzero constant difference is caught at every point
  const double log2_per_point = std::log2(static_cast<double>(degree)) - log2_set;
  return std::min(1.0, std::exp2(log2_per_point * static_cast<double>(points)));
}

std::string SchwartzZippel::describe() const {
  return fmt::format("Schwartz–Zippel: D={}, S=2^{:g}, k={}: P(false identity passes) ≤ {:.3g}", degree,
                     log2_set, points, bound());
}

SchwartzZippel SchwartzZippel::worst(const SchwartzZippel& a, const SchwartzZippel& b) {
  if (a.points == 0) return b;
  if (b.points == 0) return a;
  return a.bound() >= b.bound() ? a : b;
}

}  // namespace icl
