// yang2024/C23 — ‖G^{1/2}(Â − A)‖_F² = 2K·(L(θ) − optimum).
#include "properties/yang2024/loss_forms.hpp"

namespace icl::yang2024::c23 {

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("instances"));
  std::string diff;
  const int instances = ctx.budget_int("instances");
  for (int t = 0; t < instances && diff.empty(); ++t) {
    const LossSetting s = loss_setting(ctx, rng, t);
    const Mat<Rational> A_hat = random_A_hat(s.in, rng);
    const Rational excess = o2_loss(s, A_hat, ctx.broken(defects::LossOverK)) - s.optimum;
    const Rational lhs = weighted_distance(s, A_hat) * Rational(2 * long(s.in.K()));  // ‖G^{1/2}(Â − A)‖_F²
    if (lhs != Rational(2 * long(s.in.K())) * excess)
      diff = fmt::format("{}, Â = {}: ‖G^(1/2)(Â − A)‖_F² = {} but 2K(L − L*) = {}", s.in.str(), check::show(A_hat),
                         lhs.str(), (Rational(2 * long(s.in.K())) * excess).str());
    ++ev.cases;
  }
  return decide(ev, diff, fmt::format("exact on {} (dictionary, Â) pairs; the Frobenius norm as tr((Â − A)ᵀG(Â − A))",
                                      ev.cases));
}

const Registration row(family(),
    ClaimRow("C23", Kind::Identity)
        .statement("‖G^{1/2}(Â − A)‖_F² = 2K·(L(θ) − optimum)")
        .source("proof of Theorem 2")
        .uses({}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "Lemma 5 with the optimum at Â = A")
        .budget("instances", Axis::Instances, 30, 1)
        .rejects(defects::LossOverK)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c23
