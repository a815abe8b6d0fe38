// giannou2024/LOG7 — the perturbed-inverse bound ‖(H+E)^{-1} − H^{-1}‖ ≤ ‖E‖/(μ(μ − ‖E‖)), certified in Arb.
#include "properties/giannou2024/certified_common.hpp"

namespace icl::giannou2024::log7 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  Rng rng = ctx.rng();
  Tally t;
  const int instances = ctx.budget_int("instances");
  for (int inst = 0; inst < instances; ++inst) {
    const Index d = static_cast<Index>(rng.integer(1, 4));
    const Rational mu = Rational(rng.integer(1, 100)) / 100;
    // Every third instance is near the extremal case H = μI, E = −cμI (where the bound is attained): C small,
    // E = −(I + R/100) before scaling, R random, so E stays non-symmetric.
    const bool near_tight = inst % 3 == 0;
    const Mat<Rational> C = draw_matrix(rng, d, d, 8, near_tight ? 800 : 8);
    const Mat<Rational> H = mu * Mat<Rational>::Identity(d, d) + C.transpose() * C;  // H ⪰ μI exactly
    Mat<Rational> E;
    do {  // E ≠ 0 (at E = 0 both sides vanish)
      E = near_tight ? Mat<Rational>(-Mat<Rational>::Identity(d, d) - draw_matrix(rng, d, d, 16, 1600))
                     : draw_matrix(rng, d, d, 16, 16);
    } while (E.isZero());
    // Scale E so that ‖E‖ < μ with certainty: E ← E·(c μ / u), u ≥ ‖E‖ certified, c ∈ [1/10, 19/20]. Then H + E is
    // invertible (‖E‖ < μ ≤ λ_min(H)).
    const Rational c = near_tight ? Rational(rng.integer(10, 19)) / 20 : Rational(rng.integer(2, 19)) / 20;
    E *= c * mu / midpoint_rational(norm2_upper(to_balls(E)));
    const Mat<Rational> diff = oracle::flint_inverse(Mat<Rational>(H + E)) - oracle::flint_inverse(H);
    // With H = μI exactly (C = 0) the bound is attained for E = −cμI (and for every E when d = 1): equality predicted.
    const bool tie_expected = C.isZero();
    check::certify_instance(t, ctx.working_bits(), [&](Tally& one) {
      const Ball m = from_rational<Ball>(mu);
      const Ball e_low = norm2_lower(to_balls(E)), e_up = norm2_upper(to_balls(E));
      const Ball scale = defect == defects::WrongFormula ? Ball(2) : Ball(1);
      const Ball right_low = lower_point(e_low / (scale * m * (m - e_low)));
      const Ball right_up = upper_point(e_up / (scale * m * (m - e_up)));
      one.add(norm2_upper(to_balls(diff)), right_low, norm2_lower(to_balls(diff)), right_up,
              fmt::format("d={}, μ={}: ‖(H+E)^{{-1}} − H^{{-1}}‖ above the bound; E = {}", d, mu.str(), check::show(E)),
              tie_expected, std::ldexp(1.0, -static_cast<int>(Ball::precision()) / 2) * std::max(1.0, right_up.mid()));
    });
  }
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, t, "‖(H+E)^{-1} − H^{-1}‖₂ < ‖E‖/(μ(μ − ‖E‖)), H = μI + CᵀC, non-symmetric E with ‖E‖ < μ (exact inverses)");
  return ev;
}

const Registration row(family(),
    ClaimRow("LOG7", Kind::Inequality)
        .statement("H ⪰ μI, ‖E‖ < μ ⇒ ‖(H+E)^{-1} − H^{-1}‖ ≤ ‖E‖/(μ(μ − ‖E‖)) (non-symmetric E)")
        .source("Appendix B (perturbation lemma)")
        .uses({"—"}, {"O6"})
        .arithmetic("Arb (exact inverses)", {"arb", "exact"})
        .expect(Verdict::Certified,
                "(H+E)^{-1} − H^{-1} = −(H+E)^{-1}EH^{-1}, ‖(H+E)^{-1}‖ ≤ 1/(μ − ‖E‖)")
        .budget("instances", Axis::Instances, 20)
        .rejects(defects::WrongFormula, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log7
