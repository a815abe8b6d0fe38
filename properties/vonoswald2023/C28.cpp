// vonoswald2023/C28 — the paper's reported GD* loss "≈ 0.2" against the exact L* under S-paper.
#include "properties/vonoswald2023/population.hpp"

namespace icl::vonoswald2023::c28 {

Evidence check(Context& ctx) {
  // The control variant compares under S-code, where the reported value does agree: the comparison can hold.
  return reported_loss(ctx.broken(defects::CodeLaw) ? s_code() : s_paper(), ctx.defect());
}

const Registration row(family(),
    ClaimRow("C28", Kind::Empirical)
        .statement("The paper's reported 1-step GD* loss \"≈ 0.2\" (d = N = 10) equals L* under S-paper (U(−1,1) inputs)")
        .source("§5 / Fig. 2 (reported GD* loss)")
        .uses({"K1"}, {"O3"})
        .arithmetic("exact rational (O3)", {"exact"})
        .expect(Verdict::Refuted,
                "under U(−1,1) L* = 245/297 ≈ 0.825; the reported 0.2 matches the code's U(−1/2,1/2) (C29)")
        .variant(defects::CodeLaw, Verdict::ProvedExactly)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c28
