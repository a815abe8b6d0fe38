// giannou2024/LSA2 — the one-layer symmetric block K2: X(2I − AX) for symmetric A only.
#include "properties/giannou2024/newton_blocks.hpp"
#include <fmt/format.h>

namespace icl::giannou2024::lsa2 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  // (a) symmetric A: the claimed map; (b) every A: the claimed map fails, and the observed map is
  // X ↦ 2X − X A^T X (proved exactly).
  const Evidence sym = check::check_identity(
      ctx, NewtonBlocks{BlockKind::Symmetric, MatrixKind::Symmetric, 1, false, defect}, {"symmetric"});
  Evidence general = check::check_identity(ctx, NewtonBlocks{BlockKind::Symmetric, MatrixKind::General, 1, false, defect});
  const Evidence observed = check::check_identity(
      ctx, NewtonBlocks{BlockKind::Symmetric, MatrixKind::General, 1, true, defect}, {"observed"});
  Evidence ev = general;
  ev.cases = sym.cases + general.cases + observed.cases;
  ev.note("(a) symmetric A: K2 gives X(2I − AX)",
          fmt::format("{}; {}", to_string(sym.verdict), sym.certificate.empty() ? sym.counterexample : sym.certificate));
  ev.note("(b) every A: K2 gives X(2I − AX)", to_string(general.verdict));
  ev.note("(b) observed map: K2 gives 2X − X A^T X for every A",
          fmt::format("{}; {}", to_string(observed.verdict),
                      observed.certificate.empty() ? observed.counterexample : observed.certificate));
  if (sym.verdict != Verdict::ProvedExactly || observed.verdict != Verdict::ProvedExactly) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = (sym.verdict != Verdict::ProvedExactly ? sym : observed).counterexample;
    ev.reproduce = (sym.verdict != Verdict::ProvedExactly ? sym : observed).reproduce;
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
        .budget("cases", Axis::Cases, 100)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::lsa2
