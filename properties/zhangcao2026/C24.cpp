// zhangcao2026/C24 — the margin gap and e(w_t) as functions of ηt only.
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/rates_common.hpp"

namespace icl::zhangcao2026::c24 {

Evidence check(Context& ctx) {
  Evidence ev;
  ev.seed = ctx.seed();
  const auto ps = rate_prompts(ev.seed, 2);
  std::string table;
  double worst_spread = 0;
  for (const auto& p : ps) {
    for (const double budget : {10.0, 100.0, 1000.0, 10000.0}) {
      std::vector<double> gaps, errs;
      for (const double eta : {0.1, 0.3, 1.0}) {
        Vec<double> w = Vec<double>::Zero(p.Z.rows());
        const long steps = std::lround(budget / eta);
        for (long t = 0; t < steps; ++t) w = oracle::ngd_step<double>(p.Z, w, eta);
        gaps.push_back(margin_gap(p, w));
        errs.push_back(direction_error(p, w));
        ev.cases += steps;
      }
      const auto spread = [](const std::vector<double>& v) {
        const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
        return (*hi - *lo) / *hi;
      };
      const double s = std::max(spread(gaps), spread(errs));
      if (budget >= 100) worst_spread = std::max(worst_spread, s);
      if (&p == &ps.front())
        table += fmt::format("{}ηt = {:g}: gap {:.3e}…{:.3e}, e {:.3e}…{:.3e} (relative spread {:.3f})", table.empty() ? "" : "; ",
                             budget, *std::min_element(gaps.begin(), gaps.end()), *std::max_element(gaps.begin(), gaps.end()),
                             *std::min_element(errs.begin(), errs.end()), *std::max_element(errs.begin(), errs.end()), s);
    }
  }
  ev.note("η ∈ {0.1, 0.3, 1} at equal ηt (first prompt)", table);
  ev.bound = worst_spread;
  ev.bound_label = "max relative spread for ηt ≥ 100";
  ev.verdict = worst_spread < kCollapseSpread ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (ev.verdict == Verdict::Refuted)
    ev.counterexample = fmt::format("at equal ηt the series differ by {:.0f}% across η", 100 * worst_spread);
  return ev;
}

const Registration row(family(),
    ClaimRow("C24", Kind::Empirical)
        .statement("The margin gap and e(w_t) depend on (η, t) only through ηt")
        .source("§5 (time rescaling)")
        .uses({"—"}, {"O1", "O3"})
        .arithmetic("double", {"double"})
        .expect(Verdict::Refuted,
                "measured: at equal ηt the margin gap differs by a factor 2.5 between η = 0.1 and η = 1 and "
                "does not close as ηt grows; e(w_t) agrees to 9%")
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c24
