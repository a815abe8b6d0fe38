// giannou2024/EXP3 — output sweeps of the trained model in and out of distribution.
// Seeds by power: over 55 trained 2-layer models (the default seed and --seed 1–10, 5 each) one left the line outside by
// less than kOutsideFactor (9.0×, under --seed 10: a model barely better than the zero predictor), and "every model"
// over 5 seeds turned that one into an inconclusive run. Now the pattern is decided over the trained models of 15 seeds
// by a one-sided binomial test at 5% (≥ 12 of 15; at a rate of 1/55 missed with probability ≈ 2·10⁻⁴); models not
// better than the zero predictor in distribution are outside the claim's premise and left out. "In distribution" for
// the premise is the training distribution (1000 fresh tasks, the paired difference of squared errors against the zero
// predictor below 0 by 3 SE), not the sweep's uniform t ∈ [−3, 3], whose edges the training law (λ_max(Σ) = 1) rarely
// reaches: read on the sweep, 11 of 15 models under --seed 11 were "untrained" while their test error was 0.4–0.5 of
// the zero predictor's.
#include "core/fit.hpp"
#include "properties/giannou2024/tolerances.hpp"
#include "properties/giannou2024/training.hpp"

namespace icl::giannou2024::exp3 {

// One trained 2-layer model swept along x_test,1: mean relative errors in and out of distribution, and the zero
// predictor's in distribution.
struct Sweep {
  double inside = 0, outside = 0, zero_inside = 0;
  long cases = 0;
  Series series;
};

Sweep sweep(const std::vector<LsaLayer<double>>& layers, const TrainSpec& s, Rng rng) {
  Sweep w;
  w.series = {"EXP3 trained 2-layer model vs the linear target along x_test,1 (seed 0)", "t", "ŷ − w^T x_test", {}, {}};
  int n_in = 0, n_out = 0;
  for (int p = 0; p < 20; ++p) {
    Task t = draw_task(rng, s.d, s.N, s.kappa);
    for (int step = -30; step <= 30; ++step) {
      const double tt = step;
      t.xt(0) = tt;
      t.yt = t.w.dot(t.xt);
      const double err = predict(layers, task_prompt<double>(t)) - t.yt;
      const double rel = std::abs(err) / (std::abs(t.yt) + 1);
      if (std::abs(tt) <= kInDistribution) {
        w.inside += rel;
        w.zero_inside += std::abs(t.yt) / (std::abs(t.yt) + 1);
        ++n_in;
      } else if (std::abs(tt) >= kOutOfDistribution) {
        w.outside += rel;
        ++n_out;
      }
      if (p == 0) {
        w.series.x.push_back(tt);
        w.series.y.push_back(err);
      }
    }
  }
  w.inside /= n_in;
  w.zero_inside /= n_in;
  w.outside /= n_out;
  w.cases = n_in + n_out;
  return w;
}

constexpr long kPoweredSeeds = 15;
constexpr double kLevel = 0.05, kSeparation = 3;

// The premise: better than the zero predictor on the training distribution, (ŷ − y)² − y² below 0 by 3 SE.
bool beats_zero(const std::vector<LsaLayer<double>>& layers, const std::vector<Task>& tests) {
  std::vector<double> d;
  for (const auto& t : tests) {
    const double e = predict(layers, task_prompt<double>(t)) - t.yt;
    d.push_back(e * e - t.yt * t.yt);
  }
  const MeanSe m = mean_and_se(d);
  return m.mean < -kSeparation * m.se;
}

Evidence check(Context& ctx) {
  Evidence ev;
  const TrainSpec s = spec_from(ctx);
  const long seeds = std::max<long>(kPoweredSeeds, ctx.budget_int(kExpSeeds.name));
  long trained = 0, follows_inside_only = 0;
  std::string table, counter;
  const std::vector<Task> tests = test_set(ctx.seed("premise"), s, 1000);
  for (int k = 0; k < seeds; ++k) {
    Model m = depth_model(ctx.config(), s, 2, k);  // the 2-layer model of training seed k
    if (ctx.broken(defects::Untrained)) {
      Rng init(k);
      m = init_model(init, 2, s.H, s.d + 2, s.N);
    }
    const Sweep w = sweep(m.layers, s, ctx.rng());
    // Premise: a trained model — better than the zero predictor in distribution.
    const bool is_trained = beats_zero(m.layers, tests), leaves = w.outside > kOutsideFactor * w.inside;
    trained += is_trained;
    follows_inside_only += is_trained && leaves;
    if (is_trained && !leaves && counter.empty())
      counter = fmt::format("seed {}: in {:.3g}, outside {:.3g} (ratio {:.1f})", k, w.inside, w.outside, w.outside / w.inside);
    table += fmt::format("{}seed {}: in {:.3g} (zero predictor {:.3g}), outside {:.3g}, ratio {:.1f}{}", table.empty() ? "" : "; ",
                         k, w.inside, w.zero_inside, w.outside, w.outside / w.inside, is_trained ? "" : " (not trained)");
    ev.cases += w.cases;
    if (k == 0) ev.series = {w.series};
  }
  ev.drawn = seeds;
  ev.qualified = trained;
  // P(this many or more of the trained models leave the line | a rate of 1/2).
  const double p_most = binomial_tail_at_most(trained - follows_inside_only, trained);
  ev.print({"range of |x_test,1| where the trained model follows the line", "|x| ≤ 14.9",
            fmt::format("followed within |t| ≤ {:g} (the reduced model's distribution), not beyond |t| ≥ {:g}", kInDistribution,
                        kOutOfDistribution),
            "double (reduced model)", std::nullopt, "the reduced analog (d = 5, no read-in) is not the paper's model"});
  ev.note("sweep", "20 test prompts per model, x_test,1 = t ∈ [−30, 30]; relative error |ŷ − w^Tx|/(|w^Tx| + 1); in "
                   "distribution |t| ≤ 3, outside |t| ≥ 10");
  ev.note("mean relative error per training seed", table);
  ev.note("why", "the query is among the keys (causal), so the output is a polynomial of degree up to 9 in x_test");
  ev.part("the trained model follows the line in distribution and leaves it outside (10× worse or more)",
          p_most < kLevel ? Verdict::HoldsNumerically : Verdict::Inconclusive,
          fmt::format("{} of the {} trained models (of {} seeds; P = {:.3g} at a rate of 1/2){}", follows_inside_only,
                      trained, seeds, p_most, counter.empty() ? "" : "; not: " + counter));
  // Follows in distribution and not outside (ten times worse or more), in significantly most trained models.
  if (p_most < kLevel) {
    ev.verdict = Verdict::HoldsNumerically;
    ev.certificate = fmt::format("{} of {} trained models", follows_inside_only, trained);
  } else if (trained < seeds) {
    ev.inconclusive(fmt::format("a model is not trained: {} of {} beat the zero predictor on the training distribution, {} of those "
                                "leave the line outside — too few to decide",
                                trained, seeds, follows_inside_only));
  } else {
    // The reduced analog is not the paper's model (no read-in, d = 5): its behaviour outside says nothing against the claim.
    ev.inconclusive(fmt::format("trained reduced models follow the line outside the distribution too ({} of {} leave "
                                "it); the paper's model is not built",
                                follows_inside_only, trained));
  }
  if (std::string why; !ctx.enough_budget(&why)) ev.inconclusive(why);  // an unfinished run is not evidence
  return ev;
}

const Registration row(family(),
    ClaimRow("EXP3", Kind::Empirical)
        .statement("Output sweeps over one coordinate of x_test: the trained model follows the linear "
                    "function in distribution (the paper quotes |x| ≤ 14.9) but not outside")
        .source("§6 (output sweeps)")
        .uses({"trained causal LSA"}, {"O3"})
        .arithmetic("double", {"double"})
        .expect(Verdict::HoldsNumerically,
                "with the query among the keys (causal) the output is a degree-9 polynomial in x_test: close "
                "to the line in distribution, far from it outside")
        .budget(kExpSteps)
        .budget(kExpSeeds)
        .inconclusive_under(defects::Untrained, "a model is not trained")
        .hypothesis("the model is trained: better than the zero predictor on the training distribution (1000 tasks, "
                    "3 SE)")
        .fixture(depths_fixture(0))
        .fixture(depths_fixture(1))
        .fixture(depths_fixture(2))
        .fixture(depths_fixture(3))
        .fixture(depths_fixture(4))
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::exp3
