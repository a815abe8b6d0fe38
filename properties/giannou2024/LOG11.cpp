// giannou2024/LOG11 — Phase I of Theorem 5.4: each inexact step lowers g by at least 0.01 while λ_g ≥ 1/6.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/ball.hpp"
#include "core/fit.hpp"
#include "properties/giannou2024/newton_runs.hpp"

namespace icl::giannou2024::log11 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  Rng rng = ctx.rng();
  long steps = 0, certified = 0, violated = 0;
  double min_decrease = 1e300;
  std::string where_min, violation;
  for (const Rational& mu : {rational(1, 100), rational(1, 10), Rational(1)}) {
    const auto L = run_instance<Mpfr>(ctx.seed(mu.str()), mu);
    const auto Lb = run_instance<Ball>(ctx.seed(mu.str()), mu);
    const double m = to_double(mu);
    const Mpfr eps = Mpfr(std::min(0.01, 0.04 * m / (1 + m))) * (defect == defects::WrongFormula ? 20 : 1);
    const Vec<Mpfr> x_star = oracle::minimize(L, Vec<Mpfr>(Vec<Mpfr>::Zero(3)), Mpfr(1e-40));
    // Starts: far away, random, and on the boundary λ_g ≈ 1/6 (bisection along a ray from x*).
    std::vector<Vec<Mpfr>> starts;
    for (double r : {20.0, 5.0}) {
      Vec<Mpfr> v(3);
      for (Index k = 0; k < 3; ++k) v(k) = Mpfr(rng.normal());
      starts.push_back(Vec<Mpfr>(x_star + Mpfr(r) * unit(v)));
    }
    for (int ray = 0; ray < 3; ++ray) {
      Vec<Mpfr> v(3);
      for (Index k = 0; k < 3; ++k) v(k) = Mpfr(rng.normal());
      Mpfr lo = 0, hi = 50;
      for (int it = 0; it < 60; ++it) {
        const Mpfr mid = (lo + hi) / 2;
        (oracle::damped_newton_step(L, Vec<Mpfr>(x_star + mid * unit(v))).lambda_g < Mpfr(1) / 6 ? lo : hi) = mid;
      }
      starts.push_back(Vec<Mpfr>(x_star + hi * unit(v)));
    }
    const Ball sixth = Ball(1) / Ball(6);
    for (const auto& x0 : starts) {
      Vec<Mpfr> x = x0;
      for (int t = 0; t < 200; ++t) {
        // The step from the exact point x: Arb encloses the exact damped step; the error ε_t is an exact point.
        Vec<Ball> xb(3);
        for (Index k = 0; k < 3; ++k) xb(k) = to_ball(x(k));
        const auto s = oracle::damped_newton_step(Lb, xb);
        if (!sixth.certainly_below(s.lambda_g)) break;  // Phase I is over (λ_g ≥ 1/6 no longer certain)
        const auto sm = oracle::damped_newton_step(L, x);
        const Vec<Mpfr> exact_next = defect == defects::Undamped ? Vec<Mpfr>(x - sm.direction) : sm.next;
        const Vec<Mpfr> error = eps * unit(oracle::gradient(L, exact_next));  // adversarial: along ∇g(x⁺)
        Vec<Ball> nb(3);
        for (Index k = 0; k < 3; ++k)
          nb(k) = (defect == defects::Undamped ? Ball(xb(k) - s.direction(k)) : s.next(k)) + to_ball(error(k));
        const Ball decrease = g_value(Lb, xb) - g_value(Lb, nb);
        ++steps;
        if (decrease.mid() < min_decrease) {
          min_decrease = decrease.mid();
          where_min = fmt::format("μ={}, λ_g={:.4f}", mu.str(), s.lambda_g.mid());
        }
        if (Ball(0.01).certainly_below(decrease)) {
          ++certified;
        } else if (decrease.certainly_below(Ball(0.01))) {
          ++violated;
          if (violation.empty())
            violation = fmt::format("μ={}, ‖ε_t‖ = {:.4g}, λ_g(x_t) = {:.5f}: g decreased by {:.6f} < 0.01", mu.str(),
                                    to_double(eps), s.lambda_g.mid(), decrease.mid());
        }
        x = exact_next + error;
      }
    }
  }
  ev.cases = steps;
  ev.note("runs", "μ ∈ {1/100, 1/10, 1}, ε = min{0.01, 0.04μ/(1+μ)}, errors along ∇g(x⁺) (adversarial), starts far away "
                  "and on the Phase I boundary λ_g = 1/6; each step certified in Arb");
  ev.note("Phase I steps", fmt::format("{} certified ≥ 0.01, {} violated, {} undecided", certified, violated,
                                       steps - certified - violated));
  ev.note("smallest decrease", fmt::format("{:.6f} at {} (an exact step at λ_g = 1/6 lowers g by ω(1/6) = 1/6 − ln(7/6) = {:.6f})",
                                           min_decrease, where_min, to_double(oracle::omega(Mpfr(1) / 6))));
  ev.bound = min_decrease;
  ev.bound_label = "min decrease";
  ev.print({"Phase I decrease of g per inexact step (λ_g ≥ 1/6)", "≥ 0.01", fmt::format("≥ {:.4f} (smallest over the runs)", min_decrease),
            "Arb (each step certified)", violated == 0 && certified == steps && steps > 0 ? std::optional<bool>(true)
                                                                                          : violated > 0 ? std::optional<bool>(false)
                                                                                                         : std::nullopt,
            fmt::format("{} of {} steps certified ≥ 0.01", certified, steps)});
  if (violated > 0) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = violation;
  } else {
    ev.verdict = certified == steps && steps > 0 ? Verdict::Certified : Verdict::Inconclusive;
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("LOG11", Kind::Inequality)
        .statement("Phase I: while λ_g ≥ 1/6, each inexact step lowers g by ≥ 0.01 when ε ≤ min{0.01, "
                    "0.04μ/(1+μ)}")
        .source("Theorem 5.4, Phase I")
        .uses({"—"}, {"O4"})
        .arithmetic("Arb (MPFR runs)", {"arb", "mpfr"})
        .expect(Verdict::Certified,
                "an exact step lowers g by ≥ ω(1/6) ≈ 0.0123; the error costs at most about λ_g(x⁺)‖ε‖ ≈ 0.002 "
                "there")
        .rejects(defects::WrongFormula)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log11
