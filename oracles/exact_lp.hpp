// O7 (ding2025): exact linear feasibility. Is there x (free) with A x ⋈ b row by row (⋈ ∈ {≤, =, ≥})? Solved by
// CGAL's simplex over GMP integers (each row scaled to integer data, Bland's rule); a feasible answer comes with a
// rational point that is checked against every row here, exactly.
#pragma once

#include <vector>

#include "core/scalar.hpp"

namespace icl::oracle {

enum class Relation { LessEqual, Equal, GreaterEqual };

struct LinearSystem {
  Mat<Rational> A;
  Vec<Rational> b;
  std::vector<Relation> relation;
};

struct Feasibility {
  bool feasible = false;
  Vec<Rational> x;  // a point satisfying every row, when feasible
};

Feasibility lp_feasible(const LinearSystem& s);

}  // namespace icl::oracle
