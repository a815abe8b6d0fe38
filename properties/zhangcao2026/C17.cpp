// zhangcao2026/C17 — the exact max-margin QP: KKT in rationals, unit margin, and an iterative solver agrees.
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/bounds_common.hpp"

namespace icl::zhangcao2026::c17 {

// O3(b) against O3(a). For any α ≥ 0 with v = Σ α_i z_i, weak duality and ⟨v*, z_i⟩ ≥ 1 give
//   D(α) = Σ α_i − ½‖v‖² ≤ ⟨v*, v⟩ − ½‖v‖² = ½‖v*‖² − ½‖v − v*‖²,
// so ‖v − v*‖ ≤ √(2(P* − D(α))) with P* = ½‖v*‖². The ascent runs in double (in sweeps doubling from 100, at most
// kMaxDualSweeps); after each chunk its multipliers α are taken exactly and v(α), D(α) evaluated in rationals, so the
// bound is exact. It stops once the bound is below kDualAgreement·‖v*‖; the measured distance must respect it.
struct DualRun {
  double distance = 0, bound = 0;  // relative to ‖v*‖
  long sweeps = 0;
  bool converged = false, consistent = true;
};

DualRun dual_run(const Mat<Rational>& Zr, const Vec<Rational>& v_star) {
  const Mat<double> Z = cast_matrix<double>(Zr);
  const Rational p_star = Rational(v_star.squaredNorm()) / 2;
  const double norm = std::sqrt(to_double(Rational(2 * p_star)));
  Vec<double> alpha;
  DualRun r;
  for (long chunk = 100; r.sweeps < kMaxDualSweeps; chunk *= 2) {
    oracle::dual_coordinate_ascent<double>(Z, chunk, &alpha);
    r.sweeps += chunk;
    Vec<Rational> a(alpha.size());
    for (Index i = 0; i < a.size(); ++i) a(i) = exact_rational(alpha(i));
    const Vec<Rational> v = Zr * a;
    const Rational gap = p_star - (a.sum() - Rational(v.squaredNorm()) / 2);
    r.bound = std::sqrt(std::max(0.0, 2 * to_double(gap))) / norm;
    r.distance = std::sqrt(to_double(Rational((v - v_star).squaredNorm()))) / norm;
    r.consistent = r.distance <= r.bound * (1 + 1e-12);  // the bound is exact; its square root rounded in double
    if (r.bound <= kDualAgreement) {
      r.converged = true;
      break;
    }
  }
  return r;
}

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  bool kkt = true, margin_one = true, converged = true, consistent = true;
  double worst_agreement = 0;
  long most_sweeps = 0;
  std::string report;
  const auto ps = prompts(ev.seed, ctx.budget_int("prompts"), false, 0.1);
  for (const auto& Z : ps) {
    const auto qp = oracle::hard_margin_qp(Z);
    kkt = kkt && qp.kkt;
    Rational smallest = qp.v.dot(Z.col(0));
    for (Index i = 1; i < Z.cols(); ++i) smallest = std::min(smallest, Rational(qp.v.dot(Z.col(i))));
    if (defect == defects::WrongBound) smallest *= 2;
    margin_one = margin_one && smallest == 1;  // min_i ⟨v*, z_i⟩ = 1, i.e. min_i ⟨u*, z_i⟩ = γ*
    const DualRun d = dual_run(Z, qp.v);
    converged = converged && d.converged;
    consistent = consistent && d.consistent;
    worst_agreement = std::max(worst_agreement, d.distance);
    most_sweeps = std::max(most_sweeps, d.sweeps);
    if (report.empty()) report = qp.kkt_report + fmt::format("; {} support vectors", qp.support);
    ev.cases += 3;
  }
  ev.note("KKT (first prompt)", report);
  ev.note("all prompts", fmt::format("KKT exact: {}; min_i ⟨v*, z_i⟩ = 1 exactly: {}; dual coordinate ascent (double, up to "
                                     "{} sweeps) vs the exact v*: max relative difference {:.2e}, within the duality "
                                     "bound: {}",
                                     kkt ? "yes" : "NO", margin_one ? "yes" : "NO", most_sweeps, worst_agreement,
                                     consistent ? "yes" : "NO"));
  ev.max_error = worst_agreement;
  ev.part("exact KKT and unit margin (O3(a))", kkt && margin_one ? Verdict::ProvedExactly : Verdict::Refuted);
  ev.part("O3(b) agrees with O3(a)", !converged ? Verdict::Inconclusive : consistent && worst_agreement <= kDualAgreement
                                                                              ? Verdict::HoldsNumerically
                                                                              : Verdict::Refuted);
  if (!kkt || !margin_one) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = "the exact KKT conditions or the unit margin fail; see details";
  } else if (!converged) {
    ev.inconclusive(fmt::format("dual coordinate ascent did not reach its agreement bound within {} sweeps", kMaxDualSweeps));
  } else if (!consistent || worst_agreement > kDualAgreement) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = "the converged dual solver disagrees with the exact v*; see details";
  } else {
    ev.verdict = Verdict::ProvedExactly;
    ev.certificate = "exact rational KKT and margins; the iterative solver agrees within its own duality bound";
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("C17", Kind::Identity)
        .statement("Oracle sanity: min_i ⟨u*, z_i⟩ = γ*; KKT conditions of the QP; solvers O3(a) and O3(b) "
                    "agree")
        .source("§5 (O3 sanity)")
        .uses({"—"}, {"O3"})
        .arithmetic("exact rational (CGAL QP); double", {"exact", "double"})
        .expect(Verdict::ProvedExactly,
                "KKT verified in exact rationals; dual coordinate ascent converges to the same v*")
        .budget("prompts", Axis::Instances, 8)
        .rejects(defects::WrongBound, 0.25)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c17
