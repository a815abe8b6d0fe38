// zhangcao2026/C8 — B2: ηγ*t ≤ ⟨u*, w_t⟩ ≤ ‖w_t‖ ≤ ηRt along NGD runs, certified in Arb.
#include "properties/zhangcao2026/bounds_common.hpp"

namespace icl::zhangcao2026::c8 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  ev.precision_bits = ctx.bits();
  Rng rng = ctx.rng("eta");
  const int T = 150;
  std::vector<RunReport> reps;
  for (const auto& Zr : prompts(ev.seed, ctx.budget_int("prompts"), false, 0.1)) {
    const Rational eta = Rational(rng.integer(1, 40)) / 20;
    reps.push_back(check_run(ctx, Zr, eta, T, [&](int t, const auto& w, const auto&, const auto& m, const auto& e) {
      using S = typename std::decay_t<decltype(w)>::Scalar;
      const S factor(defect == defects::WrongBound ? 2 : 1);
      const S along = w.dot(m.u), length = norm(w);
      return std::vector<std::pair<S, S>>{{factor * e * m.gamma * S(t), along}, {along, length}, {length, e * m.R * S(t)}};
    }));
  }
  ev.verdict = Verdict::Inconclusive;
  conclude_runs(ev, reps, "ηγ*t < ⟨u*, w_t⟩ < ‖w_t‖ < ηRt (NGD from w_0 = 0, η ∈ (0, 2])", T);
  if (ev.verdict == Verdict::Certified) ev.certificate = certificate_text(ctx.bits());
  return ev;
}

const Registration row(family(),
    ClaimRow("C8", Kind::Inequality)
        .statement("B2: ηγ*t ≤ ⟨u*, w_t⟩ ≤ ‖w_t‖ ≤ ηRt")
        .source("§5 (B2)")
        .uses({"—"}, {"O1", "O3"})
        .arithmetic("Arb", {"arb"})
        .expect(Verdict::Certified,
                "⟨u*, g⟩ ≥ γ* and ‖g‖ ≤ R at every step")
        .budget("prompts", Axis::Instances, 4)
        .rejects(defects::WrongBound, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c8
