// vonoswald2023/C10 — a trained 1-layer LSA reaches the GD* loss (paper: ≈ 0.2 at d = N = 10).
// The §2.5 setting (one_layer.hpp): 5 training seeds (2 by default), each a fixture trained once per run. Per seed, on the fixed 10⁴
// evaluation tasks, the gap left f = (L_TF − L_GD)/(L_0 − L_GD) against one GD step at the line-searched η̂ (the code's
// baseline on the same set) and the zero predictor; "reaches" is f ≤ 1% (one_layer.hpp). Pooled over the seeds by a
// one-sided binomial test at 5%; a refutation only at the paper's 5000 steps. The trained model's predictions are
// recomputed by the construction layer (query-among-keys is caught there). Printed beside: the population L* (exact,
// spec §5, C7) and the paper's ≈ 0.2, which is S-code's L* (C28, C29).
#include <fmt/format.h>

#include "properties/vonoswald2023/one_layer.hpp"
#include "properties/vonoswald2023/tolerances.hpp"
#include "training/seeds.hpp"

namespace icl::vonoswald2023::c10 {

Evidence check(Context& ctx) {
  Evidence ev;
  const OneLayerStudy st = one_layer_study(ctx);
  long reached = 0;
  std::string counter;
  double lo = 1e300, hi = -1e300;
  for (const auto& s : st.seeds) {
    reached += s.reached();
    if (!s.reached() && counter.empty())
      counter = fmt::format("seed {}: L_TF = {:.4f} against L_GD = {:.4f} after {} steps: {:.1f}% of the gap from the zero "
                            "predictor left",
                            s.s, s.L_tf, s.L_gd, st.steps, 100 * s.gap);
    lo = std::min(lo, s.L_tf), hi = std::max(hi, s.L_tf);
    ev.series.push_back({fmt::format("seed {} evaluation loss", s.s), "step", "½-MSE", s.run->t, s.run->eval_loss});
    if (ev.series.size() == 1)  // the paper's "≈ 0.2" after its 5000 steps
      ev.series.back().printed.emplace_back(double(kOneLayerBudget.paper_steps), kReportedLoss);
  }
  ev.note("setting", one_layer_setting(st));
  ev.note("runs", one_layer_runs(st));
  ev.note("paper vs suite", fmt::format("paper ≈ 0.2; suite L_TF {:.4f}–{:.4f} over {} seeds (in-sample L_GD {:.4f}); "
                                        "population L* = {:.4f} (S-code, exact), η* = {:.4f}",
                                        lo, hi, st.seeds.size(), st.seeds.front().L_gd, st.L_star, st.eta_star));
  const bool one_digit = lo >= kReportedLoss - kReportedHalfUnit && hi < kReportedLoss + kReportedHalfUnit;
  ev.print({"trained 1-layer LSA loss (½-MSE, d = N = 10)", "≈ 0.2",
            fmt::format("{:.4f}–{:.4f} over {} seeds at {} steps", lo, hi, st.seeds.size(), st.steps), "double (AdamW)",
            st.full ? std::optional<bool>(one_digit) : std::nullopt,
            st.full ? "one significant digit: agrees when every seed is in [0.15, 0.25)"
                    : "a reduced budget: the paper trains 5000 steps"});
  const Verdict v = training::seed_part(ev, "gap to GD* ≤ 1%", reached, long(st.seeds.size()), st.full, counter);
  one_layer_verdict(ev, st, {{v, counter}},
                    fmt::format("{} of {} seeds end within 1% of the zero-predictor-to-GD* gap (L_TF {:.4f}–{:.4f}, L* = "
                                "{:.4f})",
                                reached, st.seeds.size(), lo, hi, st.L_star));
  return ev;
}

const Registration row(family(),
    one_layer_row("C10")
        .statement("A trained 1-layer LSA (§2.5) reaches the GD* loss (paper: ≈ 0.2 at d = N = 10)")
        .uses({"K1"}, {"O1", "O7", "C7"})
        .expect(Verdict::Inconclusive, kOneLayerBudget.expectation() + ": "
                                       "every seed ends within 1% of the gap between the zero predictor and GD* (README)")
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c10
