// yang2024/C20 — with η_Q tuned per H to its largest stable value, larger H gives slower convergence.
// Toy configuration, γ = 10, 2000 steps, 20 seeds, H ∈ {8, 16, 64} on the same dictionary and (per H) the same
// initialisation: η_Q starts at 1.6·10⁻² and is halved until the run contracts in every window (the largest stable
// step of the grid 1.6·10⁻² · 2^-j, j ≤ 8); the per-step factor (Δ(T)/Δ(0))^(1/T) at that step is compared across H,
// at a common horizon T: the budget's steps, or the first step at which one of the seed's runs falls below the rounding
// floor (Δ < 10⁻²⁴Δ(0)), since beyond it a factor measures the floor, not the speed (at 10× the budget every fast run
// reached it and the comparisons turned to noise: 13, 15, 12 of 20 under --seed 2).
// Each pair of H is judged over the seeds by one-sided binomial tests: significantly slower with the larger H (at 5%) for
// every pair holds (an intersection of tests needs no correction); significantly faster for some pair (at 5%/3,
// Bonferroni over the 3 pairs) refutes.
// Seeds by power: over 200 seeds (base seeds 100–139 × 5) the larger H was faster per seed in 168 (8 vs 16), 195 (8 vs
// 64) and 153 (16 vs 64). With 5 seeds a refutation needed 5 of 5 and came out in ≈ 88% of base seeds (base seed 5 missed
// it); with 20 seeds it needs 16 of 20 in one pair. Re-measured at the common horizon (below) over 400 seeds (base seeds
// 100–119 × 20): faster in 327, 381 and 328; the 8-vs-64 pair alone reaches 16 of 20 with probability 0.998, and all 20
// base seeds refute. The seeds are fixed by that calculation; the effort buys steps.
#include <cmath>

#include <fmt/format.h>

#include "core/fit.hpp"

#include "properties/yang2024/family.hpp"
#include "properties/yang2024/toy_training.hpp"

namespace icl::yang2024::c20 {

constexpr double kEtaTop = 1.6e-2, kGamma = 10, kFloor = 1e-24, kLevel = 0.05, kPairs = 3;
constexpr int kHalvings = 8;
constexpr long kFullSteps = 2000, kPoweredSeeds = 20;

Evidence check(Context& ctx) {
  Evidence ev;
  const long steps = ctx.budget("steps"), seeds = kPoweredSeeds, every = std::max<long>(1, steps / 10);
  long slower_pair[3][3] = {}, faster_pair[3][3] = {};
  const int Hs[3] = {8, 16, 64};
  std::string table;
  for (long s = 0; s < seeds; ++s) {
    Rng rng(ctx.seed(fmt::format("seed={}", s)));
    const ToyProblem p = toy_problem(ToyConfig{}, rng);
    std::vector<StableRun> runs;
    long horizon = steps;  // the common horizon: no stable run below the rounding floor before it
    for (const Index H : {Index(8), Index(16), Index(64)}) {
      const Rng init(ctx.seed(fmt::format("seed={} H={} init", s, H)));
      runs.push_back(train_toy_small_step(p, H, kEtaTop, kGamma, steps, every, init, kHalvings, kFloor));
      if (largest_contraction(runs.back().run, kFloor) <= 1) horizon = std::min(horizon, steps_to(runs.back().run, kFloor));
    }
    std::vector<double> factor, eta;
    for (const StableRun& r : runs) {
      eta.push_back(r.eta_Q);
      factor.push_back(largest_contraction(r.run, kFloor) <= 1 ? factor_at(r.run, horizon) : INFINITY);
    }
    // Each pair (H_a < H_b): is the larger H slower (factor larger) in this seed?
    for (int a = 0; a < 3; ++a)
      for (int b = a + 1; b < 3; ++b) {
        slower_pair[a][b] += factor[a] < factor[b];
        faster_pair[a][b] += factor[b] < factor[a];
      }
    table += fmt::format("{}seed {}: H = 8: η_Q = {:g}, factor {:.6f}; H = 16: {:g}, {:.6f}; H = 64: {:g}, {:.6f}{}",
                         s ? "; " : "", s, eta[0], factor[0], eta[1], factor[1], eta[2], factor[2],
                         horizon < steps ? fmt::format(" (at step {})", horizon) : "");
  }
  ev.note("runs", table);
  ev.note("policy", fmt::format("η_Q = {:g}·2^-j, the largest j ≤ {} whose run contracts in every window; γ = {}", kEtaTop,
                                kHalvings, kGamma));
  ev.cases = 3 * seeds;
  // Monotone in H, read over seeds by one-sided binomial tests per pair (ties count for neither side): every pair
  // significantly slower with the larger H holds; a pair significantly faster (Bonferroni over the pairs) refutes.
  bool all_slower = true;
  double strongest = kLevel / kPairs;  // the counterexample is the most significant reversed pair
  std::string reverse, pairs;
  for (int a = 0; a < 3; ++a)
    for (int b = a + 1; b < 3; ++b) {
      const long n = slower_pair[a][b] + faster_pair[a][b];
      const double p_faster = binomial_tail_at_most(slower_pair[a][b], n);  // P(this many faster or more | 1/2)
      const double p_slower = binomial_tail_at_most(faster_pair[a][b], n);
      all_slower = all_slower && p_slower < kLevel;
      pairs += fmt::format("{}H = {} vs {}: larger slower in {}, faster in {}", pairs.empty() ? "" : "; ", Hs[a], Hs[b],
                           slower_pair[a][b], faster_pair[a][b]);
      if (p_faster < strongest) {
        strongest = p_faster;
        reverse = fmt::format("H = {} converges faster than H = {} with tuned steps in {} of {} seeds (P = {:.3g})", Hs[b],
                              Hs[a], faster_pair[a][b], n, p_faster);
      }
    }
  ev.note("pairs (of seeds)", pairs);
  if (all_slower) {
    ev.verdict = Verdict::HoldsNumerically;
    ev.certificate = "with tuned steps every larger H is slower in significantly many seeds";
  } else if (!reverse.empty() && steps >= kFullSteps) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = reverse + fmt::format(" (one-sided binomial, Bonferroni over {} pairs)", kPairs);
  } else if (!reverse.empty()) {
    ev.inconclusive(fmt::format("{} steps: below the {} a refutation needs; {}", steps, kFullSteps, pairs));
  } else {
    ev.inconclusive(pairs);
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("C20", Kind::Empirical)
        .statement("With η_Q tuned per H to its largest stable value, larger H gives slower convergence")
        .source("Theorem 1 discussion")
        .uses({"K1"}, {"O7"})
        .arithmetic("double (training on the exact loss)", {"double"})
        .expect(Verdict::Refuted, "with each H at its largest stable step, H = 64 is faster than H = 8 in ≈ 97% of seeds and "
                                  "H = 16 faster than H = 8 in ≈ 84% (the worst-case constant's H-dependence is not the "
                                  "tuned rate)")
        .budget("steps", Axis::Steps, kFullSteps, 1)
        .hypothesis("toy configuration (spec §6), H ∈ {8, 16, 64}, step tuned per H on a halving grid")
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c20
