// ding2025/MK15 — L layers of eq. 11 LSA perform the w-recursion; query entry −⟨w_l, x_{n+1}⟩.
#include "properties/ding2025/multilayer.hpp"

namespace icl::ding2025::mk15 {

Evidence check(Context& ctx) { return check::check_identity(ctx, Multilayer{-1, ctx.defect()}); }

const Registration row(family(),
    ClaimRow("MK15", Kind::Identity)
        .statement("Eq. 11 multilayer LSA (K4) = the w-recursion: context label entries y_j − ⟨w_l, x_j⟩, query entry "
                   "−⟨w_l, x_{n+1}⟩, x-rows unchanged, per prompt (no expectation), L ≤ 4")
        .source("Theorem 4.1 (recursion reconstructed)")
        .uses({"K4"}, {"O8"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "the label row of every token moves by −Δwᵀx, the query's label starts at 0")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::FlipReadout, 0.3)
        .rejects_by_property(defects::DropOneOverN, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk15
