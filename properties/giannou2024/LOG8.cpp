// giannou2024/LOG8 — |1/(1+√z) − 1/(1+√z′)| ≤ √|z − z′|: a positivity certificate and an Arb grid.
#include "core/polynomial.hpp"
#include "properties/giannou2024/certified_common.hpp"

namespace icl::giannou2024::log8 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  // With s = √z ≤ s' = √z', the claim is (s' − s)/((1+s)(1+s')) ≤ √((s' − s)(s' + s)); for s' > s, square and
  // divide by s' − s > 0: it is P(s, s') := (1+s)²(1+s')²(s + s') − c²(s' − s) ≥ 0 (c = 1 as claimed). A
  // polynomial with nonnegative coefficients is nonnegative on the quadrant: that is the certificate.
  const Rational c = defect == defects::WrongFormula ? Rational(2) : Rational(1);  // claim with √|z − z'|/2
  const Poly s = Poly::variable(0), t = Poly::variable(1), one(1);
  const Poly P = (one + s) * (one + s) * (one + t) * (one + t) * (s + t) - Poly(c * c) * (t - s);
  bool nonnegative = true;
  std::string negative;
  for (const auto& [m, coef] : P.terms())
    if (coef < 0) {
      nonnegative = false;
      negative = coef.str();
    }
  ev.note("positivity certificate", nonnegative ? fmt::format("all {} coefficients of (1+s)²(1+s')²(s+s') − (s' − s) are ≥ 0",
                                                             P.terms().size())
                                                : "a negative coefficient " + negative);
  // Arb on a grid of (z, z') ∈ [0, 4]², off the diagonal (where both sides vanish).
  ev.precision_bits = ctx.working_bits();
  Tally grid;
  const auto h = [](const Ball& z) { return Ball(1) / (Ball(1) + sqrt(z)); };
  const int n = ctx.budget_int("grid");  // points per axis on [0, 4]
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (i == j) continue;
      const Ball z = Ball(4 * i) / Ball(n - 1), zp = Ball(4 * j) / Ball(n - 1);
      const Ball left = abs(h(z) - h(zp)), right = sqrt(abs(z - zp)) / from_rational<Ball>(c);
      grid.add(left, right,
               fmt::format("z = {}, z' = {}", z.mid(), zp.mid()));
    }
  ev.verdict = nonnegative ? Verdict::Inconclusive : Verdict::Refuted;
  if (!nonnegative) ev.counterexample = "the reduced polynomial has a negative coefficient " + negative;
  conclude(ev, grid, fmt::format("Arb grid {}×{} on [0, 4]² off the diagonal", n, n));
  if (ev.verdict == Verdict::Certified)
    ev.certificate = "exact: nonnegative coefficients of the reduced polynomial prove the inequality for all z, z' ≥ 0";
  return ev;
}

const Registration row(family(),
    ClaimRow("LOG8", Kind::Inequality)
        .statement("|1/(1+√z) − 1/(1+√z′)| ≤ √|z − z′|")
        .source("Appendix B (step-size map is ½-Hölder)")
        .uses({"—"}, {"dense grid + interval proof"})
        .arithmetic("exact polynomial certificate; Arb grid", {"exact", "arb"})
        .expect(Verdict::Certified,
                "reduces to a polynomial with nonnegative coefficients")
        .budget("grid", Axis::Grid, 41)
        .rejects(defects::WrongFormula, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log8
