// zhangcao2026/C18 — the context columns' state slots never reach the state column.
#include "properties/zhangcao2026/identity_common.hpp"

namespace icl::zhangcao2026::c18 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  constexpr int L = 10;
  double context_change = 0;
  const std::vector<int> precisions{ctx.bits() / 2, ctx.bits(), 4 * ctx.bits()};
  const auto outcome = check_property(
      ctx.id(),
      [&] {
        const Instance in = draw_instance(L);
        for (int bits : precisions) {
          PrecisionScope scope(bits);
          const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
          const Prompt<Mpfr> start = zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
          Prompt<Mpfr> free = start, masked = start;
          for (int k = 0; k < L; ++k) {
            const auto layer = k1<Mpfr>(in.d(), from_rational<Mpfr>(in.etas[k]), defect);
            free = forward(layer, free);
            masked = forward(layer, masked);
            masked.Z.leftCols(masked.n_context) = start.Z.leftCols(start.n_context);  // context-to-context updates undone
          }
          const double diff = max_abs_diff(zc::state(free), zc::state(masked));
          if (diff != 0)
            RC_FAIL(in.shown + fmt::format("at {} bits, freezing the context changes the state column by {:.3g}", scope.bits(), diff));
          context_change = std::max(
              context_change, to_double(Mpfr((free.Z.leftCols(free.n_context) - start.Z.leftCols(start.n_context)).cwiseAbs().maxCoeff())));
        }
      },
      PropertyParams(ev.seed, ctx.budget_int("cases")));
  ev.cases = outcome.successes * 3L;
  ev.note("state column, free vs context-frozen runs",
          fmt::format("{} random prompts × {} layers at {}, {}, {} bits", outcome.successes, L, precisions[0], precisions[1], precisions[2]));
  ev.note("context columns do change", fmt::format("their S slots move by up to {:.3g}", context_change));
  if (outcome.failed()) {
    record_failure(ev, outcome);
  } else if (outcome.passed()) {
    ev.verdict = Verdict::ProvedExactly;
    ev.max_error = 0;
    ev.certificate = "bitwise-identical state columns at every precision: keys and values read only the F slot";
  } else {
    ev.note("property", outcome.description);
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("C18", Kind::Identity)
        .statement("Context columns' changing S slots never affect the state column: masking "
                    "context-to-context updates leaves the state column identical")
        .source("§4 (masking)")
        .uses({"K2"}, {"context-frozen run"})
        .arithmetic("MPFR (bitwise)", {"mpfr"})
        .expect(Verdict::ProvedExactly,
                "keys and values read only the F slot")
        .budget("cases", Axis::Cases, 8)
        .rejects_by_property(defects::ValueReadsState, 0.25)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c18
