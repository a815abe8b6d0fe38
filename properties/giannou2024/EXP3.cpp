// giannou2024/EXP3 — output sweeps of the trained model in and out of distribution.
#include "properties/giannou2024/tolerances.hpp"
#include "properties/giannou2024/training.hpp"

namespace icl::giannou2024::exp3 {

Evidence check(Context& ctx) {
  Evidence ev;
  const TrainSpec s = spec_from(ctx);
  const auto depths = trained_depths(ctx.config(), s);
  const auto layers = depths[1].model.layers;  // the 2-layer model
  Rng rng = ctx.rng();
  // Sweep x_test along its first coordinate; in-distribution is |t| ≤ 3 (coordinates have variance ≤ λ_max = 1).
  Series sweep{"EXP3 trained 2-layer model vs the linear target along x_test,1", "t", "ŷ − w^T x_test", {}, {}};
  double inside = 0, outside = 0, zero_inside = 0;  // zero_inside: the zero predictor's error in distribution
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
        inside += rel;
        zero_inside += std::abs(t.yt) / (std::abs(t.yt) + 1);
        ++n_in;
      } else if (std::abs(tt) >= kOutOfDistribution) {
        outside += rel;
        ++n_out;
      }
      if (p == 0) {
        sweep.x.push_back(tt);
        sweep.y.push_back(err);
      }
    }
  }
  inside /= n_in;
  zero_inside /= n_in;
  outside /= n_out;
  ev.cases = n_in + n_out;
  ev.note("sweep", "20 test prompts, x_test,1 = t ∈ [−30, 30]; relative error |ŷ − w^Tx|/(|w^Tx| + 1)");
  ev.note("mean relative error", fmt::format("|t| ≤ 3 (in distribution): {:.3g} (zero predictor {:.3g}); |t| ≥ 10 "
                                             "(outside): {:.3g}; ratio {:.1f}",
                                             inside, zero_inside, outside, outside / inside));
  ev.note("why", "the query is among the keys (causal), so the output is a polynomial of degree up to 9 in x_test");
  ev.series = {sweep};
  // Follows in distribution (better than the zero predictor there) and not outside (ten times worse or more).
  ev.verdict = inside < zero_inside && outside > kOutsideFactor * inside ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (ev.verdict == Verdict::Refuted)
    ev.counterexample = fmt::format("inside error {:.3g}, outside error {:.3g}", inside, outside);
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
        .budget("steps", Axis::Steps, 500)
        .fixture("giannou2024/causal-lsa-depths")
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::exp3
