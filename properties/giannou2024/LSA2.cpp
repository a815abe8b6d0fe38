// giannou2024/LSA2 — the one-layer symmetric block K2: X(2I − AX) for symmetric A only.
#include "properties/giannou2024/newton_blocks.hpp"
#include <fmt/format.h>

namespace icl::giannou2024::lsa2 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  // (a) symmetric A: the claimed map; (b) every A: the claimed map; and the map K2 does compute for every A,
  // X ↦ 2X − X A^T X. Each is a part with its own outcome, so a regression in (a) cannot hide behind (b).
  const Evidence sym = check::check_identity(
      ctx, NewtonBlocks{BlockKind::Symmetric, MatrixKind::Symmetric, 1, false, defect}, {"symmetric"});
  Evidence ev = check::check_identity(ctx, NewtonBlocks{BlockKind::Symmetric, MatrixKind::General, 1, false, defect});
  const Evidence observed = check::check_identity(
      ctx, NewtonBlocks{BlockKind::Symmetric, MatrixKind::General, 1, true, defect}, {"observed"});
  const auto summary = [](const Evidence& e) {
    return fmt::format("{}; {}", to_string(e.verdict), e.certificate.empty() ? e.counterexample : e.certificate);
  };
  ev.part("(a) symmetric A: X(2I − AX)", sym.verdict, summary(sym));
  ev.part("(b) every A: X(2I − AX)", ev.verdict, summary(ev));
  ev.part("observed map for every A: 2X − XA^TX", observed.verdict, summary(observed));
  ev.cases += sym.cases + observed.cases;
  // The claim as a whole: refuted by any counterexample, proved only if (a) and (b) both are; (b)'s own
  // counterexample and reproduce string stay on the evidence when it is the refuting part.
  if (ev.verdict != Verdict::Refuted && sym.verdict == Verdict::Refuted) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = sym.counterexample;
    ev.reproduce = sym.reproduce;
  } else if (ev.verdict == Verdict::ProvedExactly && sym.verdict != Verdict::ProvedExactly) {
    ev.inconclusive("part (a) did not complete");
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("LSA2", Kind::Identity)
        .statement("K2 maps [X; A; I; 0] to [X(2I − AX); A; I; 0] (a) for all symmetric A; (b) for all A")
        .source("§4 (one-layer block for symmetric A), reconstructed K2")
        .uses({"K2"}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::Refuted,
                "K2's first head forms X A^T X: (a) holds, (b) fails; the observed map is X ↦ 2X − XA^TX "
                "(proved)")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .part("(a) symmetric A: X(2I − AX)", Verdict::ProvedExactly)
        .part("(b) every A: X(2I − AX)", Verdict::Refuted)
        .part("observed map for every A: 2X − XA^TX", Verdict::ProvedExactly)
        .rejects_by_property(defects::FlipValueSign, 0.2)
        .rejects_by_property(defects::SwapKeyQuery, 0.2)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::lsa2
