// yang2024/C1 — under Σ_ε = τI_m and Assumption 1, E[yyᵀ] = ZᵀZ + mτI_N = G.
#include "properties/yang2024/moments.hpp"

namespace icl::yang2024::c1 {

Evidence check(Context& ctx) {
  Evidence ev;
  const std::string diff = moments_against_G(ctx, ev, [](const Rational& tau) { return tau; });
  ev.part("O2 exact moments equal G", diff.empty() ? Verdict::ProvedExactly : Verdict::Refuted, diff);
  monte_carlo_part(ctx, ev);
  if (!diff.empty()) return decide(ev, diff, "");
  if (ev.parts.back().verdict != Verdict::HoldsNumerically) {
    ev.inconclusive("the exact moments equal G, but the Monte Carlo path " + ev.parts.back().detail);
    return ev;
  }
  return decide(ev, "", fmt::format("E[y_i y_j] summed term by term from E[λλᵀ] = I and E[ε_iε_jᵀ] = τδ_ij I equals G "
                                    "exactly on {} drawn dictionaries (m, N = 1…5, τ ∈ {{1/10, 1/100, 1/3, 2}})",
                                    ev.cases));
}

const Registration row(family(),
    ClaimRow("C1", Kind::Identity)
        .statement("Under Σ_ε = τI_m and Assumption 1, E[yyᵀ] = ZᵀZ + mτI_N = G")
        .source("§2.3 (definition of G)")
        .uses({}, {"O2", "O1"})
        .arithmetic("exact rational (moments); double (Monte Carlo)", {"exact", "double"})
        .expect(Verdict::ProvedExactly, "E[(λᵀε_i)²] = E[λᵀ(τI)λ] = τ·E‖λ‖² = mτ")
        .part("O2 exact moments equal G", Verdict::ProvedExactly)
        .part("O1 Monte Carlo agrees with G", Verdict::HoldsNumerically)
        .budget("instances", Axis::Instances, 50, 1)
        .budget("Monte Carlo prompts", Axis::Tasks, 100000, check::kMcMinTasks)
        .hypothesis("feature-space noise ε_k ~ (0, τI_m), λ with independent entries of mean 0 and variance 1")
        .rejects(defects::ScalarLabelNoise)
        .rejects(defects::MissingMTau)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c1
