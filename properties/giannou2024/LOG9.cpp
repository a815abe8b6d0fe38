// giannou2024/LOG9 — the proof step ε^T(∇²g)^{-1}ε ≤ ‖ε‖²/4 as printed.
#include "properties/giannou2024/quadratic_form.hpp"

namespace icl::giannou2024::log9 {

Evidence check(Context& ctx) {
  // The control variant compares with LOG10's 4‖ε‖²: the same check then certifies.
  Evidence ev = quadratic_form_check(ctx, ctx.broken(defects::AlternativeForm) ? Rational(4) : rational(1, 4));
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
        .part("exact at x = 0", Verdict::Refuted)
        .part("Arb at random x", Verdict::Refuted)
        .hypothesis("Arb part: ε ≠ 0 (at ε = 0 both sides vanish)")
        .variant(defects::AlternativeForm, Verdict::Certified)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log9
