// zhangcao2026/C10 — B4: γ(w_t) ≥ Aγ* − ln N/(ηγ*t) along NGD runs, certified in Arb.
#include "properties/zhangcao2026/bounds_common.hpp"

namespace icl::zhangcao2026::c10 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  ev.precision_bits = ctx.bits();
  Rng rng = ctx.rng("eta");
  const int T = 400;
  std::vector<RunReport> reps;
  long defined = 0;
  // Unit-sphere inputs with margin ≥ 0.3 and ηR² ∈ [1, 1.9], so that the bound is defined within the run.
  for (const auto& Zr : prompts(ev.seed, ctx.budget_int("prompts"), true, 0.3)) {
    const Rational r2 = max_squared_norm(Zr);
    const Rational eta = Rational(rng.integer(10, 19)) / 20 * 2 / r2;
    reps.push_back(check_run(ctx, Zr, eta, T, [&](int t, const auto& w, const auto&, const auto& m, const auto& e) {
      using S = typename std::decay_t<decltype(w)>::Scalar;
      using std::log;
      const S A = S(1) - e * m.R * m.R / S(2);
      // Broken variant: 2γ* in place of Aγ* (impossible, since γ(w_t) ≤ γ*).
      const S lead = defect == defects::WrongBound ? S(S(2) * m.gamma) : S(A * m.gamma);
      const S right = lead - log(S(m.Z.cols())) / (e * m.gamma * S(t));
      std::vector<std::pair<S, S>> out;
      if (positive(right)) out.push_back({right, S(min_margin(m.Z, w) / norm(w))});
      return out;
    }));
    defined += reps.back().steps;
  }
  ev.verdict = Verdict::Inconclusive;
  conclude_runs(ev, reps, "γ(w_t) > Aγ* − ln N/(ηγ* t) at the steps where the right side is positive", T);
  if (defined == 0) {
    ev.verdict = Verdict::Inconclusive;
    ev.note("coverage", "the right side never became positive");
  }
  if (ev.verdict == Verdict::Certified) ev.certificate = certificate_text(ctx.bits());
  return ev;
}

const Registration row(family(),
    ClaimRow("C10", Kind::Inequality)
        .statement("B4: γ(w_t) ≥ Aγ* − ln N/(ηγ*t), whenever the right side is ≥ 0")
        .source("§5 (B4)")
        .uses({"—"}, {"O1", "O3"})
        .arithmetic("Arb", {"arb"})
        .expect(Verdict::Certified,
                "min_i m_i ≥ ψ and ψ(w_t) ≥ −ln N + ηA Σ‖g_s‖² with ‖w_t‖ ≤ ηΣ‖g_s‖")
        .budget("prompts", Axis::Instances, 4)
        .rejects(defects::WrongBound, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c10
