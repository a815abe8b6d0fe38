// giannou2024/NS6 — α = 1/‖A‖_F² lies in the convergence interval and the residual decays.
#include "properties/giannou2024/certified_common.hpp"

namespace icl::giannou2024::ns6 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  Rng rng = ctx.rng();
  Tally interval, contraction;
  bool decays = true;
  std::string decay;
  const int instances = ctx.budget_int("instances");
  for (int inst = 0; inst < instances; ++inst) {
    const Index d = static_cast<Index>(rng.integer(2, 4));
    const bool symmetric = inst % 2 == 1;  // X_0 = αR for symmetric R, else X_0 = αA^T
    // Hypothesis: A invertible (a symmetrised draw can be singular: counted and redrawn).
    Mat<Rational> A;
    do {
      A = invertible_matrix(rng, d);
      if (symmetric) A = Mat<Rational>(A + A.transpose());
      ++ev.drawn;
    } while (!invertible(A));
    ++ev.qualified;
    const Rational fro2 = A.squaredNorm();
    const Rational alpha = (defect == defects::WrongFormula ? Rational(4) : Rational(1)) / fro2;
    const Mat<Rational> I = Mat<Rational>::Identity(d, d);
    Mat<Rational> X = alpha * (symmetric ? A : Mat<Rational>(A.transpose()));
    check::certify_instance(interval, ctx.working_bits(), [&](Tally& one) {
      const Mat<Ball> G = to_balls(Mat<Rational>(A.transpose() * A));
      const Ball a = from_rational<Ball>(alpha);
      one.add(a * certified::lambda_max_upper(G), Ball(2), a * certified::lambda_max_lower(G), Ball(2),
              fmt::format("α·s_max² ≥ 2 for A = {}", check::show(A)));
    });
    check::certify_instance(contraction, ctx.working_bits(), [&](Tally& one) {
      const Mat<Ball> E0 = to_balls(Mat<Rational>(I - A * X));
      one.add(norm2_upper(E0), Ball(1), norm2_lower(E0), Ball(1), fmt::format("‖I − αAA^T‖ ≥ 1 for A = {}", check::show(A)));
    });
    Rational previous = -1;
    std::string row;
    for (int k = 0; k <= 5; ++k) {
      if (k > 0) X = oracle::newton_schulz_step<Rational>(A, X, 2);
      const Rational res = Mat<Rational>(I - A * X).squaredNorm();
      if (previous >= 0 && !(res < previous)) decays = false;
      previous = res;
      row += fmt::format("{}{:.2e}", row.empty() ? "" : ", ", std::sqrt(to_double(res)));
    }
    if (inst < 2) decay += fmt::format("{}{}: ‖I − AX_k‖_F, k = 0..5: {}", decay.empty() ? "" : "; ",
                                       symmetric ? "X_0 = αR" : "X_0 = αA^T", row);
  }
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, interval, "α·s_max² < 2 (α = 1/‖A‖_F²)");
  conclude(ev, contraction, "‖I − A X_0‖₂ < 1, hence ‖I − AX_k‖₂ ≤ ρ^(2^k) → 0");
  ev.note("exact residual decay", decay);
  if (!decays && ev.verdict != Verdict::Refuted) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = "‖I − AX_k‖_F does not decrease";
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("NS6", Kind::Inequality)
        .statement("α = 1/‖A‖_F² (or 1/‖R‖_F² with X_0 = αR for symmetric R) lies in the convergence interval "
                    "and X_k → A^{-1}")
        .source("§2.2 (α = 1/‖A‖_F²)")
        .uses({"—"}, {"O1", "O6"})
        .arithmetic("exact rational; Arb", {"exact", "arb"})
        .expect(Verdict::Certified,
                "‖A‖_F² ≥ s_max², so α s_max² ≤ 1 < 2")
        .budget("instances", Axis::Instances, 8)
        .rejects(defects::WrongFormula)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::ns6
