// vonoswald2023/C29 — the reported GD* loss "≈ 0.2" against the exact L* under S-code.
#include "properties/vonoswald2023/population.hpp"

namespace icl::vonoswald2023::c29 {

Evidence check(Context& ctx) { return reported_loss(s_code(), ctx.defect()); }

const Registration row(family(),
    ClaimRow("C29", Kind::Empirical)
        .statement("The same reported loss \"≈ 0.2\" equals L* under S-code (U(−1/2,1/2) inputs)")
        .source("§5 / Fig. 2 (reported GD* loss); the code's input law")
        .uses({"K1"}, {"O3"})
        .arithmetic("exact rational (O3)", {"exact"})
        .expect(Verdict::ProvedExactly, "under U(−1/2,1/2) L* = 245/1188 ≈ 0.206")
        .rejects(defects::DropHalf)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c29
