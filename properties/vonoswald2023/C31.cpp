// vonoswald2023/C31 — Prop. 2 with the step factor: K layers on features are K GD steps (kernel regression).
#include "properties/vonoswald2023/feature_gd.hpp"

namespace icl::vonoswald2023::c31 {

Evidence check(Context& ctx) { return check::check_identity(ctx, FeatureGd{false, 4, ctx.defect()}); }

const Registration row(family(),
    ClaimRow("C31", Kind::Identity)
        .statement("Prop. 2 with the step factor: ŷ = (η/N)Σ_i y_i m(x_i)^T m(x_test); K layers = K GD steps on "
                   "(1/(2N))Σ‖W m(x_i) − y_i‖²")
        .source("Prop. 2 (with the η/N of K1)")
        .uses({"K5"}, {"O1 on features"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "C1–C3 with the features m(x_i) in place of x_i")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::DropOneOverN, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c31
