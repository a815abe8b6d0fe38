// yang2024/C7 — at N = m, ŷ* = ŷ_best for every prompt.
#include "properties/yang2024/gaps.hpp"

namespace icl::yang2024::c7 {

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("prompts"));
  std::string diff;
  const int prompts = ctx.budget_int("prompts");
  for (int t = 0; t < prompts && diff.empty(); ++t) {
    const GapCase c = gap_case(ctx, rng, 1 + t % 5, 0);
    if (c.gap != 0) diff = fmt::format("{}: ŷ* ≠ ŷ_best, gap {}", c.str(), c.gap.str());
    ++ev.cases;
  }
  return decide(ev, diff, fmt::format("ŷ* = ŷ_best exactly on {} prompts with N = m = 1…5", ev.cases));
}

const Registration row(family(),
    ClaimRow("C7", Kind::Identity)
        .statement("At N = m, ŷ* = ŷ_best for every prompt")
        .source("Fig. 3 discussion")
        .uses({}, {"O3"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "the penalties mτ and Nτ coincide")
        .budget("prompts", Axis::Instances, 20, 1)
        .rejects(defects::MissingMTau)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c7
