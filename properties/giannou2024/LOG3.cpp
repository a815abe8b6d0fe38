// giannou2024/LOG3 — self-concordance of the regularised logistic loss, certified in Arb.
#include "properties/giannou2024/certified_common.hpp"

namespace icl::giannou2024::log3 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  Rng rng = ctx.rng();
  Tally t;
  double sup = 0;
  std::string sup_where;
  const int instances = ctx.budget_int("instances");
  for (int inst = 0; inst < instances; ++inst) {
    // Half the draws aim at the extremal configuration: one sample, u = a, p(1 − p) ≈ 2μ.
    const bool targeted = inst % 2 == 1;
    const Index d = targeted ? 1 : static_cast<Index>(rng.integer(1, 3));
    const Index n = targeted ? 1 : static_cast<Index>(rng.integer(1, 6));
    const Rational mu = targeted ? Rational(rng.integer(1, 20)) / 1000 : Rational(rng.integer(1, 50)) / 100;
    auto data = logistic_data(rng, n, d, mu);
    Mat<Rational> x = draw_matrix(rng, d, 1, 32, 8), u;
    do {  // a direction: u ≠ 0 (at u = 0 both sides vanish and the ratio is undefined)
      u = draw_matrix(rng, d, 1, 8, 8);
    } while (u.isZero());
    if (targeted) {
      data.A(0, 0) = 1;
      u(0, 0) = 1;
      // p(1 − p) = 2μ at p = (1 − √(1 − 8μ))/2, i.e. y a x = log((1 − p)/p): a rational near it.
      const double p = (1 - std::sqrt(1 - 8 * to_double(mu))) / 2;
      x(0, 0) = Rational(static_cast<long>(std::lround(data.y(0) == 1 ? std::log((1 - p) / p) * 1e6 : -std::log((1 - p) / p) * 1e6))) / Rational(1000000);
    }
    const std::string where = fmt::format("n={}, d={}, μ={}, x={}, u={}", n, d, mu.str(), check::show(x), check::show(u));
    double ratio_mid = 0;
    check::certify_instance(t, ctx.working_bits(), [&](Tally& one) {
      const auto L = cast<Ball>(data);
      const Vec<Ball> xb = balls(x), ub = balls(u);
      const Vec<Ball> p = oracle::probabilities(L, xb);
      const Ball d2 = ub.dot(oracle::hessian_from_p(L, p) * ub), d3 = oracle::third_from_p(L, p, ub);
      const Ball ratio = sqrt(L.mu) * abs(d3) / (d2 * sqrt(d2));
      const Ball bound = Ball(defect == defects::WrongFormula ? 0.25 : 1.0);
      one.add(upper_point(ratio), bound, lower_point(ratio), bound, where + ": √μ|D³f|/(D²f)^(3/2) > 1");
      ratio_mid = ratio.mid();
    });
    if (ratio_mid > sup) {
      sup = ratio_mid;
      sup_where = where;
    }
  }
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, t, "√μ |D³f[u,u,u]| / (D²f[u,u])^{3/2} < 1 (equivalently |D³g| < 2(D²g)^{3/2} for g = f/(4μ))");
  ev.note("sup of the ratio found", fmt::format("{:.5f} at {} (one-sample analysis: 2/3^(3/2) ≈ 0.3849 as μ → 0)", sup, sup_where));
  return ev;
}

const Registration row(family(),
    ClaimRow("LOG3", Kind::Inequality)
        .statement("|D³f(x)[u,u,u]| ≤ μ^{−1/2}(D²f(x)[u,u])^{3/2}; equivalently g = f/(4μ) has |D³g| ≤ "
                    "2(D²g)^{3/2}")
        .source("§5 (self-concordance, M_f = 1/√μ)")
        .uses({"—"}, {"O5"})
        .arithmetic("Arb", {"arb"})
        .expect(Verdict::Certified,
                "|ℓ'''| ≤ ℓ'', |a^Tu| ≤ ‖u‖ ≤ (D²f/μ)^{1/2}")
        .budget("instances", Axis::Instances, 40)
        .rejects(defects::WrongFormula, 0.25)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log3
