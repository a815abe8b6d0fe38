// yang2024/C2 — Lemma 5: L(θ) = (1/(2K)) Σ_k (a_k − a_k*)ᵀ G (a_k − a_k*) + const, for all θ.
#include "properties/yang2024/loss_forms.hpp"

namespace icl::yang2024::c2 {

constexpr int kPointsPerInstance = 6;

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("instances"));
  std::string diff;
  const int instances = ctx.budget_int("instances");
  for (int t = 0; t < instances && diff.empty(); ++t) {
    const LossSetting s = loss_setting(ctx, rng, t);
    for (int p = 0; p < kPointsPerInstance && diff.empty(); ++p) {
      const Mat<Rational> A_hat = random_A_hat(s.in, rng);
      const Rational lhs = o2_loss(s, A_hat, ctx.broken(defects::LossOverK)), rhs = weighted_distance(s, A_hat) + s.optimum;
      if (lhs != rhs)
        diff = fmt::format("{}, Z_all = {}, Â = {}: L from the moments = {}, Lemma 5's form = {}", s.in.str(),
                           check::show(s.in.Z_all), check::show(A_hat), lhs.str(), rhs.str());
      ++ev.cases;
    }
  }
  // Both sides are polynomials of degree 2 in the entries of Â; if they differed, a uniformly drawn point from a set
  // of ≥ 100 values per entry would expose it with probability ≥ 1 − 2/100 (Schwartz–Zippel), per point.
  ev.bound = std::pow(0.02, kPointsPerInstance);
  ev.bound_label = "P(false pass) per instance ≤";
  return decide(ev, diff,
                fmt::format("{} random Â over {} dictionaries (m, N = 1…4): the moments' loss minus Lemma 5's weighted "
                            "distance is the same constant, the loss at Â = A (an identity in Â, hence in θ)",
                            ev.cases, instances));
}

const Registration row(family(),
    ClaimRow("C2", Kind::Identity)
        .statement("Lemma 5: L(θ) = (1/(2K)) Σ_k (a_k − a_k*)ᵀ G (a_k − a_k*) + const, for all θ")
        .source("Lemma 5 (reconstructed form)")
        .uses({}, {"O2"})
        .arithmetic("exact rational (O2); the Monte Carlo path is C1's", {"exact"})
        .expect(Verdict::ProvedExactly, "E[y y_k] = G a_k* and E[yyᵀ] = G complete the square")
        .budget("instances", Axis::Instances, 30, 1)
        .rejects(defects::ScalarLabelNoise)
        .rejects(defects::MissingMTau)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c2
