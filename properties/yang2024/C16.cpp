// yang2024/C16 — at a common fixed (η_Q, γ), larger H gives slower decrease of Δ(t).
// Toy configuration, H ∈ {8, 16, 64}, the same dictionary per seed, η_Q = 2·10⁻³, γ = 10, 2000 steps, 20 seeds: the
// per-step factor (Δ(T)/Δ(0))^(1/T) of H = 16 against H = 8 decides (significantly slower over the seeds holds,
// significantly faster refutes: one-sided binomial tests at 5%); H = 64 is reported beside it (at this step size it can diverge).
// Seeds by power: over 150 seeds (base seeds 100–129 × 5) H = 16 was faster than H = 8 in 147. With 5 seeds a
// refutation needed 5 of 5 and missed in 3 of those 30 base seeds; with 20 it needs 15 of 20 (P(miss) < 10⁻⁶ at 0.98;
// at the common horizon below: 393 of 400 seeds over base seeds 100–119, all 20 refute).
// The seeds are fixed by that calculation; the effort buys steps. The factors are read at a common horizon: the budget's
// steps, or the first step at which H = 8 or 16 falls below the rounding floor (Δ < 10⁻²⁴Δ(0)), as in C20.
#include <cmath>

#include <fmt/format.h>

#include "core/fit.hpp"

#include "properties/yang2024/family.hpp"
#include "properties/yang2024/toy_training.hpp"

namespace icl::yang2024::c16 {

constexpr double kEtaQ = 2e-3, kGamma = 10, kLevel = 0.05, kFloor = 1e-24;
constexpr long kFullSteps = 2000, kPoweredSeeds = 20;

Evidence check(Context& ctx) {
  Evidence ev;
  const long steps = ctx.budget("steps"), seeds = kPoweredSeeds;
  long slower = 0, faster = 0, diverged = 0;  // H = 16 against H = 8; H = 64 runs that overflow
  std::string table, reverse;
  for (long s = 0; s < seeds; ++s) {
    Rng rng(ctx.seed(fmt::format("seed={}", s)));
    const ToyProblem p = toy_problem(ToyConfig{}, rng);
    std::vector<ToyRun> runs;
    for (const Index H : {Index(8), Index(16), Index(64)}) {
      Rng rh(ctx.seed(fmt::format("seed={} init", s)));
      runs.push_back(train_toy(p, H, kEtaQ, kGamma, steps, steps, rh));
    }
    long horizon = steps;  // the common horizon: neither H = 8 nor H = 16 below the rounding floor before it
    for (int i = 0; i < 2; ++i)
      if (runs[i].finite) horizon = std::min(horizon, steps_to(runs[i], kFloor));
    std::vector<double> factor;
    for (const ToyRun& r : runs) factor.push_back(r.finite ? factor_at(r, horizon) : INFINITY);
    slower += factor[0] < factor[1];
    faster += factor[1] < factor[0];
    diverged += !std::isfinite(factor[2]);
    table += fmt::format("{}seed {}: per-step factor H = 8: {:.6f}, 16: {:.6f}, 64: {:.6f}{}", s ? "; " : "", s, factor[0],
                         factor[1], factor[2], horizon < steps ? fmt::format(" (at step {})", horizon) : "");
    if (factor[1] < factor[0] && reverse.empty())
      reverse = fmt::format("seed {}: H = 16 contracts Δ by {:.6f} per step, H = 8 by {:.6f}", s, factor[1], factor[0]);
  }
  ev.note("runs", table);
  ev.note("policy", fmt::format("fixed η_Q = {}, γ = {} for every H", kEtaQ, kGamma));
  ev.note("H = 64", fmt::format("diverges (Δ overflows) in {} of {} seeds at this step size", diverged, seeds));
  ev.cases = 3 * seeds;
  // H = 8 → 16 decides (both converge in every seed, so their rates compare), by one-sided binomial tests at 5% over
  // the seeds; 64 is reported (see the note).
  const double p_faster = binomial_tail_at_most(slower, slower + faster), p_slower = binomial_tail_at_most(faster, slower + faster);
  if (p_slower < kLevel) {
    ev.verdict = Verdict::HoldsNumerically;
    ev.certificate = fmt::format("H = 16 converges more slowly than H = 8 in {} of {} seeds", slower, seeds);
  } else if (p_faster < kLevel && steps >= kFullSteps) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = reverse + fmt::format(" — H = 16 is faster than H = 8 in {} of {} seeds (P = {:.3g})", faster, seeds, p_faster);
  } else if (p_faster < kLevel) {
    ev.inconclusive(fmt::format("{} steps: below the {} a refutation needs; H = 16 faster than H = 8 in {} of {} seeds",
                                steps, kFullSteps, faster, seeds));
  } else {
    ev.inconclusive(fmt::format("H = 16 slower than H = 8 in {} of {} seeds, faster in {}", slower, seeds, faster));
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("C16", Kind::Empirical)
        .statement("At a common fixed (η_Q, γ), larger H gives slower decrease of Δ(t)")
        .source("Theorem 1 discussion")
        .uses({"K1"}, {"O7", "O2"})
        .arithmetic("double (training on the exact loss)", {"double"})
        .expect(Verdict::Refuted, "at a common step more heads converge faster (H = 16 against H = 8 in ≈ 98% of seeds) until "
                                  "the step becomes unstable (H = 64 can diverge): the worst-case constant is not the "
                                  "observed rate")
        .budget("steps", Axis::Steps, kFullSteps, 1)
        .hypothesis("toy configuration (spec §6), H ∈ {8, 16, 64}, one step-size policy for all H")
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c16
