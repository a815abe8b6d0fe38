// giannou2024/NS4 — NS4 bound: ‖X_k − A^{-1}‖₂ ≤ ‖A^{-1}‖₂ ρ^(2^k), certified in Arb with exact X_k.
#include "properties/giannou2024/certified_common.hpp"

namespace icl::giannou2024::ns4 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  Rng rng = ctx.rng();
  Tally t;
  long below_alpha_star = 0;
  const int instances = ctx.budget_int("instances");
  for (int inst = 0; inst < instances; ++inst) {
    const Index d = static_cast<Index>(rng.integer(2, 4));
    const Mat<Rational> A = invertible_matrix(rng, d), Ainv = oracle::flint_inverse(A);
    const Mat<Ball> G = to_balls(Mat<Rational>(A.transpose() * A));
    // Half the instances draw α ≤ α* = 2/(λ_min + λ_max) (equality regime), half α ∈ (α*, 2/λ_max) (strict
    // regime), with certified bounds on both ends so that 0 < α < 2/s_max² is certain.
    const Ball lmax_up = certified::lambda_max_upper(G), lmin_up = certified::lambda_min_upper(G);
    const Ball lmax_low = certified::lambda_max_lower(G), lmin_low = certified::lambda_min_lower(G);
    const Rational r = Rational(rng.integer(1, 19)) / Rational(20);
    const Rational star_low = midpoint_rational(lower_point(Ball(2) / (lmax_up + lmin_up)));
    const Rational star_up = midpoint_rational(upper_point(Ball(2) / (lmax_low + lmin_low)));
    const Rational ceiling = midpoint_rational(lower_point(Ball(2) / lmax_up));
    const Rational alpha = inst % 2 == 0 ? Rational(r * star_low) : Rational(star_up + r * (ceiling - star_up));
    // Equality is predicted when α ≤ α* = 2/(λ_min + λ_max) (then the largest factors of ‖A^{-1}‖ and ρ come
    // from the same singular value).
    const bool tie_expected = (from_rational<Ball>(alpha) * (lmin_up + lmax_up)).certainly_below(Ball(2));
    below_alpha_star += tie_expected;
    check::certify_instance(t, ctx.working_bits(), [&](Tally& one) {
      const Mat<Ball> Gp = to_balls(Mat<Rational>(A.transpose() * A));
      const Ball a = from_rational<Ball>(alpha);
      const Rho rho = residual_rate(Gp, a);
      const Mat<Ball> Ainv_b = to_balls(Ainv);
      const Ball inv_low = norm2_lower(Ainv_b), inv_up = norm2_upper(Ainv_b);
      Mat<Rational> X = alpha * A.transpose();
      for (int k = 0; k <= 6; ++k) {
        if (k > 0) X = oracle::newton_schulz_step<Rational>(A, X, 2);
        const Mat<Ball> M = to_balls(Mat<Rational>(X - Ainv));
        const int exponent_k = defect == defects::WrongFormula ? k + 1 : k;
        const Ball right_low = inv_low * power2k(rho.low, exponent_k), right_up = inv_up * power2k(rho.up, exponent_k);
        one.add(norm2_upper(M), right_low, norm2_lower(M), right_up,
                fmt::format("d={}, α={}, k={}: ‖X_k − A^{{-1}}‖ > ‖A^{{-1}}‖ρ^(2^k); A = {}", d, alpha.str(), k, check::show(A)),
                tie_expected, std::ldexp(1.0, -static_cast<int>(Ball::precision()) / 2) * std::max(1.0, right_up.mid()));
      }
    });
  }
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, t, fmt::format("{} instances (d ∈ [2,4]) × k = 0..6, exact X_k", instances));
  ev.note("α ≤ α* = 2/(s_min² + s_max²)", fmt::format("{} of {} instances: there ‖A^{{-1}}E^m‖ = ‖A^{{-1}}‖‖E‖^m exactly "
                                                       "(the top factors share a singular vector), so equality is "
                                                       "predicted and shown to {} bits",
                                                       below_alpha_star, instances, ctx.working_bits() / 2));
  return ev;
}

const Registration row(family(),
    ClaimRow("NS4", Kind::Inequality)
        .statement("0 < α < 2/s_max(A)² ⇒ ‖X_k − A^{-1}‖₂ ≤ ‖A^{-1}‖₂ ρ^{2^k}, ρ = max_i |1 − α σ_i(A)²|")
        .source("§2.2 (Newton–Schulz convergence, Fu et al.)")
        .uses({"—"}, {"O1"})
        .arithmetic("Arb (exact X_k)", {"arb", "exact"})
        .expect(Verdict::Certified,
                "X_k − A^{-1} = −A^{-1}E_0^{2^k} with ‖E_0‖₂ = ρ; equality when α ≤ α* (shared singular vector)")
        .budget("instances", Axis::Instances, 12)
        .rejects(defects::WrongFormula, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::ns4
