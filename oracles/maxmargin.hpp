// Zhang & Cao O3: the hard-margin separator through the origin for z_i = y_i x_i (the columns of Z):
//   min ½‖v‖² s.t. ⟨v, z_i⟩ ≥ 1;  u* = v/‖v‖, γ* = 1/‖v‖.
// (a) exactly, by CGAL's QP solver over GMP integers (each constraint scaled to integer data), with the KKT
//     conditions verified in exact rationals here; (b) by dual coordinate ascent,
//     α_i ← max(0, α_i + (1 − ⟨z_i, v⟩)/‖z_i‖²), v = Σ α_i z_i.
#pragma once

#include <string>
#include <vector>

#include "core/scalar.hpp"

namespace icl::oracle {

struct HardMargin {
  Vec<Rational> v;             // exact minimiser
  std::vector<Rational> alpha;  // multipliers with v = Σ α_i z_i
  bool kkt = false;            // feasibility, α ≥ 0, stationarity, complementary slackness: all exact
  std::string kkt_report;
  Index support = 0;  // active constraints
};
HardMargin hard_margin_qp(const Mat<Rational>& Z);

// `sweeps` sweeps of dual coordinate ascent, from α = 0 or, when `alpha` holds a previous run's multipliers, from
// there (it receives the final ones).
template <class S>
Vec<S> dual_coordinate_ascent(const Mat<S>& Z, long sweeps, Vec<S>* alpha = nullptr);

}  // namespace icl::oracle
