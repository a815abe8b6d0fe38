#include "oracles/exact_lp.hpp"

#include <stdexcept>

#include <CGAL/QP_functions.h>
#include <CGAL/QP_models.h>
#include <CGAL/QP_options.h>

#include "oracles/cgal_exact.hpp"

namespace icl::oracle {

Feasibility lp_feasible(const LinearSystem& s) {
  using cgal::ET;
  const Index rows = s.A.rows(), cols = s.A.cols();
  if (s.b.size() != rows || Index(s.relation.size()) != rows) throw std::invalid_argument("lp_feasible: shapes");
  CGAL::Quadratic_program<ET> lp(CGAL::EQUAL, false, 0, false, 0);  // free variables, objective 0
  for (Index i = 0; i < rows; ++i) {
    Rational scale;  // lcm of the row's denominators
    fmpz* l = fmpq_numref(scale.get());
    fmpz_one(l);
    for (Index k = 0; k < cols; ++k) fmpz_lcm(l, l, fmpq_denref(s.A(i, k).get()));
    fmpz_lcm(l, l, fmpq_denref(s.b(i).get()));
    for (Index k = 0; k < cols; ++k)
      if (s.A(i, k) != 0) {
        const Rational a = s.A(i, k) * scale;
        lp.set_a(int(k), int(i), cgal::to_gmpz(fmpq_numref(a.get())));
      }
    const Rational rhs = s.b(i) * scale;
    lp.set_b(int(i), cgal::to_gmpz(fmpq_numref(rhs.get())));
    lp.set_r(int(i), s.relation[size_t(i)] == Relation::LessEqual ? CGAL::SMALLER
                     : s.relation[size_t(i)] == Relation::Equal   ? CGAL::EQUAL
                                                                  : CGAL::LARGER);
  }
  CGAL::Quadratic_program_options options;
  options.set_pricing_strategy(CGAL::QP_BLAND);
  const auto sol = CGAL::solve_linear_program(lp, ET(), options);
  Feasibility out;
  if (sol.is_infeasible()) return out;
  out.x.resize(cols);
  Index k = 0;
  for (auto it = sol.variable_values_begin(); it != sol.variable_values_end() && k < cols; ++it) out.x(k++) = cgal::to_rational(*it);
  for (; k < cols; ++k) out.x(k) = 0;  // variables in no row
  const Vec<Rational> Ax = s.A * out.x;
  for (Index i = 0; i < rows; ++i) {
    const Relation r = s.relation[size_t(i)];
    const bool ok = r == Relation::LessEqual ? Ax(i) <= s.b(i) : r == Relation::Equal ? Ax(i) == s.b(i) : Ax(i) >= s.b(i);
    if (!ok) throw std::runtime_error("lp_feasible: CGAL's point violates a row");
  }
  out.feasible = true;
  return out;
}

}  // namespace icl::oracle
