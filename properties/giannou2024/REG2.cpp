// giannou2024/REG2 — the regression pipeline converges to OLS and ridge with a certified error per T.
#include "properties/giannou2024/certified_common.hpp"
#include "properties/giannou2024/exact_common.hpp"

namespace icl::giannou2024::reg2 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  Rng rng = ctx.rng();
  Tally t;
  std::string series_note;
  Series errs{"REG2 |ŷ_T − ŷ_OLS| vs T (first instance)", "T", "error", {}, {}};
  const int instances = ctx.budget_int("instances");
  for (int inst = 0; inst < instances; ++inst) {
    const Index d = static_cast<Index>(rng.integer(2, 3)), n = static_cast<Index>(rng.integer(d + 1, 7));
    const bool ridge = inst % 2 == 1;
    // Hypothesis: A^TA invertible (the OLS prediction exists); draws that miss it are counted and redrawn.
    Mat<Rational> A;
    do {
      A = draw_matrix(rng, n, d, 16, 16);
      ++ev.drawn;
    } while (!invertible(Mat<Rational>(A.transpose() * A)));
    ++ev.qualified;
    Vec<Rational> y = draw_matrix(rng, n, 1, 16, 16);
    const Vec<Rational> a_test = draw_matrix(rng, d, 1, 16, 16);
    const Rational root_mu = ridge ? Rational(rng.integer(1, 8)) / 8 : Rational(0);
    const Rational target = oracle::ridge_prediction(A, y, a_test, root_mu * root_mu);
    if (ridge) {
      Mat<Rational> Aa(n + d, d);
      Aa << A, Mat<Rational>(root_mu * Mat<Rational>::Identity(d, d));
      Vec<Rational> ya(n + d);
      ya << y, Vec<Rational>::Zero(d);
      A = Aa;
      y = ya;
    }
    const Mat<Rational> R = A.transpose() * A;
    const Rational alpha = 1 / R.squaredNorm();
    const gi::RegressionLayout L{d, A.rows()};
    std::vector<Rational> errors;  // exact |ŷ_T − target|, T = 0..5
    for (int T = 0; T <= 5; ++T)
      errors.push_back(abs(Rational(
          gi::regression_output(forward(gi::regression_network<Rational>(L, alpha, T), gi::regression_prompt<Rational>(L, A, y, a_test)), L) -
          target)));
    check::certify_instance(t, ctx.working_bits(), [&](Tally& one) {
      const Mat<Ball> Rb = to_balls(R);
      // X_0 = αR (R symmetric): E_0 = I − αR², whose spectrum is 1 − α λ_i(R)².
      const Rho rho = residual_rate(Mat<Ball>(Rb * Rb), from_rational<Ball>(alpha));
      const Mat<Ball> ab = to_balls(Mat<Rational>(a_test)), aty = to_balls(Mat<Rational>(A.transpose() * y));
      const Ball scale_low = norm2_lower(ab) * norm2_lower(aty) / certified::lambda_min_upper(Rb);
      const Ball scale_up = norm2_upper(ab) * norm2_upper(aty) / certified::lambda_min_lower(Rb);
      for (int T = 0; T <= 5; ++T) {
        const int e = defect == defects::WrongFormula ? T + 2 : T;
        const Ball bound_low = lower_point(scale_low * power2k(rho.low, e));
        const Ball bound_up = upper_point(scale_up * power2k(rho.up, e));
        const Ball err_b = from_rational<Ball>(errors[T]);
        one.add(err_b, bound_low, err_b, bound_up,
                fmt::format("d={}, n={}, T={}{}: error {} above the NS4 bound", d, n, T, ridge ? " (ridge)" : "",
                            to_double(errors[T])));
      }
    });
    if (inst == 0)
      for (int T = 0; T <= 5; ++T) {
        errs.x.push_back(T);
        errs.y.push_back(to_double(errors[T]));
      }
  }
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, t, fmt::format("{} instances (OLS and ridge) × T = 0..5: exact |ŷ_T − ŷ_OLS| vs ‖a‖‖A^Ty‖‖R^{{-1}}‖ρ^(2^T)", instances));
  if (!errs.y.empty())
    ev.note("first instance, |ŷ_T − ŷ_OLS| for T = 0..5",
            fmt::format("{:.3g} → {:.3g} (doubly exponential decay)", errs.y.front(), errs.y.back()));
  ev.series.push_back(errs);
  return ev;
}

const Registration row(family(),
    ClaimRow("REG2", Kind::Inequality)
        .statement("ŷ converges to the OLS prediction a_test^T(A^TA)^{-1}A^Ty (and ridge for Remark 4.4)")
        .source("Theorem 4.2, Remark 4.4")
        .uses({"K4"}, {"O3"})
        .arithmetic("exact rational; Arb", {"exact", "arb"})
        .expect(Verdict::Certified,
                "|ŷ_T − ŷ_OLS| ≤ ‖a_test‖‖A^Ty‖‖R^{-1}‖ρ^{2^T} by NS4")
        .budget("instances", Axis::Instances, 6)
        .rejects(defects::WrongFormula, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::reg2
