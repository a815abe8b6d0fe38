// yang2024/C3 — a_k* = e_k for k ≤ N; the constant in C2 equals L*_R. (C18: the printed L*_P.)
#include "properties/yang2024/loss_forms.hpp"

namespace icl::yang2024::c3 {

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("instances"));
  std::string not_unit, not_constant;
  const int instances = ctx.budget_int("instances");
  for (int t = 0; t < instances; ++t) {
    const LossSetting s = loss_setting(ctx, rng, t);
    for (Index k = 0; k < s.in.N && not_unit.empty(); ++k)
      if (s.A.col(k) != Vec<Rational>(Vec<Rational>::Unit(s.in.N, k)))
        not_unit = fmt::format("{}, Z_all = {}: a_{}* = {}", s.in.str(), check::show(s.in.Z_all), k + 1,
                               check::show(s.A.col(k)));
    const Rational L_R = irreducible_loss(s.in, true);
    if (s.optimum != L_R && not_constant.empty())
      not_constant = fmt::format("{}, Z_all = {}: the loss at Â = A is {} but L*_R = {}", s.in.str(),
                                 check::show(s.in.Z_all), s.optimum.str(), L_R.str());
    ++ev.cases;
  }
  ev.part("a_k* = e_k for k ≤ N", not_unit.empty() ? Verdict::ProvedExactly : Verdict::Refuted, not_unit);
  ev.part("the constant equals L*_R", not_constant.empty() ? Verdict::ProvedExactly : Verdict::Refuted, not_constant);
  return decide(ev, not_unit.empty() ? not_constant : not_unit,
                fmt::format("exact on {} dictionaries (m, N = 1…4)", ev.cases));
}

const Registration row(family(),
    ClaimRow("C3", Kind::Identity)
        .statement("a_k* = e_k for k ≤ N; the constant in C2 equals L*_R")
        .source("§2.3, Lemma 5")
        .uses({}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "column k ≤ N of ZᵀZ_all + mτ[I_N, 0] is column k of G")
        .part("a_k* = e_k for k ≤ N", Verdict::ProvedExactly)
        .part("the constant equals L*_R", Verdict::ProvedExactly)
        .budget("instances", Axis::Instances, 30, 1)
        .rejects(defects::LossOverK)
        .rejects(defects::ScalarLabelNoise)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c3
