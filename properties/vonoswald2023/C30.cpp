// vonoswald2023/C30 — Prop. 2 as printed (eq. 13), without the step factor η/N.
#include "properties/vonoswald2023/feature_gd.hpp"

namespace icl::vonoswald2023::c30 {

Evidence check(Context& ctx) { return check::check_identity(ctx, FeatureGd{true, 1, ctx.defect()}); }

const Registration row(family(),
    ClaimRow("C30", Kind::Identity)
        .statement("Prop. 2 as printed (eq. 13): one K1 layer on features from W_0 = 0 gives ŷ = Σ_i y_i m(x_i)^T m(x_test)")
        .source("Prop. 2, eq. 13")
        .uses({"K5"}, {"O1 on features"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::Refuted, "K1 carries P = (η/N)I, which eq. 13 omits: the printed form holds only when η = N")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .variant(defects::EtaEqualsN, Verdict::ProvedExactly, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c30
