// yang2024/C21 — very large H is unstable in the Fig. 4 configuration (the paper reports H = 400 unstable/diverging).
// H = 400 at Fig. 4's configuration (figure_training.hpp: Adam lr 10⁻⁴, batch 256 on 10,000 prompts), 5 training
// seeds (the same dictionaries, prompts and first heads as C14's and C25's). The claim is read as the paper words it,
// "unstable/diverging": a run diverges when its loss on all 10,000 training prompts overflows, ends at or above its
// start, or its excess Δ = L − L* climbs back above Δ(0) at a recorded point. Diverging in significantly many seeds
// holds, in significantly few refutes (one-sided binomial tests at 5%) — the latter only over kFullSteps steps or
// more, and it says "over T steps": a divergence could set in later. Reported beside it, not deciding: rises of the
// training loss between recorded points beyond the rounding of its evaluation (3·N·K·u times the size of its terms,
// E||y_full||²/(2K)) — constant-rate Adam jitters at its noise floor once it gets there (seen from ~2200 steps at
// Δ ≈ 10⁻², Δ(0) ≈ 9, in a 4000-step run), which is not a divergence.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "properties/yang2024/family.hpp"
#include "properties/yang2024/figure_training.hpp"
#include "training/fixture.hpp"

namespace icl::yang2024::c21 {

constexpr Index kHeads = 400;
constexpr long kSeeds = kFigureSeeds, kFullSteps = 1000;
const Budget kSteps{"steps", Axis::Steps, 2, 2};

std::string fixture_name(long s) { return training::seed_fixture("yang2024/figure-400", s); }

const auto fixtures = training::per_seed_fixtures("yang2024/figure-400", kSeeds, [](const RunConfig& cfg, long s) {
  seed_run(figure_seed(cfg, s), kHeads, cfg.scaled(kSteps), cfg);
});

Evidence check(Context& ctx) {
  Evidence ev;
  const long steps = ctx.budget("steps");
  long diverged = 0;
  double worst_k1 = 0;
  std::string runs, first_diverged, stable_example;
  for (long s = 0; s < kSeeds; ++s) {
    const FigureSeed fs = figure_seed(ctx.config(), s);
    const FigureRun& r = seed_run(fs, kHeads, steps, ctx.config());
    if (s == 0) worst_k1 = k1_check(fs.problem, r, ctx.broken(defects::SoftmaxOverAll)).discrepancy;
    const FigureConfig& c = fs.problem.cfg;
    const double terms = fs.problem.Y.squaredNorm() / double(c.prompts) / double(2 * c.K);
    const double rounding = 3 * double(c.N * c.K) * 0x1p-53 * terms;
    long rises = 0;
    double largest_rise = 0;
    for (size_t i = 0; i + 1 < r.train.size(); ++i)
      if (r.train[i + 1] - r.train[i] > rounding) {
        ++rises;
        largest_rise = std::max(largest_rise, (r.train[i + 1] - r.train[i]) / r.train[i]);
      }
    const bool bad = !r.finite || !(r.train.back() < r.train.front()) ||
                     *std::max_element(r.delta.begin(), r.delta.end()) > r.delta.front();
    diverged += bad;
    const std::string line = fmt::format("seed {}: training loss {:.5g} → {:.5g}, Δ {:.4g} → {:.4g} (least {:.4g}), {} "
                                         "rise(s) of the loss between recorded points{}{}",
                                         s, r.train.front(), r.train.back(), r.delta.front(), r.delta.back(),
                                         *std::min_element(r.delta.begin(), r.delta.end()), rises,
                                         rises ? fmt::format(" (largest {:.3g} relative)", largest_rise) : "",
                                         r.finite ? "" : ", overflowed");
    runs += (s ? "; " : "") + line;
    if (bad && first_diverged.empty()) first_diverged = line;
    if (!bad && stable_example.empty()) stable_example = line;
    ev.series.push_back({fmt::format("seed {} H = 400 training loss", s), "step", "loss", r.t, r.train});
  }
  ev.cases = kSeeds;
  ev.note("runs", runs);
  ev.note("setting", fmt::format("H = {}, {} Adam steps (lr 10⁻⁴, batch 256, 10,000 prompts), τ = 0.1, loss recorded every "
                                 "{} steps; a refutation needs ≥ {} steps",
                                 kHeads, steps, std::max(1L, steps / kFigureRecords), kFullSteps));
  const Verdict v = seed_part(ev, "H = 400 diverges", diverged, kSeeds, steps >= kFullSteps, stable_example);
  ev.print({"H = 400 in the Fig. 4 configuration", "unstable/diverging",
            fmt::format("diverges in {} of {} seeds over {} steps", diverged, kSeeds, steps), "double (Adam)",
            v == Verdict::HoldsNumerically ? std::optional<bool>(true)
                                           : v == Verdict::Refuted ? std::optional<bool>(false) : std::nullopt,
            steps >= kFullSteps ? "one-sided binomial tests over the seeds"
                                : fmt::format("decided over ≥ {} steps", kFullSteps)});
  figure_verdict(ev, worst_k1, {{v, fmt::format("H = 400 does not diverge over {} steps in {} of {} seeds, e.g. {}", steps,
                                                kSeeds - diverged, kSeeds, stable_example)}},
                 fmt::format("H = 400 diverges in {} of {} seeds: {}", diverged, kSeeds, first_diverged),
                 fmt::format("H = 400 diverges in {} of {} seeds over {} steps{}", diverged, kSeeds, steps,
                             steps < kFullSteps ? fmt::format("; divergence is decided over ≥ {} steps (--effort {:g})",
                                                              kFullSteps, double(kFullSteps) / double(kSteps.base))
                                                : ""));
  return ev;
}

const Registration row(family(),
    ClaimRow("C21", Kind::Empirical)
        .statement("Very large H is unstable in the Fig. 4 configuration (the paper reports H = 400 unstable/diverging)")
        .source("Fig. 4")
        .uses({"K1"}, {"O7"})
        .arithmetic("double (Adam on sampled prompts)", {"double"})
        .expect(Verdict::Inconclusive, "the default budget runs 2 steps per seed; the deep run decides")
        .budget(kSteps)
        .rejects(defects::SoftmaxOverAll)
        .fixture(fixture_name(0))
        .fixture(fixture_name(1))
        .fixture(fixture_name(2))
        .fixture(fixture_name(3))
        .fixture(fixture_name(4))
        .hypothesis("Fig. 4 configuration (d = 100, K = 200, N = 30, m = 20), H = 400, Adam lr 10⁻⁴, τ = 0.1")
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c21
