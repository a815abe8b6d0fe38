// giannou2024/LSA1 — Lemma 4.1 (reconstructed K1): two layers perform one Newton–Schulz step.
#include "properties/giannou2024/newton_blocks.hpp"

namespace icl::giannou2024::lsa1 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  return check::check_identity(ctx, NewtonBlocks{BlockKind::Lemma41, MatrixKind::General, 1, false, defect});
}

const Registration row(family(),
    ClaimRow("LSA1", Kind::Identity)
        .statement("K1 maps [X; A; I; 0] to [X(2I − AX); A; I; 0] for all A, X ∈ R^{d×d}")
        .source("Lemma 4.1 (reconstructed)")
        .uses({"K1"}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly,
                "layer 1 writes XA into slot 4; layer 2 adds −XAX + X to slot 1 and clears slot 4")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::FlipValueSign, 0.2)
        .rejects_by_property(defects::MissingHead, 0.2)
        .rejects_by_property(defects::SwapKeyQuery, 0.2)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::lsa1
