// ding2025/MK22 — Theorem 4.1 as printed: the query entry is +⟨w_l, x_{n+1}⟩.
#include "properties/ding2025/multilayer.hpp"

namespace icl::ding2025::mk22 {

Evidence check(Context& ctx) { return check::check_identity(ctx, Multilayer{+1, ctx.defect()}); }

const Registration row(family(),
    ClaimRow("MK22", Kind::Identity)
        .statement("Theorem 4.1 as printed: [Z_l]_{d+1,n+1} = +⟨w_l, x_{n+1}⟩ under the w-recursion")
        .source("Theorem 4.1 (printed sign)")
        .uses({"K4"}, {"O8"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::Refuted,
                "the entry is −⟨w_l, x_{n+1}⟩ (MK15); the printed sign holds only where ⟨w_l, x_{n+1}⟩ = 0 — a "
                "read-out convention (Ahn et al. negate the entry), not a different computation")
        .budget("cases", Axis::Cases, 100, 1)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk22
