// giannou2024/LOG2 — Hessian bounds μI ⪯ ∇²f ⪯ (μ + 1/4)I and κ_f ≤ 1 + 1/(4μ), certified in Arb.
#include <Eigen/LU>

#include "properties/giannou2024/certified_common.hpp"

namespace icl::giannou2024::log2 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  Rng rng = ctx.rng();
  Tally lower, upper, kappa;
  double worst_kappa_ratio = 0;
  const int instances = ctx.budget_int("instances");
  for (int inst = 0; inst < instances; ++inst) {
    const Index d = static_cast<Index>(rng.integer(1, 4)), n = static_cast<Index>(rng.integer(d, 8));
    const Rational mu = Rational(rng.integer(1, 50)) / 100;
    const auto data = logistic_data(rng, n, d, mu);
    const Mat<Rational> x = draw_matrix(rng, d, 1, 32, 8);
    // μI ⪯ ∇²f is attained (λ_min = μ) exactly when A has a null direction: there equality is predicted.
    const bool rank_deficient = Eigen::FullPivLU<Mat<Rational>>(data.A).rank() < d;
    const std::string where = fmt::format("n={}, d={}, μ={}", n, d, mu.str());
    double kappa_ratio = 0;
    check::certify_instance(lower, ctx.working_bits(), [&](Tally& one) {
      const auto L = cast<Ball>(data);
      const Mat<Ball> H = oracle::hessian(L, balls(x));
      one.add(L.mu, certified::lambda_min_lower(H), L.mu, certified::lambda_min_upper(H), where + ": λ_min(∇²f) < μ",
              rank_deficient, std::ldexp(1.0, -static_cast<int>(Ball::precision()) / 2));
    });
    check::certify_instance(upper, ctx.working_bits(), [&](Tally& one) {
      const auto L = cast<Ball>(data);
      const Mat<Ball> H = oracle::hessian(L, balls(x));
      // Broken variant: the upper bound without its 1/4 (∇²f ⪯ μI), false whenever some p_i(1 − p_i) a_i ≠ 0.
      const Ball top = defect == defects::WrongFormula ? L.mu : L.mu + Ball(1) / Ball(4);
      one.add(certified::lambda_max_upper(H), top, certified::lambda_max_lower(H), top, where + ": λ_max(∇²f) ≥ μ + 1/4");
    });
    check::certify_instance(kappa, ctx.working_bits(), [&](Tally& one) {
      const auto L = cast<Ball>(data);
      const Mat<Ball> H = oracle::hessian(L, balls(x));
      const Ball lmin_low = certified::lambda_min_lower(H), lmax_up = certified::lambda_max_upper(H);
      const Ball lmin_up = certified::lambda_min_upper(H), lmax_low = certified::lambda_max_lower(H);
      const Ball bound = Ball(1) + Ball(1) / (Ball(4) * L.mu);
      one.add(upper_point(lmax_up / lmin_low), bound, lower_point(lmax_low / lmin_up), bound, where + ": κ above 1 + 1/(4μ)");
      kappa_ratio = (lmax_up / lmin_low / bound).upper();
    });
    worst_kappa_ratio = std::max(worst_kappa_ratio, kappa_ratio);
  }
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, lower, "λ_min(∇²f) > μ, or = μ (tight) where A has a null direction");
  conclude(ev, upper, "λ_max(∇²f) < μ + 1/4");
  conclude(ev, kappa, "κ(∇²f) < 1 + 1/(4μ)");
  ev.note("largest κ / (1 + 1/(4μ)) seen", fmt::format("{:.4f}", worst_kappa_ratio));
  return ev;
}

const Registration row(family(),
    ClaimRow("LOG2", Kind::Inequality)
        .statement("μI ⪯ ∇²f ⪯ (μ + 1/4)I, so κ_f ≤ 1 + 1/(4μ) (needs ‖a_i‖ ≤ 1)")
        .source("§2.4 (curvature of the regularised logistic loss)")
        .uses({"—"}, {"O6"})
        .arithmetic("Arb", {"arb"})
        .expect(Verdict::Certified,
                "0 ≤ p(1−p) ≤ 1/4 and (1/n)A^TA ⪯ (1/n)Σ‖a_i‖² I ⪯ I")
        .budget("instances", Axis::Instances, 20)
        .rejects(defects::WrongFormula, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log2
