// zhangcao2026/C12 — the direction error of NGD decays polynomially; the candidate rate O(1/(ηt)).
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/rates_common.hpp"

namespace icl::zhangcao2026::c12 {

Evidence check(Context& ctx) {
  Evidence ev;
  ev.seed = ctx.seed();
  const long T = ctx.budget("horizon");
  std::string table;
  double worst_slope = -1e9;  // the slowest decay over prompts
  bool steepening = false;
  for (const auto& p : rate_prompts(ev.seed, ctx.budget_int("prompts"))) {
    const Run r = run(p, Rule::NGD, 1.0, T);
    const LineFit all = loglog(r.t, r.err, 1e3, 1e5), early = loglog(r.t, r.err, 1e3, 1e4), late = loglog(r.t, r.err, 1e4, 1e5);
    worst_slope = std::max(worst_slope, all.slope);
    steepening = steepening || late.slope < early.slope - kSteepening;
    table += fmt::format("{}slope {:.3f} ± {:.3f} on [10³, 10⁵] ([10³,10⁴]: {:.2f}, [10⁴,10⁵]: {:.2f})", table.empty() ? "" : "; ",
                         all.slope, 2 * all.slope_se, early.slope, late.slope);
    if (ev.series.empty()) ev.series.push_back(series("C12 direction error e(w_t), NGD η=1", "e", r.t, r.err));
    ev.cases += static_cast<long>(r.t.size());
  }
  ev.note("fitted log-log exponents of e(w_t) (±2 SE)", table);
  ev.note("faster than polynomial?", steepening ? "yes: the local slope steepens by more than 0.5 between decades"
                                                : "no: the local slope is stable across decades");
  ev.bound = worst_slope;
  ev.bound_label = "slowest fitted exponent";
  // Polynomial decay at the candidate rate: every fitted exponent at or below −1 (within 0.1).
  ev.verdict = worst_slope <= kClaimedRateExponent + kRateExponentSlack ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (ev.verdict == Verdict::Refuted)
    ev.counterexample = fmt::format("e(w_t) decays like t^{:.2f}, slower than the candidate O(1/(ηt))", worst_slope);
  return ev;
}

const Registration row(family(),
    ClaimRow("C12", Kind::Rate)
        .statement("e(w_t) → 0 polynomially in t; candidate rate O(1/(ηt))")
        .source("Theorem 2 (rate)")
        .uses({"—"}, {"O1", "O3"})
        .arithmetic("double (exact max-margin)", {"double", "exact"})
        .expect(Verdict::HoldsNumerically,
                "measured: e(w_t) decays like t^−1.00 on [10³, 10⁵] on every prompt, no faster-than-polynomial "
                "steepening")
        .budget("horizon", Axis::Horizon, 100000)
        .budget("prompts", Axis::Instances, 3)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c12
