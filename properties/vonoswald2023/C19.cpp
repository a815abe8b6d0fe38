// vonoswald2023/C19 — an untied 5-layer LSA beats 5-step GD and matches GD++ with per-layer (η_k, γ_k); its loss is
// "close to 0"; naive interpolation does not carry over.
// Five seeds of the untied 5-layer model (§2.5 for K = 5: lr 5·10⁻⁴, clip 10, 50000 steps, tokens clipped to [−10, 10]
// after every layer), on the run's 10⁴ evaluation tasks, against (deep.hpp, with the same token clip):
//   5-step GD with one η, line-searched there as the code's `scan_lrs` does;
//   untied 5-step GD++ with (η_k, γ_k) fitted on 4096 separate tasks (Levenberg–Marquardt from (η̂, 0); the code fits
//   by Adam, `pre_train_gd_hps`; the objective is the same).
// Parts, each with the reading it uses:
//   beats:        L_TF < L_GD(5 steps) in every seed;
//   matches:      |L_TF − L_GD++| ≤ kReach·(L_0 − L_GD++), C10's 1% reading (holds or undecided: the fit is a local
//                 optimum, so a model apart from it is no counterexample);
//   close to 0:   L_TF ≤ kCloseToZero·L_0 — at least 90% of the zero predictor's loss removed (the paper gives no number);
//   interpolation does not carry over: the layer-wise K6 interpolation θ_I between the β-normalised trained layers and
//                 the K3 layers at the fitted (η_k, γ_k) leaves L_I above max(L_TF, L_GD++) + kReach·(L_0 − L_GD++) (C13's
//                 reading of "carries over", negated), over the seeds that match GD++.
// Calibrated first: the steps of deep.hpp without the clip against O2 run step by step; K1 ×5 at η̂ and K3 at the fitted
// (η_k, γ_k), through the trainer's model with its clip, against the clipped steps (flip-γ and drop-1/N rejected
// there); the fit's Jacobian against central differences.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "properties/vonoswald2023/common.hpp"
#include "properties/vonoswald2023/deep.hpp"
#include "properties/vonoswald2023/one_layer.hpp"
#include "training/fixture.hpp"

namespace icl::vonoswald2023::c19 {

constexpr long kLayers = 5;
constexpr double kCloseToZero = 0.1;
constexpr Index kCalibrationTasks = 256;
// The paper trains untied models 50000 steps (§2.5; ≈ 20 steps/s here, 42 min per seed); the default report 5 per
// seed, inconclusive by construction.
inline constexpr StepBudget kBudget{5, 50000, "seed"};
inline const Budget kSteps = kBudget.budget();

TrainConfig config(long steps) {
  TrainConfig c;
  c.layers = kLayers;
  c.tied = false;
  c.steps = steps;
  return c;
}
std::string fixture_name(long s) { return training::seed_fixture("vonoswald2023/five-layer", s); }
const auto fixtures = seed_fixture_jobs("vonoswald2023/five-layer", [](const RunConfig& cfg, long s) {
  trained_lsa(config(cfg.scaled(kSteps)), training_seed(cfg, s), cfg);
});


// The layer-wise K6 interpolation of a trained untied model with the K3 layers at p.
LsaModel<double> interpolated(const LsaModel<double>& tf, const std::vector<LsaLayer<double>>& k3) {
  const Index D = tf.block(0).at(0).WK.cols(), d = D - 1;
  LsaModel<double> m;
  m.layers = tf.layers;
  m.clip = true;
  for (Index l = 0; l < tf.layers; ++l) {
    const auto& h = tf.block(l).at(0);
    const auto& g = k3.at(size_t(l)).heads.at(0);
    const Mat<double> WKQ = h.WK.transpose() * h.WQ, WPV = h.P * h.WV;
    const double beta = WKQ.topLeftCorner(d, d).diagonal().mean();
    m.blocks.push_back({{Mat<double>::Identity(D, D), Mat<double>((WKQ / beta + g.WK.transpose() * g.WQ) / 2),
                         Mat<double>::Identity(D, D), Mat<double>((beta * WPV + g.P * g.WV) / 2)}});
  }
  return m;
}


Evidence check(Context& ctx) {
  const long seeds = training_seeds(ctx.config());
  Evidence ev;
  const long steps = ctx.budget(kSteps.name);
  const bool full = kBudget.full(steps);
  const TrainConfig c = config(steps);
  const Index d = c.law.d, N = c.law.N;
  const Tasks& eval = evaluation_tasks(ctx.config(), c.law);
  const double L_zero = 0.5 * eval.y.squaredNorm() / double(eval.y.size());

  // Baselines.
  const LineSearch gd = gd_steps_line_search(eval, kLayers, true);
  Rng rng(ctx.seed("GD++ fitting"));
  // From the code's start: the line-searched η and γ = η/N² (spec §2.5), with the code's token clip.
  const UntiedFit fit = fit_gdpp_untied(draw_tasks(rng, c.law, kFitTasks), kLayers, gd.eta, gd.eta / double(N * N), true);
  const double L_pp = half_mse(gdpp_untied(eval, fit.p, true), eval.y);
  const double L_pp_unclipped = half_mse(gdpp_untied(eval, fit.p, false), eval.y);
  const double scale = L_zero - L_pp;
  std::string params;
  for (long k = 0; k < kLayers; ++k)
    params += fmt::format("{}(η {:.4f}, γ {:.4f})", k ? ", " : "", fit.p.eta[size_t(k)], fit.p.gamma[size_t(k)]);

  // Calibrations.
  std::vector<std::pair<Verdict, std::string>> parts;
  const auto calibration = [&](const std::string& what, double err, double allowed, const std::string& how) {
    parts.push_back(calibration_part(ev, what, err, allowed, how));
  };
  const Tasks cal = eval.first(kCalibrationTasks);
  calibration("the steps without the clip are O2's", relative_difference(gdpp_untied(cal, fit.p, false), o2_steps(cal, fit.p)),
              kTrainerAgreement, "at the fitted (η_k, γ_k), largest |Δŷ| over the largest |ŷ|");
  {
    auto k1 = vo::gd_stack<double>(Mat<double>::Zero(1, d), std::vector<double>(size_t(kLayers), gd.eta), N, vo::PForm::Code);
    damage(k1, ctx.defect(), N);
    const StepParameters gd_p = tied_steps(kLayers, gd.eta, 0);
    calibration("K1 ×5 through the trainer's model (with the clip) is 5-step GD",
                relative_difference(predict(as_model(k1, true), cal.tokens), gdpp_untied(cal, gd_p, true)), kTrainerAgreement,
                fmt::format("at η̂ = {:.3f}", gd.eta));
    std::vector<LsaLayer<double>> k3;
    for (long k = 0; k < kLayers; ++k) k3.push_back(vo::gdpp_layer<double>(d, fit.p.eta[size_t(k)], fit.p.gamma[size_t(k)], N));
    damage(k3, ctx.defect(), N);
    calibration("K3 per layer through the trainer's model (with the clip) is untied GD++",
                relative_difference(predict(as_model(k3, true), cal.tokens), gdpp_untied(cal, fit.p, true)), kTrainerAgreement,
                "at the fitted (η_k, γ_k)");
  }
  calibration("the fit's Jacobian", jacobian_error(eval.first(64), fit.p, true, Tying::PerStep), kJacobianAgreement,
              "against Ridders-extrapolated central differences on 64 tasks");

  // The trained models.
  std::vector<LsaLayer<double>> k3;
  for (long k = 0; k < kLayers; ++k) k3.push_back(vo::gdpp_layer<double>(d, fit.p.eta[size_t(k)], fit.p.gamma[size_t(k)], N));
  damage(k3, ctx.defect(), N);
  std::vector<training::SeedOutcome> interpolation;
  long n_beats = 0, n_match = 0, n_zero = 0;
  std::string c_beats, c_match, c_zero, runs;
  double worst_trainer = 0;
  for (long s = 0; s < seeds; ++s) {
    const TrainedLsa& r = trained_lsa(c, training_seed(ctx.config(), s), ctx.config());
    worst_trainer = std::max(worst_trainer, trainer_vs_construction(r.model, eval, construction_keys(ctx)));
    // The trainer's last record is the loss on these evaluation tasks at the final step.
    const double L_tf = r.t.back() == double(steps) ? r.eval_loss.back() : half_mse(predict(r.model, eval.tokens), eval.y);
    const bool beats = L_tf < gd.loss, match = std::abs(L_tf - L_pp) <= kReach * scale, zero = L_tf <= kCloseToZero * L_zero;
    // The interpolation is read on the seeds that match GD++ (every seed at the paper's scale).
    const double L_i = full || match ? half_mse(predict(interpolated(r.model, k3), eval.tokens), eval.y) : NAN;
    n_beats += beats, n_match += match, n_zero += zero;
    const std::string at = fmt::format("seed {} after {} steps", s, steps);
    if (!beats && c_beats.empty()) c_beats = fmt::format("{}: L_TF {:.4f} ≥ L_GD(5 steps) {:.4f}", at, L_tf, gd.loss);
    if (!match && c_match.empty())
      c_match = fmt::format("{}: L_TF {:.4f} against L_GD++ {:.4f}, {:.1f}% of L_0 − L_GD++ apart", at, L_tf, L_pp,
                            100 * std::abs(L_tf - L_pp) / scale);
    if (!zero && c_zero.empty()) c_zero = fmt::format("{}: L_TF {:.4f} > {}·L_0 = {:.4f}", at, L_tf, kCloseToZero, kCloseToZero * L_zero);
    const double carried = std::max(L_tf, L_pp) + kReach * scale;
    interpolation.push_back({s, full || match, L_i > carried,
                             fmt::format("seed {}: L_I {:.4f} ≤ max(L_TF, L_GD++) + 1% of the gap = {:.4f}", s, L_i, carried)});
    runs += fmt::format("{}seed {}: L_TF {:.4f}{}", runs.empty() ? "" : "; ", s, L_tf,
                        std::isnan(L_i) ? "" : fmt::format(", L_I {:.4f}", L_i));
    ev.series.push_back({fmt::format("seed {} evaluation loss", s), "step", "½-MSE", r.t, r.eval_loss});
  }
  ev.note("setting", fmt::format("untied 5-layer LSA, 1 head, S-code, d = N = 10, {} AdamW steps per seed (lr 5·10⁻⁴, clip "
                                 "10, batch 2048, tokens clipped to [−10, 10] after every layer; the paper trains 50000){}; "
                                 "{} seeds; 10⁴ evaluation tasks",
                                 steps, kBudget.scale_note(steps), seeds));
  ev.note("baselines", fmt::format("L_0 {:.4f}; 5-step GD at η̂ = {:.3f}: {:.4f}; untied GD++ {}: {:.4f} (fitted on {} tasks, "
                                   "{} Levenberg–Marquardt iterations{}; without the token clip {:.4f})",
                                   L_zero, gd.eta, gd.loss, params, L_pp, kFitTasks, fit.iterations,
                                   fit.converged ? "" : ", iteration cap reached", L_pp_unclipped));
  ev.note("runs", runs);
  parts.push_back({training::seed_part(ev, "beats 5-step GD", n_beats, seeds, full, c_beats), c_beats});
  // The fitted GD++ is a local optimum of the code's objective, not a certified global one (nor the one the code's Adam
  // reaches): a model apart from it is no counterexample, so this part holds or stays undecided.
  parts.push_back({training::seed_part(ev, "matches per-layer GD++ in loss (1%)", n_match, seeds, false, c_match),
                   full ? "the models are apart from the fitted GD++ (" + c_match +
                              "), which is a local optimum of the code's objective, not a certified one"
                        : kBudget.reduced(steps)});
  parts.push_back({training::seed_part(ev, "loss close to 0 (≤ 10% of L_0)", n_zero, seeds, full, c_zero), c_zero});
  parts.push_back(training::premise_part(ev, "naive interpolation does not carry over",
                                         full ? "at the paper's scale" : "trained to GD++'s loss", interpolation));
  ev.cases = seeds;
  training::seeds_verdict(ev, trainer_agreement(worst_trainer), parts,
                          "every seed beats 5-step GD, matches per-layer GD++ and is close to 0; " + runs,
                          full ? "the seeds do not decide every part at the paper's scale" : kBudget.reduced(steps));
  return ev;
}

const Registration row(family(),
    seed_fixtures(ClaimRow("C19", Kind::Empirical)
        .statement("Untied 5-layer LSA beats 5-step GD and matches GD++ with per-layer (η_k, γ_k); loss \"close to 0\"; "
                   "naive interpolation does not carry over")
        .source("§4, Fig. 4; A.12")
        .uses({"K1", "K3"}, {"O1", "O2", "O7"})
        .arithmetic("double (AdamW on sampled tasks; GD++ fitted)", {"double"})
        .budget(kSteps)
        .expect(Verdict::Inconclusive, kBudget.expectation() + " (README)")
        .rejects(defects::QueryAmongKeys)
        .rejects(defects::FlipGammaSign)
        .rejects(defects::DropOneOverN)
        .hypothesis("§2.5 setting for K = 5: d = N = 10, S-code, W ~ N(0, I), W_0 = 0, 1 head, untied, tokens clipped to "
                    "[−10, 10] after every layer; 5 training seeds for a verdict (the default trains 2)")
        .check(check),
                  fixture_name),
    __FILE__);

}  // namespace icl::vonoswald2023::c19
