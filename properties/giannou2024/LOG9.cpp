// giannou2024/LOG9 — the proof step ε^T(∇²g)^{-1}ε ≤ ‖ε‖²/4 as printed.
#include "properties/giannou2024/quadratic_form.hpp"

namespace icl::giannou2024::log9 {

Evidence check(Context& ctx) {
  Evidence ev;
  const auto outcome = quadratic_form_property(ctx, rational(1, 4), ctx.budget_int("cases"));
  ev.cases = outcome.successes;
  ev.seed = ctx.seed();
  const Tally arb = quadratic_form_arb(ctx, 0.25, ctx.budget_int("arb instances"));
  ev.cases += arb.total();
  ev.note("Arb at random x (n ≥ d)", arb.describe());
  if (!record_failure(ev, outcome)) {
    ev.verdict = arb.violated > 0 ? Verdict::Refuted : Verdict::Inconclusive;
    ev.counterexample = arb.first_violation;
  }
  ev.note("why", "∇²g = ∇²f/(4μ) ⪯ ((μ + 1/4)/(4μ)) I, so ε^T(∇²g)^{-1}ε ≥ 4μ/(μ + 1/4)·‖ε‖², which exceeds ‖ε‖²/4 "
                 "whenever μ > 1/60");
  return ev;
}

const Registration row(family(),
    ClaimRow("LOG9", Kind::Inequality)
        .statement("Proof step as printed: ε^T(∇²g)^{-1}ε ≤ ‖ε‖²/4 for all x, ε")
        .source("proof of Theorem 5.4 (as printed)")
        .uses({"—"}, {"O6"})
        .arithmetic("exact rational; Arb", {"exact", "arb"})
        .expect(Verdict::Refuted,
                "(∇²g)^{-1} = 4μ(∇²f)^{-1} ⪰ 4μ/(μ + 1/4)·I, above 1/4 for every μ > 1/60")
        .budget("cases", Axis::Cases, 100)
        .budget("arb instances", Axis::Instances, 10)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log9
