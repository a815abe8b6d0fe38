// giannou2024/LOG12 — boundedness of inexact damped-Newton iterates under ε ≤ μ² and ε ≤ μ/2.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/ball.hpp"
#include "core/fit.hpp"
#include "properties/giannou2024/tolerances.hpp"
#include "properties/giannou2024/newton_runs.hpp"

namespace icl::giannou2024::log12 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  Rng rng = ctx.rng();
  bool bounded = true;
  std::string table;
  for (const Rational& mu : {rational(1, 100), rational(1, 10), rational(1, 2)}) {
    const auto L = run_instance<Mpfr>(ctx.seed(mu.str()), mu);
    const double m = to_double(mu);
    const Vec<Mpfr> x_star = oracle::minimize(L, Vec<Mpfr>(Vec<Mpfr>::Zero(3)), Mpfr(1e-40));
    const double star = to_double(sqrt(Mpfr(x_star.squaredNorm())));
    for (const auto& [reading, eps_value] : {std::pair<const char*, double>{"(a) ε = μ²", m * m}, {"(b) ε = μ/2", m / 2}}) {
      const Mpfr eps(eps_value * (defect == defects::WrongFormula ? 400 : 1));
      // Errors push outward every step, from x_0 = 0 and from ‖x_0‖ = 10.
      double first_half = 0, second_half = 0;
      for (double r0 : {0.0, 10.0}) {
        Vec<Mpfr> x = Vec<Mpfr>::Constant(3, Mpfr(r0 / std::sqrt(3.0)));
        for (int t = 1; t <= 200; ++t) {
          x = inexact_step(L, x, eps, ErrorMode::Outward, rng, defect != defects::Undamped);
          const double norm = to_double(sqrt(Mpfr(x.squaredNorm())));
          (t <= 100 ? first_half : second_half) = std::max(t <= 100 ? first_half : second_half, norm);
        }
        ++ev.cases;
      }
      // Bounded: no growth after the transient, and within ‖x*‖ + the error's own reach (ε/μ per step balance).
      const bool ok = second_half <= first_half * (1 + kNoGrowth) && second_half <= star + kReachFactor * eps_value / m + kReachSlack;
      bounded = bounded && ok;
      table += fmt::format("{}μ={} {}: max‖x_t‖ {:.4f} then {:.4f} (‖x*‖ = {:.4f})", table.empty() ? "" : "; ", mu.str(),
                           reading, first_half, second_half, star);
    }
  }
  ev.note("200 steps, errors of norm ε pushing outward, x_0 = 0 and ‖x_0‖ = 10", table);
  ev.note("criterion", "bounded when the second half of the run never exceeds the first half and stays within "
                       "‖x*‖ + 10ε/μ + 1 (a geometric balance of the pull of a damped Newton step and the push)");
  ev.verdict = bounded ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (!bounded) ev.counterexample = "iterates grow under a reading; see details";
  return ev;
}

const Registration row(family(),
    ClaimRow("LOG12", Kind::Inequality)
        .statement("Boundedness of iterates under (a) ε ≤ μ² and (b) ε ≤ μ/2")
        .source("Theorem 5.4 / Remark B.11")
        .uses({"—"}, {"O4"})
        .arithmetic("MPFR", {"mpfr"})
        .expect(Verdict::HoldsNumerically,
                "a damped Newton step pulls towards x* by a fixed fraction far away; both error sizes stay "
                "below it")
        .rejects(defects::WrongFormula)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log12
