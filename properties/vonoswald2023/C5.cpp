// vonoswald2023/C5 — one GD++ layer (K3) performs one GD++ step (O2), query included.
#include "properties/vonoswald2023/gdpp_stack.hpp"

namespace icl::vonoswald2023::c5 {

Evidence check(Context& ctx) { return check::check_identity(ctx, GdppStack{1, 1, false, ctx.defect()}); }

const Registration row(family(),
    ClaimRow("C5", Kind::Identity)
        .statement("One K3 layer maps x_j → (I − γXX^T)x_j and r_j → r_j − (η/N)Σ_i r_i x_i^T x_j for all j including the "
                   "query, using layer-input x's")
        .source("§4 (GD++)")
        .uses({"K3"}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "P W_V = diag(−γI, −η/N) applied to Σ_i e_i x_i^T x_j")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::FlipGammaSign, 0.3)
        .rejects_by_property(defects::DropOneOverN, 0.3)
        .rejects_by_property(defects::QueryAmongKeys, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c5
