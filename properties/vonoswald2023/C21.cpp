// vonoswald2023/C21 — the sine task (§4, K5): the trained transformer with an embedding MLP (emb + MLP + one LSA layer)
// reaches the loss of the same embedding MLP meta-learned through one fixed GD step (K1, η = 0.1), the two compute
// similar initial and updated functions, and they align to first order.
// Models, tasks and training: sine.hpp (the code's law; 5 seeds; TF and baseline trained separately per seed). Every
// reading is taken on the run's fixed 10⁴ evaluation tasks, per seed:
//   (a) "loss ≈": the gap f = (L_TF − L_GD)/(L_0 − L_GD), L_0 the zero predictor's, within ±kReach (1%, the family's
//       reading of "reaches", one_layer.hpp): the TF neither falls short of nor beats the baseline by more than 1% of
//       the way from the zero predictor.
//   (b) "similar initial and updated functions": mean |ŷ₀,TF − ŷ₀,GD| (the predictions before the attention) and
//       mean |ŷ_TF − ŷ_GD| (after it; the code's preds diff) each ≤ √kReach = 10% of std(y_test).
//   (c) "high first-order alignment" (ŷ is not linear in x_test, so only the slope g = ∂ŷ/∂x_test is compared, spec
//       §7): the code's partial cosine mean_b ⟨g/(|g| + 1e-8), g_GD/(|g_GD| + 1e-8)⟩ ≥ kHighCos = 0.9 and the partial
//       diff mean |g − g_GD| ≤ 10% of mean |g_GD|. The paper prints no number for these curves: 0.9 is this suite's
//       reading of "high", stated so that a reader can apply another.
// Decided over the 5 seeds by a one-sided binomial (training/seeds.hpp), only at the paper's 20000 steps.
// Calibrated in every run, on 256 evaluation tasks of every trained model: the trainer's attention against the
// construction layer (constructions/attention: the TF's trained heads; K1 of layers.hpp for the baseline) on the same
// embedded tokens, and K1 against O1 — one GD step from W = 0 on the features h[0..38] with targets h[39], from the
// initial prediction ŷ₀; the metrics of (c) on a model against itself must read cos 1, diff 0.
#include <cmath>

#include <fmt/format.h>

#include "constructions/vonoswald2023/layers.hpp"
#include "oracles/gd.hpp"
#include "properties/vonoswald2023/one_layer.hpp"
#include "properties/vonoswald2023/sine.hpp"
#include "training/fixture.hpp"

namespace icl::vonoswald2023::c21 {

using namespace sine;

constexpr double kHighCos = 0.9;
constexpr Index kCalibrationTasks = 256, kReducedReadings = 512;

struct SeedMetrics {
  long s = 0;
  double L_tf = 0, L_gd = 0, L_zero = 0, f = 0;
  double init_diff = 0, preds_diff = 0, std_y = 0;
  double cos = 0, slope_diff = 0, slope_gd = 0;
};

double mean_abs(const Vec<double>& v) { return v.cwiseAbs().mean(); }

// The code's partial cosine and partial diff between two slope vectors.
std::pair<double, double> first_order(const Vec<double>& g, const Vec<double>& g_gd) {
  double cos = 0;
  for (Index b = 0; b < g.size(); ++b) cos += g(b) / (std::abs(g(b)) + 1e-8) * g_gd(b) / (std::abs(g_gd(b)) + 1e-8);
  return {cos / double(g.size()), mean_abs(g - g_gd)};
}

// The code's cosine of a slope vector with itself is not 1: the 1e-8 in its denominators makes it mean (|g|/(|g| + 1e-8))².
double self_cosine(const Vec<double>& g) {
  return (g.cwiseAbs().array() / (g.cwiseAbs().array() + 1e-8)).square().mean();
}

SeedMetrics measure(long s, const Readout& a, const Readout& b, const SineTasks& eval, bool flip) {
  SeedMetrics m;
  m.s = s;
  m.L_tf = half_mse(a.y_hat, eval.y);
  m.L_gd = half_mse(b.y_hat, eval.y);
  m.L_zero = 0.5 * eval.y.squaredNorm() / double(eval.y.size());
  m.f = (m.L_tf - m.L_gd) / (m.L_zero - m.L_gd);
  m.init_diff = mean_abs(a.y_init - b.y_init);
  m.preds_diff = mean_abs(a.y_hat - b.y_hat);
  m.std_y = std::sqrt((eval.y.array() - eval.y.mean()).square().mean());
  std::tie(m.cos, m.slope_diff) = first_order(a.slope, flip ? Vec<double>(-b.slope) : b.slope);
  m.slope_gd = mean_abs(b.slope);
  return m;
}

// The trainer's ŷ against the construction layer's on the same embedded tokens, relative to the largest |ŷ|; and,
// for the baseline, the construction against O1 (`oracle_error`).
struct LayerAgreement {
  double trainer = 0, oracle = 0;
};
LayerAgreement layer_agreement(const SineModel<double>& m, const LsaLayer<double>& layer, const SineTasks& eval) {
  const SineTasks t = eval.first(kCalibrationTasks);
  const Mat<double> h = embed(m, t.C, t.Q);
  const Vec<double> trainer = readout(m, t).y_hat;
  const Index B = t.tasks(), N = kContext;
  Vec<double> built(B), gd(B);
  for (Index b = 0; b < B; ++b) {
    Prompt<double> p{Mat<double>(kWidth, N + 1), N};
    p.Z << h.middleCols(b * N, N), h.col(B * N + b);
    built(b) = -forward(layer, p).Z(kLabel, N);
    // O1: one GD step from W = 0 on (h_j[0..38], h_j[39]) at η = 0.1, from the initial prediction −h_q[39].
    const Mat<double> W = oracle::gd_step<double>(Mat<double>::Zero(1, kLabel), p.Z.topLeftCorner(kLabel, N),
                                                  p.Z.block(kLabel, 0, 1, N), kBaselineEta);
    gd(b) = -p.Z(kLabel, N) + W.row(0).dot(p.Z.col(N).head(kLabel));
  }
  const double scale = trainer.cwiseAbs().maxCoeff();
  return {(trainer - built).cwiseAbs().maxCoeff() / scale, (built - gd).cwiseAbs().maxCoeff() / scale};
}

Evidence check(Context& ctx) {
  const long n_seeds = training_seeds(ctx.config());
  Evidence ev;
  const long steps = ctx.budget(kSineSteps.name);
  const bool full = kSineBudget.full(steps);
  // Below the paper's budget the readings take the first 512 of the 10⁴ tasks (a readout costs a quarter of a training
  // step's backward per 512 tasks; the verdict there is inconclusive anyway).
  const SineTasks& all = sine_evaluation(ctx.config(), Law::Code);
  const SineTasks eval = full ? all : all.first(kReducedReadings);
  const long N_eff = ctx.broken(defects::DropOneOverN) ? 1 : kContext;  // K1's P without its 1/N
  const LsaLayer<double> k1 =
      vonoswald::gd_layer<double>(Mat<double>::Zero(1, kLabel), kBaselineEta, N_eff, vonoswald::PForm::Code);
  double worst_trainer = 0, worst_oracle = 0, worst_self = 0;
  std::vector<SeedMetrics> seeds;
  std::vector<double> curve_t, curve_tf, curve_gd;
  std::string runs;
  for (long s = 0; s < n_seeds; ++s) {
    const SineRun& tf = trained_sine(Model::Tf, Law::Code, steps, s, ctx.config());
    const SineRun& gd = trained_sine(Model::Baseline, Law::Code, steps, s, ctx.config());
    const auto& m = tf.model;
    LsaLayer<double> tf_layer{{Head<double>{m.WK, m.WQ, m.WV, m.P}}, 1.0, construction_keys(ctx)};
    worst_trainer = std::max(worst_trainer, layer_agreement(m, tf_layer, eval).trainer);
    const LayerAgreement base = layer_agreement(gd.model, k1, eval);
    worst_trainer = std::max(worst_trainer, base.trainer);
    worst_oracle = std::max(worst_oracle, base.oracle);
    const Readout r_tf = readout(tf.model, eval), r_gd = readout(gd.model, eval);
    const SeedMetrics x = measure(s, r_tf, r_gd, eval, ctx.broken(defects::FlipAlignmentSign));
    {  // the metrics of (c) on the baseline against itself (flipped under the broken variant)
      const Vec<double>& g = r_gd.slope;
      const auto [cos, diff] = first_order(g, ctx.broken(defects::FlipAlignmentSign) ? Vec<double>(-g) : g);
      worst_self = std::max({worst_self, std::abs(cos - self_cosine(g)), diff / mean_abs(g)});
    }
    seeds.push_back(x);
    runs += fmt::format("{}seed {}: L_TF {:.5f}, L_GD {:.5f} (L_0 {:.5f}, f = {:+.4f}); initial |Δ| {:.4f}, updated |Δ| {:.4f} "
                        "(std y {:.4f}); partial cos {:.4f}, partial diff {:.4f} (mean |g_GD| {:.4f})",
                        runs.empty() ? "" : "; ", s, x.L_tf, x.L_gd, x.L_zero, x.f, x.init_diff, x.preds_diff, x.std_y,
                        x.cos, x.slope_diff, x.slope_gd);
    if (curve_t.empty()) curve_t = tf.t, curve_tf.assign(tf.t.size(), 0), curve_gd.assign(gd.t.size(), 0);
    for (size_t i = 0; i < curve_tf.size() && i < tf.eval_loss.size(); ++i) curve_tf[i] += tf.eval_loss[i] / n_seeds;
    for (size_t i = 0; i < curve_gd.size() && i < gd.eval_loss.size(); ++i) curve_gd[i] += gd.eval_loss[i] / n_seeds;
  }
  ev.note("setting", fmt::format("{}; x ~ U(−5, 5), N = {}; {} steps per run (the paper trains {}), batch 2048; {} seeds; "
                                 "readings on {} of the {} fixed evaluation tasks",
                                 law_name(Law::Code), kContext, steps, kSineBudget.paper_steps, n_seeds,
                                 eval.tasks(), all.tasks()));
  ev.note("per seed", runs);
  ev.series.push_back({"trained TF (emb + MLP + LSA), mean of the seeds", "step", "½-MSE, 2048 evaluation tasks", curve_t, curve_tf});
  ev.series.push_back({"MLP + one GD step (K1, η = 0.1), mean of the seeds", "step", "½-MSE, 2048 evaluation tasks", curve_t, curve_gd});
  ev.cases = n_seeds * 2;

  std::vector<std::pair<Verdict, std::string>> parts;
  parts.push_back(calibration_part(ev, "K1 in the baseline is one GD step on the features (O1)", worst_oracle,
                                   kTrainerAgreement, "K1 (layers.hpp) against O1 on the embedded tokens"));
  parts.push_back(calibration_part(ev, "the first-order metrics of a model against itself", worst_self, kTrainerAgreement,
                                   "|cos − mean (|g|/(|g| + 1e-8))²| and the diff relative to mean |g|"));
  const auto decide_part = [&](const std::string& name, const std::function<bool(const SeedMetrics&)>& holds,
                               const std::function<std::string(const SeedMetrics&)>& describe) {
    long yes = 0;
    std::string counter;
    for (const auto& x : seeds) {
      if (holds(x)) ++yes;
      else if (counter.empty()) counter = fmt::format("seed {}: {}", x.s, describe(x));
    }
    if (!full) {
      ev.part(name, Verdict::Inconclusive, fmt::format("{} of {} seeds; {}", yes, seeds.size(), kSineBudget.reduced(steps)));
      parts.push_back({Verdict::Inconclusive, kSineBudget.reduced(steps)});
      return;
    }
    const Verdict v = training::seed_part(ev, name, yes, long(seeds.size()), true, counter);
    parts.push_back({v, counter});
  };
  decide_part(
      "(a) the TF's loss is the baseline's (|f| ≤ 1%)", [](const SeedMetrics& x) { return std::abs(x.f) <= kReach; },
      [](const SeedMetrics& x) { return fmt::format("f = {:+.4f} (L_TF {:.5f}, L_GD {:.5f})", x.f, x.L_tf, x.L_gd); });
  decide_part(
      "(b) similar initial and updated functions (mean |Δ| ≤ 10% of std y)",
      [](const SeedMetrics& x) { return x.init_diff <= kReachRelative * x.std_y && x.preds_diff <= kReachRelative * x.std_y; },
      [](const SeedMetrics& x) {
        return fmt::format("initial |Δ| {:.4f}, updated |Δ| {:.4f}, std y {:.4f}", x.init_diff, x.preds_diff, x.std_y);
      });
  decide_part(
      "(c) high first-order alignment (partial cos ≥ 0.9, partial diff ≤ 10%)",
      [](const SeedMetrics& x) { return x.cos >= kHighCos && x.slope_diff <= kReachRelative * x.slope_gd; },
      [](const SeedMetrics& x) {
        return fmt::format("partial cos {:.4f}, partial diff {:.4f} of mean |g_GD| {:.4f}", x.cos, x.slope_diff, x.slope_gd);
      });
  training::seeds_verdict(ev, trainer_agreement(worst_trainer), parts,
                          "the TF reaches the baseline's loss, computes similar functions and aligns to first order",
                          full ? "the parts are not all decided" : kSineBudget.reduced(steps));
  return ev;
}

ClaimRow& fixtures(ClaimRow& row) {
  row.budget(kSeedBudget);
  for (long s = 0; s < kTrainingSeeds; ++s) row.fixture(sine_fixture(s));
  return row;
}

const Registration row(family(),
    fixtures(ClaimRow("C21", Kind::Empirical)
        .statement("Sine task: emb+MLP+LSA loss ≈ meta-learned MLP + one GD step; similar initial and updated functions; "
                   "high first-order alignment")
        .source("§4 (non-linear regression, K5)")
        .uses({"K5", "K1"}, {"O1"})
        .arithmetic("double (Adam on sampled tasks)", {"double", "training"})
        .budget(kSineSteps)
        .expect(Verdict::Inconclusive, kSineBudget.expectation())
        .rejects(defects::QueryAmongKeys)
        .rejects(defects::DropOneOverN)
        .rejects(defects::FlipAlignmentSign)
        .hypothesis("the code's sine task (a ~ U(0.1, 0.5), ρ = π(a − 0.1)/0.4, x ~ U(−5, 5), N = 10); TF and baseline "
                    "as in spec K5 (width 40, MLP 40 → 160 → 40, GELU); 5 training seeds for a verdict (the default trains 2)")
        .check(check)),
    __FILE__);

}  // namespace icl::vonoswald2023::c21
