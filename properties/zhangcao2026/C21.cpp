// zhangcao2026/C21 — the V-norm rule also converges in direction to u*; its rate.
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/rates_common.hpp"

namespace icl::zhangcao2026::c21 {

Evidence check(Context& ctx) {
  Evidence ev;
  ev.seed = ctx.seed();
  const long T = ctx.budget("horizon");
  std::string table;
  bool converges = true;
  for (const auto& p : qualified_prompts(ev.seed, ctx.budget_int("prompts"), 1.0, ev)) {
    const Run r = run(p, ctx.broken(defects::WrongRule) ? Rule::GD : Rule::VNorm, 1.0, T);
    const LineFit f = loglog(r.t, r.err, 1e3, 1e5);
    converges = converges && r.err.back() < r.err[r.err.size() / 2] && r.err.back() < kDirectionConverged;
    table += fmt::format("{}e = {:.2e} at t = {:.0e}, log-log slope {:.3f} ± {:.3f}", table.empty() ? "" : "; ", r.err.back(),
                         static_cast<double>(T), f.slope, 2 * f.slope_se);
    if (ev.series.empty()) {
      ev.series.push_back(series("C21 e(w_t), V-norm η=1", "e", r.t, r.err));
      ev.series.back().guides.push_back(through_last(fmt::format("fitted t^{:.2f} on [10³, 10⁵]", f.slope), f.slope, ev.series.back()));
    }
    ev.cases += static_cast<long>(r.t.size());
  }
  ev.note(fmt::format("V-norm (w ← w + ηg/‖g‖), {} prompts", ctx.budget("prompts")), table);
  ev.verdict = converges ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (!converges) ev.counterexample = fmt::format("the V-norm direction error does not fall below {}", kDirectionConverged);
  if (ev.qualified < ctx.budget("prompts"))
    ev.inconclusive(fmt::format("only {} of {} prompts satisfy ηR² < 2", ev.qualified, ctx.budget("prompts")));
  // The fits span t ∈ [10³, 10⁵] over the row's prompts: below that budget a failure is not evidence.
  if (std::string why; !ctx.enough_budget(&why)) ev.inconclusive(why);
  return ev;
}

const Registration row(family(),
    ClaimRow("C21", Kind::Rate)
        .statement("V-norm also converges in direction to u*; its rate")
        .source("§5 (V-norm variant)")
        .uses({"—"}, {"O1", "O3"})
        .arithmetic("double (exact max-margin)", {"double", "exact"})
        .expect(Verdict::HoldsNumerically,
                "measured: the V-norm direction error decays like t^−1.00")
        .hypothesis("ηR² < 2 (the step-size condition of the analysis, spec §6): x on the unit sphere, η = 1")
        .budget("horizon", Axis::Horizon, 100000, 100000)
        .budget("prompts", Axis::Instances, 20, 20)
        .rejects(defects::WrongRule)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c21
