// giannou2024/LOG5 — exact damped Newton decreases g by ω(λ_g) and squares λ_g, certified in Arb.
#include <tuple>

#include "properties/giannou2024/certified_common.hpp"

namespace icl::giannou2024::log5 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  Rng rng = ctx.rng();
  Tally decrease, quadratic;
  double lambda_max_seen = 0;
  const int instances = ctx.budget_int("instances");
  for (int inst = 0; inst < instances; ++inst) {
    const Index d = static_cast<Index>(rng.integer(1, 3)), n = static_cast<Index>(rng.integer(1, 6));
    const Rational mu = Rational(rng.integer(1, 50)) / 100;
    const auto data = logistic_data(rng, n, d, mu);
    const Mat<Rational> x0 = draw_matrix(rng, d, 1, 64, 8);  // up to |x_j| = 8: far from x* as well
    const std::string where = fmt::format("n={}, d={}, μ={}", n, d, mu.str());
    const auto step = [&] {
      const auto L = cast<Ball>(data);
      const Vec<Ball> x = balls(x0);
      const auto s = oracle::damped_newton_step(L, x);
      const Vec<Ball> next = defect == defects::Undamped ? Vec<Ball>(x - s.direction) : s.next;
      return std::make_tuple(L, x, s, next);
    };
    check::certify_instance(decrease, ctx.working_bits(), [&](Tally& one) {
      const auto [L, x, s, next] = step();
      const Ball four_mu = Ball(4) * L.mu;
      const Ball g = oracle::objective(L, x) / four_mu, g_next = oracle::objective(L, next) / four_mu;
      one.add(g_next, g - oracle::omega(s.lambda_g), where + ": g(x⁺) > g(x) − ω(λ)");
      lambda_max_seen = std::max(lambda_max_seen, s.lambda_g.mid());
    });
    check::certify_instance(quadratic, ctx.working_bits(), [&](Tally& one) {
      const auto [L, x, s, next] = step();
      one.add(oracle::damped_newton_step(L, next).lambda_g, Ball(2) * s.lambda_g * s.lambda_g, where + ": λ(x⁺) > 2λ(x)²");
    });
  }
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, decrease, "g(x⁺) < g(x) − ω(λ_g(x))");
  conclude(ev, quadratic, "λ_g(x⁺) < 2λ_g(x)²");
  ev.note("range of λ_g(x) drawn", fmt::format("up to {:.3g}", lambda_max_seen));
  return ev;
}

const Registration row(family(),
    ClaimRow("LOG5", Kind::Inequality)
        .statement("Exact damped Newton: g(x⁺) ≤ g(x) − ω(λ_g(x)) and λ_g(x⁺) ≤ 2λ_g(x)²")
        .source("§5 (damped Newton, Nesterov)")
        .uses({"—"}, {"O4"})
        .arithmetic("Arb", {"arb"})
        .expect(Verdict::Certified,
                "g is standard self-concordant (LOG3); Nesterov's damped-Newton analysis")
        .budget("instances", Axis::Instances, 20)
        .rejects(defects::Undamped)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log5
