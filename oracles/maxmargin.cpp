#include "oracles/maxmargin.hpp"

#include <stdexcept>

#include <CGAL/Gmpz.h>
#include <CGAL/QP_functions.h>
#include <CGAL/QP_models.h>
#include <CGAL/QP_options.h>

#include "oracles/cgal_exact.hpp"

namespace icl::oracle {

using cgal::ET;
using cgal::to_gmpz;
using cgal::to_rational;

HardMargin hard_margin_qp(const Mat<Rational>& Z) {
  const Index d = Z.rows(), N = Z.cols();
  // Constraint i: ⟨v, D_i z_i⟩ ≥ D_i with D_i the lcm of the denominators of z_i (integer data).
  CGAL::Quadratic_program<ET> qp(CGAL::LARGER, false, 0, false, 0);
  std::vector<Rational> scale(N);
  for (Index i = 0; i < N; ++i) {
    fmpz* l = fmpq_numref(scale[i].get());
    fmpz_one(l);
    for (Index k = 0; k < d; ++k) fmpz_lcm(l, l, fmpq_denref(Z(k, i).get()));
    for (Index k = 0; k < d; ++k) {
      const Rational a = Z(k, i) * scale[i];  // an integer
      qp.set_a(static_cast<int>(k), static_cast<int>(i), to_gmpz(fmpq_numref(a.get())));
    }
    qp.set_b(static_cast<int>(i), to_gmpz(l));
  }
  for (Index k = 0; k < d; ++k) qp.set_d(static_cast<int>(k), static_cast<int>(k), ET(2));  // ‖v‖² (2D convention)
  // Bland's pricing rule cannot cycle, so the solver terminates on degenerate data (the default filtered Dantzig
  // rule was seen to pivot for half an hour on one prompt).
  CGAL::Quadratic_program_options options;
  options.set_pricing_strategy(CGAL::QP_BLAND);
  const CGAL::Quadratic_program_solution<ET> s = CGAL::solve_quadratic_program(qp, ET(), options);
  if (!s.is_optimal()) throw std::runtime_error("hard-margin QP is not optimal: the data are not separable");
  HardMargin h;
  h.v.resize(d);
  Index k = 0;
  for (auto it = s.variable_values_begin(); it != s.variable_values_end(); ++it) h.v(k++) = to_rational(*it);
  // CGAL's certificate λ (λ ≤ 0 for ≥ rows): 2v = Σ_i (−λ_i) D_i z_i, so α_i = −λ_i D_i / 2 for ½‖v‖².
  Index i = 0;
  for (auto it = s.optimality_certificate_begin(); it != s.optimality_certificate_end(); ++it, ++i)
    h.alpha.push_back(-to_rational(*it) * scale[i] / 2);
  // KKT, exactly: feasibility, dual feasibility, stationarity, complementary slackness.
  bool feasible = true, dual = true, slack = true;
  Vec<Rational> combo = Vec<Rational>::Zero(d);
  for (Index j = 0; j < N; ++j) {
    const Rational margin = h.v.dot(Z.col(j));
    feasible = feasible && margin >= 1;
    dual = dual && h.alpha[j] >= 0;
    slack = slack && h.alpha[j] * (margin - 1) == 0;
    if (margin == 1) ++h.support;
    combo += h.alpha[j] * Z.col(j);
  }
  const bool stationary = combo == h.v;
  h.kkt = feasible && dual && slack && stationary;
  h.kkt_report = std::string("feasible ") + (feasible ? "yes" : "NO") + ", α ≥ 0 " + (dual ? "yes" : "NO") +
                 ", v = Σ α_i z_i " + (stationary ? "yes" : "NO") + ", α_i(⟨v, z_i⟩ − 1) = 0 " + (slack ? "yes" : "NO");
  return h;
}

template <class S>
Vec<S> dual_coordinate_ascent(const Mat<S>& Z, long sweeps, Vec<S>* start) {
  const Index N = Z.cols();
  Vec<S> alpha = start && start->size() == N ? *start : Vec<S>(Vec<S>::Zero(N));
  Vec<S> v = Z * alpha;
  for (long s = 0; s < sweeps; ++s)
    for (Index i = 0; i < N; ++i) {
      S next = alpha(i) + (S(1) - Z.col(i).dot(v)) / Z.col(i).squaredNorm();
      if (next < S(0)) next = S(0);
      v += (next - alpha(i)) * Z.col(i);
      alpha(i) = next;
    }
  if (start) *start = alpha;
  return v;
}

template Vec<double> dual_coordinate_ascent<double>(const Mat<double>&, long, Vec<double>*);
template Vec<Mpfr> dual_coordinate_ascent<Mpfr>(const Mat<Mpfr>&, long, Vec<Mpfr>*);

}  // namespace icl::oracle
