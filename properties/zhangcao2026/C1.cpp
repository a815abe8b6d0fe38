// zhangcao2026/C1 — One K1 layer performs one normalized-GD step (MPFR ladder and Arb).
#include "properties/zhangcao2026/identity_common.hpp"

namespace icl::zhangcao2026::c1 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  // Arb: every coordinate of layer(w) − NGD step(w) must enclose 0 (checked inside each case, so it shrinks too).
  double arb_radius = 0;
  const auto outcome = check::ladder_property(
      ctx.id(), PropertyParams(ev.seed, ctx.budget_int("cases")), ctx.bits(), "C1 |layer(w) − NGD step(w)| vs precision",
      [&] {
        const Instance in = draw_instance(1);
        {
          PrecisionScope scope(ctx.bits());
          const Ball eta = from_rational<Ball>(in.etas[0]);
          const Mat<Ball> Z = cast_matrix<Ball>(in.Z);
          const auto out = forward(k1<Ball>(in.d(), eta, defect), zc::ngd_prompt<Ball>(Z, vec<Ball>(in.w0), vec<Ball>(in.xq)));
          const Vec<Ball> diff = zc::state(out) - oracle::ngd_step<Ball>(Z, vec<Ball>(in.w0), eta);
          for (Index k = 0; k < diff.size(); ++k) {
            if (!diff(k).contains_zero())
              RC_FAIL(in.shown + fmt::format("Arb at {} bits: coordinate {} of layer(w) − NGD step(w) excludes 0", scope.bits(), k));
            arb_radius = std::max(arb_radius, diff(k).rad());
          }
        }
        return check::LadderCase{in.shown, [in, defect] {
                                   const Mpfr eta = from_rational<Mpfr>(in.etas[0]);
                                   const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
                                   const auto out = forward(k1<Mpfr>(in.d(), eta, defect),
                                                            zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq)));
                                   return mixed_error(zc::state(out), oracle::ngd_step<Mpfr>(Z, vec<Mpfr>(in.w0), eta));
                                 },
                                 ops(1, in.N(), in.d())};
      });
  check::conclude(ev, outcome, "random prompts (d ≤ 5, N ≤ 20, arbitrary w, η), each at four precisions", ctx.bits());
  if (ev.verdict == Verdict::HoldsNumerically) {
    ev.note(fmt::format("Arb at {} bits", ctx.bits()), fmt::format("every difference ball contains 0; largest radius {:.3g}", arb_radius));
    ev.certificate =
        fmt::format("Arb enclosures of the difference contain 0 (radius ≤ {:.2g}); MPFR discrepancy falls like 2^-bits", arb_radius);
  }
  ev.cases = outcome.property.successes * 5L;
  return ev;
}

const Registration row(family(),
    ClaimRow("C1", Kind::Identity)
        .statement("One K1 layer maps the state slot w to w + η Σ_i softmax(−m(w))_i z_i")
        .source("Theorem 1 (one layer)")
        .uses({"K1"}, {"O1"})
        .arithmetic("MPFR 128–1024 bits; Arb", {"mpfr", "arb"})
        .expect(Verdict::HoldsNumerically,
                "the score of key i at the state token is −⟨z_i, w⟩ and its value is η z_i in the S slot")
        .budget("cases", Axis::Cases, 12)
        .rejects_by_property(defects::FlipScoreSign, 0.34)
        .rejects_by_property(defects::DropEta, 0.34)
        .rejects_by_property(defects::QueryAmongKeys, 0.34)
        .rejects_by_property(defects::TransposeBlock, 0.34)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c1
