// zhangcao2026/C17 — the exact max-margin QP: KKT in rationals, unit margin, and an iterative solver agrees.
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/bounds_common.hpp"

namespace icl::zhangcao2026::c17 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  bool kkt = true, margin_one = true;
  double worst_agreement = 0;
  std::string report;
  const auto ps = prompts(ev.seed, ctx.budget_int("prompts"), false, 0.1);
  for (const auto& Z : ps) {
    const auto qp = oracle::hard_margin_qp(Z);
    kkt = kkt && qp.kkt;
    Rational smallest = qp.v.dot(Z.col(0));
    for (Index i = 1; i < Z.cols(); ++i) smallest = std::min(smallest, Rational(qp.v.dot(Z.col(i))));
    if (defect == defects::WrongBound) smallest *= 2;
    margin_one = margin_one && smallest == 1;  // min_i ⟨v*, z_i⟩ = 1, i.e. min_i ⟨u*, z_i⟩ = γ*
    const Vec<double> dual = oracle::dual_coordinate_ascent<double>(cast_matrix<double>(Z), 20000);
    const Vec<double> exact = cast_matrix<double>(Mat<Rational>(qp.v));
    worst_agreement = std::max(worst_agreement, (dual - exact).norm() / exact.norm());
    if (report.empty()) report = qp.kkt_report + fmt::format("; {} support vectors", qp.support);
    ev.cases += 3;
  }
  ev.note("KKT (first prompt)", report);
  ev.note("all prompts", fmt::format("KKT exact: {}; min_i ⟨v*, z_i⟩ = 1 exactly: {}; dual coordinate ascent (20000 sweeps, "
                                     "double) vs the exact v*: max relative difference {:.2e}",
                                     kkt ? "yes" : "NO", margin_one ? "yes" : "NO", worst_agreement));
  ev.max_error = worst_agreement;
  ev.verdict = kkt && margin_one && worst_agreement < kDualAgreement ? Verdict::ProvedExactly : Verdict::Refuted;
  if (ev.verdict == Verdict::ProvedExactly) ev.certificate = "exact rational KKT and margins; iterative solver agrees";
  else ev.counterexample = "KKT, the unit margin or the solver agreement fails; see details";
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
