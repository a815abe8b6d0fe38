// vonoswald2023/C2 — the readout ŷ = −(query label slot) of one K1 layer.
#include "properties/vonoswald2023/gd_stack.hpp"

namespace icl::vonoswald2023::c2 {

Evidence check(Context& ctx) { return check::check_identity(ctx, GdStack{1, 1, GdStack::Compare::Prediction, ctx.defect()}); }

const Registration row(family(),
    ClaimRow("C2", Kind::Identity)
        .statement("Readout ŷ = −(query label slot) equals (W_0 + ΔW) x_test")
        .source("Prop. 1")
        .uses({"K1"}, {"O1"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "the query's label slot after C1 is −(W_0 + ΔW)x_test")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::FlipValueSign, 0.3)
        .rejects_by_property(defects::DropOneOverN, 0.3)
        .rejects_by_property(defects::QueryAmongKeys, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c2
