// giannou2024/LOG10 — the alternative proof step ε^T(∇²g)^{-1}ε ≤ 4‖ε‖².
#include "properties/giannou2024/quadratic_form.hpp"

namespace icl::giannou2024::log10 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  const Rational factor = defect == defects::WrongFormula ? Rational(1) : Rational(4);
  const auto outcome = quadratic_form_property(ctx, factor, ctx.budget_int("cases"));
  ev.seed = ctx.seed();
  ev.precision_bits = ctx.working_bits();
  ev.cases = outcome.successes;
  ev.note("exact at x = 0 (every p_i = 1/2), random data including n < d", fmt::format("{} cases", outcome.successes));
  ev.verdict = Verdict::Inconclusive;
  record_failure(ev, outcome);
  conclude(ev, quadratic_form_arb(ctx, to_double(factor), ctx.budget_int("arb instances")),
           "Arb at random x, n ≥ d: ε^T(∇²g)^{-1}ε < 4‖ε‖²");
  return ev;
}

const Registration row(family(),
    ClaimRow("LOG10", Kind::Inequality)
        .statement("Alternative form: ε^T(∇²g)^{-1}ε ≤ 4‖ε‖² for all x, ε")
        .source("proof of Theorem 5.4 (alternative form)")
        .uses({"—"}, {"O6"})
        .arithmetic("exact rational; Arb", {"exact", "arb"})
        .expect(Verdict::Certified,
                "∇²f ⪰ μI gives (∇²g)^{-1} ⪯ 4I")
        .budget("cases", Axis::Cases, 100)
        .budget("arb instances", Axis::Instances, 20)
        .rejects_by_property(defects::WrongFormula, 0.2)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log10
