// yang2024/C8 — the Fig. 3 gap (1/K)‖ŷ* − ŷ_best‖² is 0 at N = m and > 0 for N ≠ m.
#include "properties/yang2024/gaps.hpp"

namespace icl::yang2024::c8 {

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("prompts"));
  std::string nonzero, zero;
  long equal = 0, unequal = 0;
  const int prompts = ctx.budget_int("prompts");
  for (int t = 0; t < prompts; ++t) {
    const Index m = 1 + t % 4, offset = Index(t / 4 % 5) - 2;
    if (m + offset < 1) continue;
    const GapCase c = gap_case(ctx, rng, m, offset);
    ++ev.drawn;
    // Hypothesis: the prompt carries signal, Zy ≠ 0 (else λ̂ = λ̂_τ = 0 whatever the penalties).
    if (Vec<Rational>(c.in.Z() * c.p.y).isZero()) continue;
    ++ev.qualified;
    ++ev.cases;
    if (offset == 0) {
      ++equal;
      if (c.gap != 0 && nonzero.empty()) nonzero = fmt::format("{}: gap {} at N = m", c.str(), c.gap.str());
    } else {
      ++unequal;
      if (c.gap == 0 && zero.empty()) zero = fmt::format("{}: gap 0 at N ≠ m", c.str());
    }
  }
  ev.part("gap = 0 at N = m", nonzero.empty() ? Verdict::ProvedExactly : Verdict::Refuted, nonzero);
  ev.part("gap > 0 for N ≠ m", zero.empty() ? Verdict::ProvedExactly : Verdict::Refuted, zero);
  ev.note("prompts", fmt::format("{} with N = m, {} with N ≠ m (N = m − 2 … m + 2, m = 1…4); {} of {} drawn had Zy ≠ 0",
                                 equal, unequal, ev.qualified, ev.drawn));
  return decide(ev, nonzero.empty() ? zero : nonzero,
                "every qualifying prompt: exactly 0 at N = m, exactly positive otherwise (a statement about these "
                "prompts)");
}

const Registration row(family(),
    ClaimRow("C8", Kind::Inequality)
        .statement("The Fig. 3 gap is 0 at N = m and > 0 for N ≠ m")
        .source("Fig. 3")
        .uses({}, {"O3"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "different penalties give different ridge solutions for generic prompts")
        .part("gap = 0 at N = m", Verdict::ProvedExactly)
        .part("gap > 0 for N ≠ m", Verdict::ProvedExactly)
        .budget("prompts", Axis::Instances, 40, 1)
        .hypothesis("the prompt carries signal: Zy ≠ 0")
        .rejects(defects::PenaltyNTau)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c8
