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

// The same form at random x, in Arb: returns the tally against factor·‖ε‖².
inline Tally quadratic_form_arb(const Context& ctx, double factor, int instances) {
  Rng rng = ctx.rng("arb");
  Tally t;
  for (int inst = 0; inst < instances; ++inst) {
    const Index d = static_cast<Index>(rng.integer(1, 3)), n = static_cast<Index>(rng.integer(d, 6));
    const Rational mu = Rational(rng.integer(1, 50)) / 100;
    const auto L = cast<Ball>(logistic_data(rng, n, d, mu));
    const Vec<Ball> x = balls(draw_matrix(rng, d, 1, 32, 8)), e = balls(draw_matrix(rng, d, 1, 16, 16));
    const Ball left = Ball(4) * L.mu * e.dot(certified::solve(oracle::hessian(L, x), e));
    const Ball right = Ball(factor) * e.dot(e);
    t.add(left, right,
          fmt::format("n={}, d={}, μ={}", n, d, mu.str()));
  }
  return t;
}

}  // namespace icl::giannou2024
