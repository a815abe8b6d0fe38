// giannou2024/LOG10 — the alternative proof step ε^T(∇²g)^{-1}ε ≤ 4‖ε‖².
#include "properties/giannou2024/quadratic_form.hpp"

namespace icl::giannou2024::log10 {

Evidence check(Context& ctx) {
  return quadratic_form_check(ctx, ctx.broken(defects::WrongFormula) ? Rational(1) : Rational(4));
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
        .part("exact at x = 0", Verdict::ProvedExactly)
        .part("Arb at random x", Verdict::Certified)
        .hypothesis("Arb part: ε ≠ 0 (at ε = 0 both sides vanish)")
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log10
