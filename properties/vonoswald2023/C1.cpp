// vonoswald2023/C1 — Prop. 1: one LSA layer with the paper's weights performs one GD step.
#include "properties/vonoswald2023/gd_stack.hpp"

namespace icl::vonoswald2023::c1 {

Evidence check(Context& ctx) { return check::check_identity(ctx, GdStack{1, 1, GdStack::Compare::AllTokens, ctx.defect()}); }

const Registration row(family(),
    ClaimRow("C1", Kind::Identity)
        .statement("One K1 layer (any W_0, d_y ≥ 1, η) maps every context token (x_j, y_j) to (x_j, y_j − ΔW x_j) and "
                   "the query (x_test, −W_0x_test) to (x_test, −(W_0+ΔW)x_test), ΔW = −(η/N)Σ_i(W_0x_i − y_i)x_i^T")
        .source("Prop. 1")
        .uses({"K1"}, {"O1"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly,
                "K1's W_V has zero x-rows, so only label slots move, by (η/N)Σ_i(W_0x_i − y_i)x_i^T x_j = −ΔW x_j")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::FlipValueSign, 0.3)
        .rejects_by_property(defects::DropOneOverN, 0.3)
        .rejects_by_property(defects::QueryAmongKeys, 0.3)
        .rejects_by_property(defects::TransposeValue, 0.3)
        .rejects_by_property(defects::QueryOnly, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c1
