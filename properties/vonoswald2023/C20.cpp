// vonoswald2023/C20 — 1-head softmax attention stays clearly above the GD* loss and is poorly aligned; 2-head
// softmax comes much closer, with sign-opposite off-diagonals of η_h W_KQ^h that cancel.
// The 1-layer model of §2.5 with softmax attention (scores/√k, keys from the context), 1 and 2 heads, 5 seeds each,
// measured like C10/C11 on the 10⁴ evaluation tasks against GD* (one O1 step at the line-searched η̂). Readings, all
// from C10's f (the gap left to GD*) and C11's "aligned":
//   1 head clearly above and poorly aligned: f ≥ 10·kReach (= 10%) and not aligned (cos < 0.995 or a difference > 10%);
//   2 heads much closer: f(2 heads) ≤ f(1 head)/2 for the seed of the same index (the same initial draws);
//   cancelling off-diagonals: with η_h = (P_h W_V^h)(y, y) and O_h the off-diagonal part of η_h·(W_K^hᵀ W_Q^h)'s
//   x-block, ⟨O_1, O_2⟩ < 0 and ‖O_1 + O_2‖ ≤ √kReach·max‖O_h‖.
// Refuted only at the paper's 5000 steps; the trained models are recomputed by the construction's softmax layer.
#include <fmt/format.h>

#include "properties/vonoswald2023/one_layer.hpp"
#include "training/fixture.hpp"
#include "training/seeds.hpp"

namespace icl::vonoswald2023::c20 {

TrainConfig softmax_config(Index heads, long steps) {
  TrainConfig c = one_layer_config(steps);
  c.softmax = true;
  c.heads = heads;
  return c;
}
std::string fixture_name(long s) { return training::seed_fixture("vonoswald2023/softmax", s); }
// 10 models per run: the report trains 50 steps each (softmax barely leaves the zero predictor by then); the paper's
// 5000 (`--effort 100`) decide.
inline constexpr StepBudget kStepBudget{50, 5000, "seed"};
inline const Budget kSteps = kStepBudget.budget();

const auto fixtures = seed_fixture_jobs("vonoswald2023/softmax", [](const RunConfig& cfg, long s) {
  for (const Index H : {1, 2}) trained_lsa(softmax_config(H, cfg.scaled(kSteps)), training_seed(cfg, s), cfg);
});

struct OffDiagonals {
  double inner = 0, cancel = 0;  // ⟨O_1, O_2⟩/(‖O_1‖‖O_2‖), ‖O_1 + O_2‖/max‖O_h‖
};

OffDiagonals off_diagonals(const LsaModel<double>& m, Index d) {
  std::vector<Mat<double>> O;
  for (const auto& h : m.block(0)) {
    const double eta = (h.P * h.WV)(d, d);
    Mat<double> x = eta * (h.WK.transpose() * h.WQ).topLeftCorner(d, d);
    x.diagonal().setZero();
    O.push_back(x);
  }
  const double n0 = O[0].norm(), n1 = O[1].norm();
  return {(O[0].cwiseProduct(O[1])).sum() / std::max(n0 * n1, 1e-300), (O[0] + O[1]).norm() / std::max({n0, n1, 1e-300})};
}

Evidence check(Context& ctx) {
  const long seeds = training_seeds(ctx.config());
  Evidence ev;
  const long steps = ctx.budget(kSteps.name);
  const bool full = kStepBudget.full(steps);
  const TaskLaw law = s_code_tasks();
  const Tasks& eval = evaluation_tasks(ctx.config(), law);
  const Vec<double> unit_gd = gd_predictions(eval, 1.0).y_hat;
  std::vector<std::pair<Verdict, std::string>> parts{
      calibration_part(ev, calibrate_k1(eval, unit_gd, ctx.defect()), "K1 is GD under the metrics")};
  const KeySet keys = construction_keys(ctx);
  double worst_trainer = 0;
  long above = 0, closer = 0, cancel = 0;
  std::string c_above, c_closer, c_cancel, runs;
  for (long s = 0; s < seeds; ++s) {
    const TrainedLsa& one = trained_lsa(softmax_config(1, steps), training_seed(ctx.config(), s), ctx.config());
    const TrainedLsa& two = trained_lsa(softmax_config(2, steps), training_seed(ctx.config(), s), ctx.config());
    worst_trainer = std::max({worst_trainer, trainer_vs_construction(one.model, eval, keys),
                              trainer_vs_construction(two.model, eval, keys)});
    const OneLayerSeed a = measure_one_layer(one, s, eval, unit_gd), b = measure_one_layer(two, s, eval, unit_gd);
    const OffDiagonals o = off_diagonals(two.model, law.d);
    const bool is_above = a.gap >= 10 * kReach && !a.aligned(), is_closer = b.gap <= a.gap / 2,
               is_cancel = o.inner < 0 && o.cancel <= kReachRelative;
    above += is_above, closer += is_closer, cancel += is_cancel;
    if (!is_above && c_above.empty())
      c_above = fmt::format("seed {}: 1 head leaves {:.1f}% of the gap, cos {:.4f}", s, 100 * a.gap, a.cos);
    if (!is_closer && c_closer.empty())
      c_closer = fmt::format("seed {}: 2 heads leave {:.1f}% of the gap against {:.1f}% for 1 head", s, 100 * b.gap, 100 * a.gap);
    if (!is_cancel && c_cancel.empty())
      c_cancel = fmt::format("seed {}: ⟨O_1, O_2⟩/(‖O_1‖‖O_2‖) = {:.3f}, ‖O_1 + O_2‖/max‖O_h‖ = {:.3f}", s, o.inner, o.cancel);
    runs += fmt::format("{}seed {}: 1 head L {:.4f} (gap {:.1f}%, cos {:.4f}); 2 heads L {:.4f} (gap {:.2f}%, cos {:.4f}); "
                        "off-diagonals: cos angle {:.3f}, sum/max {:.3f}",
                        runs.empty() ? "" : "; ", s, a.L_tf, 100 * a.gap, a.cos, b.L_tf, 100 * b.gap, b.cos, o.inner, o.cancel);
    ev.series.push_back({fmt::format("seed {} 1 head", s), "step", "½-MSE", one.t, one.eval_loss});
    ev.series.push_back({fmt::format("seed {} 2 heads", s), "step", "½-MSE", two.t, two.eval_loss});
  }
  ev.note("setting", fmt::format("1-layer softmax attention (scores/√11), S-code, d = N = 10, 1 and 2 heads, {} AdamW steps "
                                 "per seed (the paper trains 5000){}; {} seeds; 10⁴ evaluation tasks",
                                 steps, kStepBudget.scale_note(steps), seeds));
  ev.note("runs", runs);
  parts.push_back({training::seed_part(ev, "1 head: clearly above GD* (gap ≥ 10%) and not aligned", above, seeds, full,
                                       c_above),
                   c_above});
  parts.push_back({training::seed_part(ev, "2 heads: at most half the 1-head gap", closer, seeds, full, c_closer),
                   c_closer});
  parts.push_back({training::seed_part(ev, "2 heads: off-diagonals of η_h W_KQ^h opposite and cancelling (≤ 10%)", cancel,
                                       seeds, full, c_cancel),
                   c_cancel});
  ev.cases = 2 * seeds;
  training::seeds_verdict(ev, trainer_agreement(worst_trainer),
                          parts, "1-head softmax stays above GD*, 2 heads close most of the gap with cancelling "
                                 "off-diagonals: " + runs,
                          kStepBudget.reduced(steps));
  return ev;
}

const Registration row(family(),
    seed_fixtures(ClaimRow("C20", Kind::Empirical)
        .statement("1-head softmax attention stays clearly above the GD* loss and is poorly aligned; 2-head softmax comes much "
                   "closer, with sign-opposite off-diagonals of η_h W_KQ^h that cancel")
        .source("§4 (softmax attention), appendix figures")
        .uses({"K1"}, {"O1", "O7"})
        .arithmetic("double (AdamW on sampled tasks)", {"double"})
        .budget(kSteps)
        .expect(Verdict::Inconclusive, kStepBudget.expectation() +
                                         ", and there too the cancellation part is undecided (README)")
        .rejects(defects::QueryAmongKeys)
        .hypothesis("§2.5 setting with softmax attention: S-code, d = N = 10, key size 11, 1 and 2 heads; 5 training seeds "
                    "for a verdict (the default trains 2)")
        .check(check),
                  fixture_name),
    __FILE__);

}  // namespace icl::vonoswald2023::c20
