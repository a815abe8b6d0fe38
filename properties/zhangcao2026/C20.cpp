// zhangcao2026/C20 — γ* ≤ ‖g(w)‖ ≤ R for every w, certified in Arb.
#include "properties/zhangcao2026/bounds_common.hpp"

namespace icl::zhangcao2026::c20 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  ev.seed = ctx.seed();
  check::Comparisons lower, upper;
  Rng rng = ctx.rng("w");
  // For large ‖w‖ the softmax concentrates on one z_i and ‖g‖ → ‖z_i‖ (equal to R when z_i is the longest):
  // agreement to 2^(−p/2) at precision p there is reported as tight.
  for (const auto& Zr : prompts(ev.seed, ctx.budget_int("prompts"), false, 0.1)) {
    const auto qp = oracle::hard_margin_qp(Zr);
    for (int s = 0; s < 20; ++s) {
      const double scale = std::pow(10.0, static_cast<double>(rng.integer(-2, 2)));
      std::vector<double> w0(static_cast<size_t>(Zr.rows()));
      for (auto& x : w0) x = rng.normal() * scale;
      const auto evaluate = [&](check::Comparisons& one, bool upper_side) {
        const MarginData<Ball> m = margin_data<Ball>(qp, Zr);
        Vec<Ball> w(Zr.rows());
        for (Index k = 0; k < w.size(); ++k) w(k) = Ball(w0[static_cast<size_t>(k)]);
        const Ball g = norm(oracle::ngd_direction<Ball>(m.Z, w));
        const Ball R = defect == defects::WrongBound ? Ball(m.R / Ball(2)) : m.R;
        const double tie = std::ldexp(1.0, -static_cast<int>(Ball::precision()) / 2);
        if (upper_side) one.add(g, R, "‖g(w)‖ > R", scale >= 100, tie);
        else one.add(m.gamma, g, "‖g(w)‖ < γ*", scale >= 100, tie);
      };
      check::certify_instance(lower, ctx.working_bits(), [&](check::Comparisons& one) { evaluate(one, false); });
      check::certify_instance(upper, ctx.working_bits(), [&](check::Comparisons& one) { evaluate(one, true); });
    }
  }
  ev.verdict = Verdict::Inconclusive;
  check::conclude(ev, lower, "γ* < ‖g(w)‖ (random w, scales 10^-2 … 10^2)");
  check::conclude(ev, upper, "‖g(w)‖ < R");
  return ev;
}

const Registration row(family(),
    ClaimRow("C20", Kind::Inequality)
        .statement("γ* ≤ ‖g(w)‖ ≤ R for every w")
        .source("§5 (range of the NGD direction)")
        .uses({"—"}, {"O1", "O3"})
        .arithmetic("Arb", {"arb"})
        .expect(Verdict::Certified,
                "‖g‖ ≥ ⟨u*, g⟩ ≥ γ*; g is a convex combination of the z_i")
        .budget("prompts", Axis::Instances, 6)
        .rejects(defects::WrongBound, 0.34)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c20
