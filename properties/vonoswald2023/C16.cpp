// vonoswald2023/C16 — a tied 2-layer LSA beats 2-step GD (shared line-searched η) and matches tied GD++ in loss,
// alignment and OOD; cos(TF, GD++) > cos(TF, GD).
// Five seeds of the tied 2-layer model (two_layer.hpp: §2.5 settings for K = 2), on the run's 10⁴ evaluation tasks,
// against 2-step GD (O1, η line-searched there) and tied 2-step GD++ (O2, (η, γ) fitted on separate tasks). Parts:
//   beats:   L_TF < L_GD in every seed;
//   matches: |L_TF − L_GD++| ≤ kReach·(L_0 − L_GD++), C10's 1% reading;
//   closer:  cos(TF, GD++) > cos(TF, GD) and cos(TF, GD++) ≥ 1 − kReach/2 (§2.4 cosines of the implicit models);
//   OOD:     under input scaling α ∈ {0.5, 0.75, 1.25, 1.5, 2} (S-code convention), |√L_TF − √L_GD++| ≤ √kReach·rms(ŷ_GD++)/√2 (C14),
//            on the tasks inside GD++'s step-size condition at the fitted (η, γ): ηλ_max(XXᵀ)/N ≤ 2 and γλ_max ≤ 2
//            (spec §2.3: beyond them the maps are expansive and both models diverge at rates that small parameter
//            differences change); what happens on the other tasks is reported apart, as an observation.
// "beats" and "matches" are decided over every seed (refuted only at the paper's 5000 steps); "closer" and "OOD" over
// the seeds that match GD++'s loss (every seed at the paper's scale). Before any of it, the comparison is calibrated on
// the constructions: two K1 layers at η_GD must be O1's 2 steps, two K3 layers at the fitted (η, γ) O2's (flip-γ and
// drop-1/N are rejected there), and the trained model's predictions are recomputed by the construction layers.
#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include "properties/vonoswald2023/common.hpp"
#include "properties/vonoswald2023/one_layer.hpp"
#include "properties/vonoswald2023/two_layer.hpp"
#include "training/seeds.hpp"

namespace icl::vonoswald2023::c16 {

const double kAlphas[] = {0.5, 0.75, 1.25, 1.5, 2.0};
constexpr Index kOodTasks = 2000;

// The tasks of t inside GD++'s step-size condition at (η, γ).
Tasks stable_tasks(const Tasks& t, double eta, double gamma) {
  const Index N = t.tokens.N, d = t.d();
  std::vector<Index> keep;
  for (Index b = 0; b < t.y.size(); ++b) {
    const Mat<double> X = t.X(b);
    const double lmax = Eigen::SelfAdjointEigenSolver<Mat<double>>(X * X.transpose(), Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
    if (eta * lmax / double(N) <= 2 && gamma * lmax <= 2) keep.push_back(b);
  }
  Tasks out;
  out.tokens.N = N;
  out.tokens.C.resize(d + 1, Index(keep.size()) * N);
  out.tokens.Q.resize(d + 1, Index(keep.size()));
  out.y.resize(Index(keep.size()));
  for (size_t k = 0; k < keep.size(); ++k) {
    out.tokens.C.middleCols(Index(k) * N, N) = t.tokens.C.middleCols(keep[k] * N, N);
    out.tokens.Q.col(Index(k)) = t.tokens.Q.col(keep[k]);
    out.y(Index(k)) = t.y(keep[k]);
  }
  return out;
}

// Below this many qualifying tasks an α gives no evidence (the Minkowski reading needs the losses' sampling error
// well below √kReach of their scale).
constexpr Index kMinStableTasks = 200;

struct Seed {
  double L_tf = 0, cos_pp = 0, cos_gd = 0;
  bool ood = true;
  std::string ood_failure;
};

Evidence check(Context& ctx) {
  const long n_seeds = training_seeds(ctx.config());
  Evidence ev;
  const long steps = ctx.budget(kTwoLayerSteps.name);
  const bool full = kTwoLayerBudget.full(steps);
  const TrainConfig c = two_layer_config(steps);
  const Index d = c.law.d, N = c.law.N;
  const Tasks& eval = evaluation_tasks(ctx.config(), c.law);
  const TwoLayerBaselines& base = two_layer_baselines(ctx.config(), c.law);
  const double eta = base.gd.eta, eta_pp = base.gdpp.eta, gamma = base.gdpp.gamma;

  auto k1 = vo::gd_stack<double>(Mat<double>::Zero(1, d), {eta, eta}, N, vo::PForm::Code);
  std::vector<LsaLayer<double>> k3(2, vo::gdpp_layer<double>(d, eta_pp, gamma, N));
  damage(k1, ctx.defect(), N);
  damage(k3, ctx.defect(), N);
  const Calibration cal_gd = calibrate(k1, eval, base.gd.y_hat, base.gd.g, eta);
  const Calibration cal_pp = calibrate(k3, eval, base.gdpp.y_hat, base.gdpp.g, eta_pp);

  std::vector<Tasks> ood, all;
  std::vector<Baseline> ood_pp, all_pp;
  std::string qualified;
  {
    Rng rng(ctx.seed("OOD"));
    for (const double a : kAlphas) {
      all.push_back(input_scaled_tasks(rng, c.law, a, kOodTasks));
      all_pp.push_back(gdpp_predictions(all.back(), eta_pp, gamma, 2));
      ood.push_back(stable_tasks(all.back(), eta_pp, gamma));
      ood_pp.push_back(gdpp_predictions(ood.back(), eta_pp, gamma, 2));
      qualified += fmt::format("{}α = {}: {} of {}", qualified.empty() ? "" : ", ", a, ood.back().y.size(), kOodTasks);
    }
  }
  std::vector<Seed> seeds;
  std::vector<training::SeedOutcome> beats, matches, closer, outside;
  double worst_trainer = 0;
  std::string runs, observed;
  const double scale = base.L_zero - base.gdpp.loss;
  for (long s = 0; s < n_seeds; ++s) {
    const TrainedLsa& r = trained_lsa(c, training_seed(ctx.config(), s), ctx.config());
    worst_trainer = std::max(worst_trainer, trainer_vs_construction(r.model, eval, construction_keys(ctx)));
    Seed x;
    x.L_tf = 0.5 * (predict(r.model, eval.tokens) - eval.y).squaredNorm() / double(eval.y.size());
    const Mat<double> g = query_gradient(r.model, eval.tokens).topRows(d);
    x.cos_pp = mean_cos(g, base.gdpp.g);
    x.cos_gd = mean_cos(g, base.gd.g);
    for (size_t k = 0; k < ood.size(); ++k) {
      if (s == 0) {  // outside the condition: the whole draw, as an observation
        const double L_all = 0.5 * (predict(r.model, all[k].tokens) - all[k].y).squaredNorm() / double(kOodTasks);
        observed += fmt::format("{}α = {}: L_TF {:.4g}, L_GD++ {:.4g}", observed.empty() ? "" : "; ", kAlphas[k], L_all,
                                all_pp[k].loss);
      }
      if (ood[k].y.size() < kMinStableTasks) continue;
      const double B = double(ood[k].y.size()), L_tf = 0.5 * (predict(r.model, ood[k].tokens) - ood[k].y).squaredNorm() / B,
                   L_pp = ood_pp[k].loss, rms = std::sqrt(ood_pp[k].y_hat.squaredNorm() / B);
      if (x.ood && std::abs(std::sqrt(L_tf) - std::sqrt(L_pp)) > kReachRelative * rms / std::sqrt(2.0)) {
        x.ood = false;
        x.ood_failure = fmt::format("α = {}: L_TF {:.4g} against L_GD++ {:.4g}", kAlphas[k], L_tf, L_pp);
      }
    }
    const bool match = std::abs(x.L_tf - base.gdpp.loss) <= kReach * scale;
    const bool q = full || match;
    beats.push_back({s, true, x.L_tf < base.gd.loss,
                     fmt::format("L_TF {:.4f} ≥ L_GD(2 steps) {:.4f} after {} steps", x.L_tf, base.gd.loss, steps)});
    matches.push_back({s, true, match,
                       fmt::format("L_TF {:.4f} against L_GD++ {:.4f}: {:.1f}% of L_0 − L_GD++ apart after {} steps", x.L_tf,
                                   base.gdpp.loss, 100 * std::abs(x.L_tf - base.gdpp.loss) / scale, steps)});
    closer.push_back({s, q, x.cos_pp > x.cos_gd && x.cos_pp >= 1 - kReach / 2,
                      fmt::format("cos(TF, GD++) {:.5f}, cos(TF, GD) {:.5f}", x.cos_pp, x.cos_gd)});
    outside.push_back({s, q, x.ood, x.ood_failure});
    runs += fmt::format("{}seed {}: L_TF {:.4f}, cos(TF, GD++) {:.5f}, cos(TF, GD) {:.5f}{}", runs.empty() ? "" : "; ", s,
                        x.L_tf, x.cos_pp, x.cos_gd, x.ood ? "" : ", OOD apart (" + x.ood_failure + ")");
    ev.series.push_back({fmt::format("seed {} evaluation loss", s), "step", "½-MSE", r.t, r.eval_loss});
    seeds.push_back(x);
  }
  ev.note("setting", fmt::format("tied 2-layer LSA, 1 head, S-code, d = N = 10, {} AdamW steps per seed (lr 10⁻³, clip "
                                 "0.001, batch 2048; the paper trains 5000){}; {} seeds; 10⁴ evaluation tasks; OOD {} tasks "
                                 "per α",
                                 steps, full ? "" : " — a reduced budget", n_seeds, kOodTasks));
  ev.note("baselines", fmt::format("L_0 {:.4f}; 2-step GD at η = {:.3f}: {:.4f}; tied GD++ at η = {:.4f}, γ = {:.4f}: {:.4f}",
                                   base.L_zero, eta, base.gd.loss, eta_pp, gamma, base.gdpp.loss));
  ev.note("runs", runs);
  ev.note("OOD tasks inside GD++'s step-size condition", qualified + fmt::format(" (an α with fewer than {} gives no "
                                                                                 "evidence)", kMinStableTasks));
  ev.note("observation: OOD on every drawn task (seed 0)", observed);
  const std::string premise = full ? "at the paper's scale" : "trained to GD++'s loss";
  std::vector<std::pair<Verdict, std::string>> parts;
  parts.push_back(calibration_part(ev, cal_gd, "K1 ×2 is 2-step GD"));
  parts.push_back(calibration_part(ev, cal_pp, "K3 ×2 is tied GD++"));
  long n_beats = 0, n_match = 0;
  std::string c_beats, c_match;
  for (const auto& b : beats) n_beats += b.holds, c_beats = c_beats.empty() && !b.holds ? b.failure : c_beats;
  for (const auto& m : matches) n_match += m.holds, c_match = c_match.empty() && !m.holds ? m.failure : c_match;
  parts.push_back({training::seed_part(ev, "beats 2-step GD", n_beats, n_seeds, full, c_beats), c_beats});
  parts.push_back({training::seed_part(ev, "matches tied GD++ in loss (1%)", n_match, n_seeds, full, c_match), c_match});
  parts.push_back(training::premise_part(ev, "cos(TF, GD++) > cos(TF, GD), cos(TF, GD++) ≥ 0.995", premise, closer));
  parts.push_back(training::premise_part(ev, "OOD: TF ≈ GD++ at α = 0.5, 0.75, 1.25, 1.5, 2 (tasks inside the step-size condition)",
                                         premise, outside));
  ev.cases = n_seeds;
  training::seeds_verdict(ev, trainer_agreement(worst_trainer),
                          parts, "every seed beats 2-step GD and matches tied GD++: " + runs,
                          full ? "the seeds do not decide every part at the paper's scale"
                               : kTwoLayerBudget.reduced(steps));
  return ev;
}

const Registration row(family(),
    seed_fixtures(ClaimRow("C16", Kind::Empirical)
        .statement("Tied 2-layer LSA beats 2-step GD (shared line-searched η) and matches tied GD++ in loss, alignment and "
                   "OOD; cos(TF, GD++) > cos(TF, GD)")
        .source("§4, Fig. 4; A.12")
        .uses({"K1", "K3"}, {"O1", "O2", "O7"})
        .arithmetic("double (AdamW on sampled tasks; GD++ fitted)", {"double"})
        .budget(kTwoLayerSteps)
        .expect(Verdict::Inconclusive, kTwoLayerBudget.expectation() + " (README)")
        .rejects(defects::QueryAmongKeys)
        .rejects(defects::FlipGammaSign)
        .rejects(defects::DropOneOverN)
        .hypothesis("§2.5 setting for K = 2: d = N = 10, S-code, W ~ N(0, I), W_0 = 0, 1 head, tied; 5 training seeds for a "
                    "verdict (the default trains 2)")
        .check(check),
                  two_layer_fixture),
    __FILE__);

}  // namespace icl::vonoswald2023::c16
