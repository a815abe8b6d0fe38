// vonoswald2023/C26 — K stacked GD++ layers (tied or per-layer (η_k, γ_k)) equal K GD++ steps.
#include "properties/vonoswald2023/gdpp_stack.hpp"

namespace icl::vonoswald2023::c26 {

Evidence check(Context& ctx) {
  // Degrees grow like 3^K through the input map, so K ≤ 5.
  Evidence untied = check::check_identity(ctx, GdppStack{1, 5, false, ctx.defect()});
  if (untied.verdict == Verdict::Refuted) return untied;
  Evidence tied = check::check_identity(ctx, GdppStack{2, 5, true, ctx.defect()}, {"tied", "tied cases"});
  tied.cases += untied.cases;
  if (untied.bound && tied.bound) tied.bound = std::max(*untied.bound, *tied.bound);
  tied.note("per-layer (η_k, γ_k)", untied.certificate);
  tied.note("tied (η, γ)", tied.certificate);
  return tied;
}

const Registration row(family(),
    ClaimRow("C26", Kind::Identity)
        .statement("K stacked K3 layers (tied or per-layer (η_k, γ_k)) equal K steps of O2, test token included")
        .source("§4 (GD++ stacks)")
        .uses({"K3"}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "C5 applied layer by layer")
        .budget("cases", Axis::Cases, 60, 1)  // proof by the Schwartz–Zippel certificate
        .budget("tied cases", Axis::Cases, 40, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::FlipGammaSign, 0.5)
        .rejects_by_property(defects::DropOneOverN, 0.5)
        .rejects_by_property(defects::QueryAmongKeys, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c26
