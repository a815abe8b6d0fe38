// yang2024/C17 — the paper's G (with mτ) equals E[yyᵀ] under the appendix noise model Σ_ε = τ²I_m.
#include "properties/yang2024/moments.hpp"

namespace icl::yang2024::c17 {

Evidence check(Context& ctx) {
  Evidence ev;
  const std::string diff = moments_against_G(ctx, ev, [](const Rational& tau) { return tau * tau; });
  if (!diff.empty())
    ev.note("why", "under Σ_ε = τ²I_m, E[yyᵀ] = ZᵀZ + mτ²I_N: the diagonal differs from G by m(τ − τ²), zero only at "
                   "τ = 1 (and τ = 0)");
  return decide(ev, diff, fmt::format("E[yyᵀ] with noise τ² equals G on {} drawn dictionaries", ev.cases));
}

const Registration row(family(),
    ClaimRow("C17", Kind::Identity)
        .statement("The paper's G (with mτ) equals E[yyᵀ] under the appendix noise model Σ_ε = τ²I_m")
        .source("Appendix (one passage writes τ²I_m)")
        .uses({}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::Refuted, "with Σ_ε = τ²I_m the noise adds mτ², not mτ: the two forms agree only at τ = 1")
        .budget("instances", Axis::Instances, 50, 1)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c17
