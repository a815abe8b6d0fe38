// LOG9, LOG10: the proof step's quadratic form ε^T(∇²g)^{-1}ε against multiples of ‖ε‖², exactly at x = 0
// (a RapidCheck property that shrinks) and in Arb at random x.
#pragma once

#include "properties/giannou2024/certified_common.hpp"

namespace icl::giannou2024 {

// ε^T(∇²g)^{-1}ε = 4μ ε^T(∇²f)^{-1}ε, exactly at x = 0 (where every p_i = 1/2).
inline Rational gauss_form_at_zero(const oracle::Logistic<Rational>& L, const Mat<Rational>& e) {
  const Mat<Rational> H = oracle::hessian_from_p(L, Vec<Rational>(Vec<Rational>::Constant(L.n(), rational(1, 2))));
  return 4 * L.mu * e.col(0).dot(oracle::flint_solve(H, e).col(0));
}

// Exact check at x = 0 for random data (RapidCheck, shrinking) of  ε^T(∇²g)^{-1}ε ≤ factor·‖ε‖².
inline PropertyOutcome quadratic_form_property(const Context& ctx, const Rational& factor, int cases) {
  const std::string& id = ctx.id();
  return check_property(
      id,
      [&] {
        const int d = check::pick_dim(1, 3), n = check::pick_dim(1, 4);
        check::RcSource src;
        oracle::Logistic<Rational> L{src.matrix(n, d, "A before rescaling rows to norm ≤ 1"), Vec<Rational>(n),
                                     abs(src.nonzero("4μ (sign dropped)")) / 4};
        for (int i = 0; i < n; ++i) {
          const Rational sq = L.A.row(i).squaredNorm();
          long m = 1;
          while (Rational(m * m) < sq) ++m;
          L.A.row(i) /= Rational(m);
          L.y(i) = src.sign("y_" + std::to_string(i + 1));
        }
        const Mat<Rational> e = src.matrix(d, 1, "ε");
        src.log.push_back("so A = " + check::show(L.A) + ", μ = " + L.mu.str());
        const Rational left = gauss_form_at_zero(L, e), right = factor * e.squaredNorm();
        if (left > right)
          RC_FAIL(fmt::format("n={}, d={}, x = 0\n{}ε^T(∇²g)^(-1)ε = {} > {}·‖ε‖² = {}", n, d, src.instance(), left.str(),
                              factor.str(), right.str()));
      },
      PropertyParams(ctx.seed(), cases));
}

// LOG9 and LOG10 share one check: ε^T(∇²g)^{-1}ε ≤ factor·‖ε‖² (a) exactly at x = 0 on random data (n < d included),
// a property that shrinks to a smallest counterexample, and (b) certified in Arb at random x (n ≥ d) with ε ≠ 0
// (at ε = 0 both sides vanish), each a part with its own outcome.
inline Evidence quadratic_form_check(const Context& ctx, const Rational& factor) {
  Evidence ev;
  ev.seed = ctx.seed();
  ev.precision_bits = ctx.working_bits();
  const auto outcome = quadratic_form_property(ctx, factor, ctx.budget_int("cases"));
  ev.cases = outcome.successes;
  const Verdict exact = outcome.failed() ? Verdict::Refuted : outcome.passed() ? Verdict::ProvedExactly : Verdict::Inconclusive;
  ev.part("exact at x = 0", exact, fmt::format("{} random cases (every p_i = 1/2), n < d included", outcome.successes));
  record_failure(ev, outcome);

  Rng rng = ctx.rng("arb");
  Tally t;
  for (int inst = 0; inst < ctx.budget_int("arb instances"); ++inst) {
    const Index d = static_cast<Index>(rng.integer(1, 3)), n = static_cast<Index>(rng.integer(d, 6));
    const Rational mu = Rational(rng.integer(1, 50)) / 100;
    const auto data = logistic_data(rng, n, d, mu);
    const Mat<Rational> x = draw_matrix(rng, d, 1, 32, 8);
    Mat<Rational> e;
    do e = draw_matrix(rng, d, 1, 16, 16); while (e.isZero());
    // Aε = 0 exactly makes ε an eigenvector of ∇²f with eigenvalue μ: ε^T(∇²g)^{-1}ε = 4‖ε‖², equality predicted.
    const bool tie_expected = Mat<Rational>(data.A * e).isZero();
    check::certify_instance(t, ctx.working_bits(), [&](Tally& one) {
      const auto L = cast<Ball>(data);
      const Vec<Ball> eb = balls(e);
      const Ball left = Ball(4) * L.mu * eb.dot(certified::solve(oracle::hessian(L, balls(x)), eb));
      const Ball right = from_rational<Ball>(factor) * eb.dot(eb);
      one.add(left, right, fmt::format("n={}, d={}, μ={}", n, d, mu.str()), tie_expected,
              std::ldexp(1.0, -static_cast<int>(Ball::precision()) / 2) * std::max(1.0, right.mid()));
    });
  }
  Evidence arb;
  conclude(arb, t, "");
  ev.cases += t.total();
  ev.part("Arb at random x", arb.verdict, t.describe());
  ev.note(fmt::format("Arb at random x, n ≥ d, ε ≠ 0: ε^T(∇²g)^{{-1}}ε < {}·‖ε‖²", factor.str()), t.describe());
  if (arb.bound) {
    ev.bound = arb.bound;
    ev.bound_label = arb.bound_label;
  }
  if (exact == Verdict::Refuted || arb.verdict == Verdict::Refuted) {
    ev.verdict = Verdict::Refuted;
    if (ev.counterexample.empty()) ev.counterexample = t.first_violation;
  } else if (exact == Verdict::ProvedExactly && arb.verdict == Verdict::Certified) {
    ev.verdict = Verdict::Certified;
  } else {
    ev.inconclusive(arb.reason.empty() ? "the exact property did not complete" : arb.reason);
  }
  return ev;
}

}  // namespace icl::giannou2024
