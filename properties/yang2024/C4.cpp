// yang2024/C4 — the limit predictor copies prompt labels: (Aᵀy)_k = y_k for k ≤ N.
#include "methods/identity.hpp"
#include "properties/yang2024/family.hpp"
#include "properties/yang2024/ridge_forms.hpp"

namespace icl::yang2024::c4 {

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("prompts"));
  std::string diff;
  const int instances = ctx.budget_int("prompts");
  for (int t = 0; t < instances && diff.empty(); ++t) {
    const Index m = 1 + t % 5, N = 1 + (t / 5) % 6;
    const Instance in = draw_instance(rng, m, N, N + 3, Rational(1, 10));
    const PromptDraw p = draw_prompt(in, rng);
    const Vec<Rational> pred = A_star(in).transpose() * p.y;
    for (Index k = 0; k < N && diff.empty(); ++k)
      if (pred(k) != p.y(k))
        diff = fmt::format("{}, Z_all = {}, y = {}: (Aᵀy)_{} = {} ≠ y_{}", in.str(), check::show(in.Z_all),
                           check::show(p.y), k + 1, pred(k).str(), k + 1);
    ++ev.cases;
  }
  return decide(ev, diff, fmt::format("exact on {} prompts (m = 1…5, N = 1…6, N < m, = m and > m)", ev.cases));
}

const Registration row(family(),
    ClaimRow("C4", Kind::Identity)
        .statement("The limit predictor copies prompt labels: (Aᵀy)_k = y_k for k ≤ N")
        .source("Theorem 2 (ŷ* = Aᵀy)")
        .uses({}, {"O3"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "a_k* = e_k for k ≤ N (C3)")
        .budget("prompts", Axis::Instances, 30, 1)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c4
