// zhangcao2026/C11 — γ(w_t) ≤ γ* and γ(w_t) → γ* along NGD (directional convergence to the max margin).
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/rates_common.hpp"

namespace icl::zhangcao2026::c11 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  const long T = ctx.budget("horizon");
  bool below = true, converges = true;
  std::string table;
  // γ(w_t) is a ratio of O(ηt)-sized quantities in double: allow 64 units of roundoff relative to γ*.
  const double slack = kMarginRoundoffUnits * 0x1p-53;
  for (const auto& p : qualified_prompts(ev.seed, ctx.budget_int("prompts"), 1.0, ev)) {
    const Run r = run(p, Rule::NGD, defect == defects::FlipScoreSign ? -1.0 : 1.0, T);
    for (double g : r.gap) below = below && g >= -slack * p.gamma;
    converges = converges && r.gap.back() < r.gap[r.gap.size() / 2] && r.gap.back() < kMarginGapConverged * p.gamma;
    const LineFit f = loglog(r.t, r.gap, 1e3, 1e9);
    table += fmt::format("{}γ* = {:.4f}: gap {:.2e} at t = 10³, {:.2e} at t = {:.0e} (slope {:.2f})", table.empty() ? "" : "; ",
                         p.gamma, r.gap[r.t.size() > 9 ? 9 : r.t.size() - 1], r.gap.back(), static_cast<double>(T), f.slope);
    if (ev.series.empty()) {
      ev.series.push_back(series("C11 margin gap γ* − γ(w_t), NGD η=1", "gap", r.t, r.gap));
      ev.series.back().guides.push_back(through_last(fmt::format("fitted t^{:.2f} on [10³, 10⁹]", f.slope), f.slope, ev.series.back()));
    }
    ev.cases += static_cast<long>(r.t.size());
  }
  ev.note(fmt::format("{} prompts, d = 5, N = 20, x on the unit sphere (ηR² < 2), margin filter 0.1, NGD η = 1", ctx.budget("prompts")), table);
  ev.verdict = below && converges ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (!below) ev.counterexample = "γ(w_t) exceeds γ* beyond rounding";
  else if (!converges) ev.counterexample = "the margin gap does not shrink towards 0";
  if (ev.qualified < ctx.budget("prompts"))
    ev.inconclusive(fmt::format("only {} of {} prompts satisfy ηR² < 2", ev.qualified, ctx.budget("prompts")));
  // The fits span t ∈ [10³, 10⁵] over the row's prompts: below that budget a failure is not evidence.
  if (std::string why; !ctx.enough_budget(&why)) ev.inconclusive(why);
  return ev;
}

const Registration row(family(),
    ClaimRow("C11", Kind::Rate)
        .statement("γ(w_t) ≤ γ* for all t, and γ(w_t) → γ* (directional convergence to the max-margin "
                    "separator)")
        .source("Theorem 2")
        .uses({"—"}, {"O1", "O3"})
        .arithmetic("double (exact max-margin)", {"double", "exact"})
        .expect(Verdict::HoldsNumerically,
                "γ* is the maximum normalised margin; NGD's margin gap falls on every run")
        .hypothesis("ηR² < 2 (the step-size condition of the analysis, spec §6): x on the unit sphere, η = 1")
        .budget("horizon", Axis::Horizon, 100000, 100000)
        .budget("prompts", Axis::Instances, 20, 20)
        .rejects(defects::FlipScoreSign)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c11
