// yang2024/C18 — the constant in C2 equals L*_P (the printed constants c'_k, without mτ).
#include "properties/yang2024/loss_forms.hpp"

namespace icl::yang2024::c18 {

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("instances"));
  std::string diff;
  const int instances = ctx.budget_int("instances");
  for (int t = 0; t < instances && diff.empty(); ++t) {
    const LossSetting s = loss_setting(ctx, rng, t);
    const Rational L_P = irreducible_loss(s.in, false);
    if (s.optimum != L_P)
      diff = fmt::format("{}, Z_all = {}: the loss at Â = A is {}, L*_P = {}; the difference {} is (K − N)mτ/(2K) = {}",
                         s.in.str(), check::show(s.in.Z_all), s.optimum.str(), L_P.str(), (s.optimum - L_P).str(),
                         (Rational(long(s.in.K() - s.in.N)) * m_tau(s.in) / Rational(2 * long(s.in.K()))).str());
    ++ev.cases;
  }
  return decide(ev, diff, fmt::format("the constant equals L*_P on {} dictionaries", ev.cases));
}

const Registration row(family(),
    ClaimRow("C18", Kind::Identity)
        .statement("The constant in C2 equals L*_P")
        .source("printed constants c'_k, k > N")
        .uses({}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::Refuted, "an unlabelled token's target carries its own noise: E[y_k²] = ‖z_k‖² + mτ, so each "
                                  "k > N adds mτ/(2K)")
        .budget("instances", Axis::Instances, 30, 1)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c18
