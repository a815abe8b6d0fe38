// vonoswald2023/C36 — LayerNorm lowers in-distribution performance but improves OOD behaviour for large input scales.
// The §2.5 setting (one_layer.hpp): the tied 1-layer LSA of the one-layer fixtures against the same configuration with
// the code's pre-attention LayerNorm (lsa_model.hpp: keys, values and queries read LN(e), the residual adds to e; scale
// and offset trained, initialised at 1 and 0), from the same initialisation seed and task stream, 5 seeds.
// In distribution: the ½-MSE on the run's 10⁴ evaluation tasks. Out of distribution: input scaling α (x ~ U(−α/2, α/2),
// the code's convention, and y with it) on 10⁴ fixed tasks per α. Per seed and α the two models are compared on the
// same tasks by the paired difference of their squared errors (mean ± SE over the tasks): "above" and "below" need 3 SE.
// The claim's "large input scales" is read as α ≥ 3 (three times the training range and beyond): LayerNorm below at
// α = 3, 4 and 5. Both parts are decided over the seeds by training::seed_part, and only at the paper's 5000 steps (at
// fewer, the models are the reduced budget's and the verdict is inconclusive whatever the parts read).
// Why it can be expected (not used by the check): LN(αe) = LN(e) up to ε, so the LayerNorm model's prediction does
// not grow with α while y does (error ∝ α), but the plain model's prediction is cubic in the tokens (error ∝ α³);
// and LN discards the tokens' scale, which one GD step (the plain model's optimum, C9) needs.
#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "core/fit.hpp"
#include "properties/vonoswald2023/one_layer.hpp"
#include "training/fixture.hpp"

namespace icl::vonoswald2023::c36 {

constexpr double kSeparation = 3;              // standard errors of the paired difference
constexpr double kLargeScale = 3;              // "large input scales": α ≥ 3
const std::vector<double> kScales{0.5, 1, 1.5, 2, 3, 4, 5};

TrainConfig layer_norm_config(long steps) {
  TrainConfig c = one_layer_config(steps);
  c.layer_norm = true;
  return c;
}

std::string layer_norm_fixture(long s) { return training::seed_fixture("vonoswald2023/one-layer-layernorm", s); }

namespace {
const auto fixtures = seed_fixture_jobs("vonoswald2023/one-layer-layernorm", [](const RunConfig& cfg, long s) {
  trained_lsa(layer_norm_config(cfg.scaled(kOneLayerSteps)), training_seed(cfg, s), cfg);
});
}  // namespace

// ½(ŷ − y)² per task of the LayerNorm model minus the plain model's, mean and SE over the tasks; and both means.
struct Paired {
  MeanSe difference;
  double with_norm = 0, plain = 0;
  bool above() const { return difference.mean > kSeparation * difference.se; }
  bool below() const { return difference.mean < -kSeparation * difference.se; }
};

Paired compare(const LsaModel<double>& with_norm, const LsaModel<double>& plain, const Tasks& t) {
  const Vec<double> a = predict(with_norm, t.tokens), b = predict(plain, t.tokens);
  std::vector<double> d(size_t(t.y.size()));
  Paired p;
  for (Index i = 0; i < t.y.size(); ++i) {
    const double la = 0.5 * (a(i) - t.y(i)) * (a(i) - t.y(i)), lb = 0.5 * (b(i) - t.y(i)) * (b(i) - t.y(i));
    d[size_t(i)] = la - lb;
    p.with_norm += la / double(t.y.size());
    p.plain += lb / double(t.y.size());
  }
  p.difference = mean_and_se(d);
  return p;
}

Evidence check(Context& ctx) {
  Evidence ev;
  const OneLayerStudy st = one_layer_study(ctx);  // the plain models, each recomputed by K1 (st.worst_trainer)
  const TrainConfig c = layer_norm_config(st.steps);
  const Tasks& eval = evaluation_tasks(ctx.config(), c.law);
  std::vector<Tasks> ood;
  for (const double alpha : kScales) {
    Rng rng(ctx.seed(fmt::format("ood α={}", alpha)));
    ood.push_back(input_scaled_tasks(rng, c.law, alpha, kEvaluationTasks));
  }
  long worse_inside = 0, better_outside = 0;
  std::string runs, counter_inside, counter_outside;
  std::vector<double> mean_norm(kScales.size(), 0.0), mean_plain(kScales.size(), 0.0);
  for (const auto& s : st.seeds) {
    const TrainedLsa& normed = trained_lsa(c, training_seed(ctx.config(), s.s), ctx.config());
    const Paired inside = compare(normed.model, s.run->model, eval);
    worse_inside += inside.above();
    if (!inside.above() && counter_inside.empty())
      counter_inside = fmt::format("seed {}: in distribution LayerNorm {:.4f} against {:.4f} without (difference {:+.2e} ± "
                                   "{:.1e})",
                                   s.s, inside.with_norm, inside.plain, inside.difference.mean, inside.difference.se);
    bool below_all = true;
    std::string curve;
    double crossover = 0;  // the smallest α of the grid from which LayerNorm stays below
    bool stays_below = true;
    for (size_t k = kScales.size(); k-- > 0;) {
      const Paired p = compare(normed.model, s.run->model, ood[k]);
      mean_norm[k] += p.with_norm / double(st.seeds.size());
      mean_plain[k] += p.plain / double(st.seeds.size());
      if (kScales[k] >= kLargeScale && !p.below()) {
        below_all = false;
        if (counter_outside.empty())
          counter_outside = fmt::format("seed {}: at α = {} LayerNorm {:.4g} against {:.4g} without", s.s, kScales[k],
                                        p.with_norm, p.plain);
      }
      stays_below = stays_below && p.below();
      if (stays_below) crossover = kScales[k];
      curve = fmt::format("α = {}: {:.4g} / {:.4g}{}", kScales[k], p.with_norm, p.plain, curve.empty() ? "" : ", " + curve);
    }
    better_outside += below_all;
    runs += fmt::format("{}seed {}: L with / without LayerNorm {:.4f} / {:.4f} (paired {:+.2e} ± {:.1e}); OOD {}; "
                        "LayerNorm below from α = {}",
                        runs.empty() ? "" : "; ", s.s, inside.with_norm, inside.plain, inside.difference.mean,
                        inside.difference.se, curve, crossover > 0 ? fmt::format("{}", crossover) : std::string("— (never)"));
  }
  ev.series.push_back({"½-MSE with LayerNorm (mean over seeds)", "input scale α", "½-MSE", kScales, mean_norm});
  ev.series.push_back({"½-MSE without LayerNorm (mean over seeds)", "input scale α", "½-MSE", kScales, mean_plain});
  ev.note("setting", one_layer_setting(st) + "; the LayerNorm model: the same configuration with the code's "
                                             "pre-attention LayerNorm (scale and offset trained), same seeds");
  ev.note("runs", runs);
  ev.note("OOD tasks", fmt::format("input scaling α ∈ {{0.5, 1, 1.5, 2, 3, 4, 5}} (x ~ U(−α/2, α/2), the code's "
                                   "convention), 10⁴ fixed tasks per α; the curves list α: with / without"));
  ev.note("what is compared", "the trained models' losses only; the LayerNorm model has no construction to recompute it "
                              "(its gradient is checked against MPFR central differences in the unit tests); the plain "
                              "models are recomputed by K1 (below)");
  const Verdict inside =
      training::seed_part(ev, "in distribution, LayerNorm's loss is above the plain model's (3 SE)", worse_inside,
                          long(st.seeds.size()), st.full, counter_inside);
  const Verdict outside =
      training::seed_part(ev, "at input scales α = 3, 4, 5, LayerNorm's loss is below the plain model's (3 SE)",
                          better_outside, long(st.seeds.size()), st.full, counter_outside);
  ev.cases = long(st.seeds.size());
  training::seeds_verdict(ev, trainer_agreement(st.worst_trainer), {{inside, counter_inside}, {outside, counter_outside}},
                          fmt::format("LayerNorm worse in distribution in {} of {} seeds and better at α ≥ 3 in {} of {}",
                                      worse_inside, st.seeds.size(), better_outside, st.seeds.size()),
                          st.full ? "the seeds do not decide the parts at the paper's scale"
                                  : kOneLayerBudget.reduced(st.steps) + ": the parts read models of a reduced budget");
  // Below the paper's steps the models are the reduced budget's: whatever the parts read, that is not the claim's
  // verdict (a refutation from the construction check stands).
  if (std::string why; holds(ev.verdict) && !ctx.enough_budget(&why)) ev.inconclusive(why);
  return ev;
}

ClaimRow row_of() {
  ClaimRow row = one_layer_row("C36");
  seed_fixtures(row, layer_norm_fixture);
  return row;
}

const Registration row(family(),
    row_of()
        .statement("LayerNorm lowers in-distribution performance but improves OOD behaviour for large input scales")
        .uses({"K1"}, {"O7"})
        .expect(Verdict::Inconclusive,
                kOneLayerBudget.expectation() + ": there it holds (README) — LayerNorm 0.247 against 0.194 in "
                                                "distribution, and below from α = 1.5 on (α = 5: 8.7 against ≈ 3000) in "
                                                "every seed")
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c36
