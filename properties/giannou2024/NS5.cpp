// giannou2024/NS5 — α* and the step-count formula give relative error ≤ ε, certified in Arb.
#include "properties/giannou2024/certified_common.hpp"

namespace icl::giannou2024::ns5 {

const std::vector<double> kEpsilons{1e-2, 1e-6, 1e-12, 1e-30};

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  Rng rng = ctx.rng();
  Tally t;
  std::string ks;
  const int instances = ctx.budget_int("instances");
  for (int inst = 0; inst < instances; ++inst) {
    const Index d = static_cast<Index>(rng.integer(2, 4));
    const Mat<Rational> A = invertible_matrix(rng, d);
    // The formula's k per ε from a certified upper bound of κ² (k grows with κ, so k ≥ the formula at the true κ),
    // fixed at the working precision as part of the instance.
    std::vector<int> k_formula;
    {
      const Mat<Ball> G = to_balls(Mat<Rational>(A.transpose() * A));
      const Ball kappa2_up = upper_point(certified::lambda_max_upper(G) / certified::lambda_min_lower(G));
      for (double eps : kEpsilons) {
        const double k_real = std::log2((kappa2_up.upper() + 1) / 2 * std::log(1 / eps));
        k_formula.push_back(std::max(0, static_cast<int>(std::ceil(k_real))) - (defect == defects::WrongFormula ? 2 : 0));
      }
    }
    std::string row;
    check::certify_instance(t, ctx.working_bits(), [&](Tally& one) {
      row.clear();
      const Mat<Ball> Ab = to_balls(A), G = to_balls(Mat<Rational>(A.transpose() * A));
      const Ball lmax = hull(certified::lambda_max_lower(G), certified::lambda_max_upper(G));
      const Ball lmin = hull(certified::lambda_min_lower(G), certified::lambda_min_upper(G));
      const Ball alpha_star = Ball(2) / (lmax + lmin);  // encloses the exact α*
      const Mat<Ball> Ainv = to_balls(oracle::flint_inverse(A));
      const Ball inv_low = norm2_lower(Ainv), inv_up = norm2_upper(Ainv);
      for (size_t e = 0; e < kEpsilons.size(); ++e) {
        const double eps = kEpsilons[e];
        Mat<Ball> X = alpha_star * Ab.transpose();
        int k_min = -1;
        Ball rel_at_formula(0), rel_low_at_formula(0);
        for (int k = 0; k <= std::max(k_formula[e], 0); ++k) {
          if (k > 0) X = oracle::newton_schulz_step<Ball>(Ab, X, 2);
          const Ball rel_up = upper_point(norm2_upper(Mat<Ball>(X - Ainv)) / inv_low);
          if (k_min < 0 && rel_up.certainly_below(Ball(eps))) k_min = k;
          if (k == k_formula[e]) {
            rel_at_formula = rel_up;
            rel_low_at_formula = lower_point(norm2_lower(Mat<Ball>(X - Ainv)) / inv_up);
          }
        }
        one.add(rel_at_formula, Ball(eps), rel_low_at_formula, Ball(eps),
                fmt::format("d={}, ε={:g}: relative error {} after k = {} steps; A = {}", d, eps, rel_at_formula.str(5),
                            k_formula[e], check::show(A)));
        row += fmt::format("{}ε={:g}: formula k={}, smallest certified k={}", row.empty() ? "" : "; ", eps, k_formula[e], k_min);
      }
    });
    ks += (ks.empty() ? "" : "; ") + row;
  }
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, t, fmt::format("{} instances × ε ∈ {{1e-2, 1e-6, 1e-12, 1e-30}}, X_0 = α*A^T with α* enclosed", instances));
  ev.note("k from the formula vs the smallest certified k (all instances)", ks);
  return ev;
}

const Registration row(family(),
    ClaimRow("NS5", Kind::Inequality)
        .statement("α* and k ≥ log₂(((κ²+1)/2) ln(1/ε)) give relative error ≤ ε")
        .source("§2.2 (step count for α*)")
        .uses({"—"}, {"O1"})
        .arithmetic("Arb", {"arb"})
        .expect(Verdict::Certified,
                "ρ(α*) = (κ²−1)/(κ²+1) and ln(1/ρ) ≥ 2/(κ²+1)")
        .budget("instances", Axis::Instances, 6)
        .rejects(defects::WrongFormula, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::ns5
