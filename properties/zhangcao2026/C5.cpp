// zhangcao2026/C5 — K4 (state among the keys) equals plain GD on log(1 + Σ e^{−m_i}).
#include "properties/zhangcao2026/identity_common.hpp"

namespace icl::zhangcao2026::c5 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  constexpr int L = 8;
  const auto outcome = check::ladder_property(
      ctx.id(), PropertyParams(ev.seed, ctx.budget_int("cases")), ctx.bits(), "C5 |K4 stack − GD on log(1 + Σ e^{−m})|",
      [&] {
        const Instance in = draw_instance(L);
        return check::LadderCase{in.shown, [in, defect] {
                                   return stack_discrepancy(
                                       in,
                                       [&](const Mpfr& eta) {
                                         SoftmaxLayer<Mpfr> layer = k1<Mpfr>(in.d(), eta, defect);
                                         // the defect drops the state key
                                         layer.keys = defect == defects::QueryAmongKeys ? KeySet::Context : KeySet::All;
                                         return layer;
                                       },
                                       [](const Mat<Mpfr>& Z, const Vec<Mpfr>& w, const Mpfr& eta) {
                                         return oracle::gd_logloss_step<Mpfr>(Z, w, eta);
                                       });
                                 },
                                 ops(L, in.N(), in.d())};
      });
  check::conclude(ev, outcome, fmt::format("random prompts, {} layers of K4 (key 0 and value 0 for the state token)", L), ctx.bits());
  ev.cases = outcome.property.successes * L * 4L;
  return ev;
}

const Registration row(family(),
    ClaimRow("C5", Kind::Identity)
        .statement("K4 (query among the keys) equals plain GD on ℓ(w) = log(1 + Σ_i e^{−m_i(w)})")
        .source("§4 (K4 variant)")
        .uses({"K4"}, {"O2"})
        .arithmetic("MPFR rising precision", {"mpfr"})
        .expect(Verdict::HoldsNumerically,
                "the state token adds a key of score 0 with value 0: the weights become e^{−m_i}/(1 + Σ "
                "e^{−m_j})")
        .budget("cases", Axis::Cases, 8)
        .rejects_by_property(defects::QueryAmongKeys, 0.25)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c5
