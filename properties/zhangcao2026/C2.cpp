// zhangcao2026/C2 — an L-layer stack with per-layer η_ℓ reproduces the NGD iterates.
#include "properties/zhangcao2026/identity_common.hpp"

namespace icl::zhangcao2026::c2 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  constexpr int L = 12;
  const auto outcome = check::ladder_property(
      ctx.id(), PropertyParams(ev.seed, ctx.budget_int("cases")), ctx.bits(), "C2 max over layers |w_ℓ(stack) − w_ℓ(NGD)|",
      [&] {
        const Instance in = draw_instance(L);
        return check::LadderCase{in.shown, [in, defect] {
                                   return stack_discrepancy(
                                       in, [&](const Mpfr& eta) { return k1<Mpfr>(in.d(), eta, defect); },
                                       [](const Mat<Mpfr>& Z, const Vec<Mpfr>& w, const Mpfr& eta) { return oracle::ngd_step<Mpfr>(Z, w, eta); });
                                 },
                                 ops(L, in.N(), in.d())};
      });
  check::conclude(ev, outcome, fmt::format("random prompts, {} layers with per-layer η_ℓ, arbitrary w_0", L), ctx.bits());
  ev.cases = outcome.property.successes * L * 4L;
  return ev;
}

const Registration row(family(),
    ClaimRow("C2", Kind::Identity)
        .statement("An L-layer K2 stack with per-layer η_ℓ reproduces w_1 … w_L for arbitrary w_0, N, d "
                    "(Theorem 1)")
        .source("Theorem 1")
        .uses({"K2"}, {"O1"})
        .arithmetic("MPFR rising precision", {"mpfr"})
        .expect(Verdict::HoldsNumerically,
                "C1 layer by layer: keys and values never read the S slot")
        .budget("cases", Axis::Cases, 8)
        .rejects_by_property(defects::FlipScoreSign, 0.25)
        .rejects_by_property(defects::DropEta, 0.25)
        .rejects_by_property(defects::QueryAmongKeys, 0.25)
        .rejects_by_property(defects::TransposeBlock, 0.25)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c2
