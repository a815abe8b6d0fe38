// giannou2024/LSA3 — T stacked Newton blocks (2T layers of K1, or T layers of K2 for symmetric A) equal T Newton steps.
#include "properties/giannou2024/newton_blocks.hpp"
#include <fmt/format.h>

namespace icl::giannou2024::lsa3 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence k1 = check::check_identity(ctx, NewtonBlocks{BlockKind::Lemma41, MatrixKind::General, 4, false, defect});
  const Evidence k2 = check::check_identity(
      ctx, NewtonBlocks{BlockKind::Symmetric, MatrixKind::Symmetric, 4, false, defect}, {"symmetric", "symmetric cases"});
  k1.note("T Lemma 4.1 blocks (2T layers), every A", k1.certificate);
  k1.note("T symmetric layers (K2), symmetric A", k2.verdict == Verdict::ProvedExactly ? k2.certificate : k2.counterexample);
  k1.cases += k2.cases;
  if (k1.verdict == Verdict::ProvedExactly && k2.verdict != Verdict::ProvedExactly) {
    k1.verdict = k2.verdict;
    k1.counterexample = k2.counterexample;
    k1.reproduce = k2.reproduce;
  }
  return k1;
}

const Registration row(family(),
    ClaimRow("LSA3", Kind::Identity)
        .statement("T stacked K1 blocks (2T layers) equal T Newton steps")
        .source("Lemma 4.1 stacked (K3)")
        .uses({"K3"}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly,
                "LSA1 applied block by block")
        .budget("cases", Axis::Cases, 60, 1)  // proof by the Schwartz–Zippel certificate
        .budget("symmetric cases", Axis::Cases, 40, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::FlipValueSign, 0.33)
        .rejects_by_property(defects::MissingHead, 0.33)
        .rejects_by_property(defects::SwapKeyQuery, 0.33)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::lsa3
