// yang2024/C9 — N < m ⇒ ‖λ̂‖ ≤ ‖λ̂_τ‖; N > m ⇒ ‖λ̂‖ ≥ ‖λ̂_τ‖ (per prompt).
#include "properties/yang2024/gaps.hpp"

namespace icl::yang2024::c9 {

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("prompts"));
  std::string diff;
  Rational least_slack(-1);
  const int prompts = ctx.budget_int("prompts");
  for (int t = 0; t < prompts && diff.empty(); ++t) {
    const Index m = 2 + t % 4, offset = t % 2 ? -1 - Index(t / 8 % 2) : 1 + Index(t / 8 % 3);
    if (m + offset < 1 || (ctx.broken(defects::MissingMTau) && offset > 0)) continue;
    const GapCase c = gap_case(ctx, rng, m, offset);
    const Rational a = c.lambda_hat.squaredNorm(), b = c.lambda_tau.squaredNorm();
    const Rational slack = offset < 0 ? b - a : a - b;  // ≥ 0 as claimed
    if (slack < 0)
      diff = fmt::format("{}: ‖λ̂‖² = {}, ‖λ̂_τ‖² = {} ({})", c.str(), a.str(), b.str(),
                         offset < 0 ? "N < m but ‖λ̂‖ > ‖λ̂_τ‖" : "N > m but ‖λ̂‖ < ‖λ̂_τ‖");
    if (least_slack < 0 || slack < least_slack) least_slack = slack;
    ++ev.cases;
  }
  ev.note("least slack", fmt::format("min over prompts of the claimed difference of squared norms: {:.3g}",
                                     to_double(least_slack)));
  return decide(ev, diff, fmt::format("exact on {} prompts (N = m − 2 … m + 3, m = 2…5)", ev.cases));
}

const Registration row(family(),
    ClaimRow("C9", Kind::Inequality)
        .statement("N < m ⇒ ‖λ̂‖ ≤ ‖λ̂_τ‖; N > m ⇒ ‖λ̂‖ ≥ ‖λ̂_τ‖ (per prompt)")
        .source("Fig. 3 interpretation")
        .uses({}, {"O3"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "the ridge solution's norm decreases as its penalty grows (mτ > Nτ iff N < m)")
        .budget("prompts", Axis::Instances, 40, 1)
        .rejects(defects::MissingMTau)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c9
