// vonoswald2023/C9 — the best one-layer LSA of any head count has the GD* loss L*.
#include "properties/vonoswald2023/population.hpp"
#include "methods/identity.hpp"

namespace icl::vonoswald2023::c9 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed("realisation");
  const std::vector<Shape> shapes{{1, 1}, {1, 3}, {2, 2}, {2, 4}, {3, 3}};
  bool equal_all = true, one_head_all = true;
  long points = 0;
  for (const NamedLaw& law : {s_paper(), s_code(), gaussian()}) {
    for (const Shape& s : shapes) {
      ctx.progress(fmt::format("C9: one-layer optimum {} d={} N={}", law.law.name, s.d, s.N));
      const auto opt = pop::one_layer_optimum(s.d, s.N, law.law);
      const ClosedForm f(s.d, s.N, law, defect);
      ++ev.cases;
      const bool equal = opt.consistent && opt.loss == f.loss_star();
      if (!equal && equal_all) {
        ev.counterexample = fmt::format("{}, d={}, N={}: min over one-layer LSA = {} but L* = {}", law.law.name, s.d,
                                        s.N, opt.loss.str(), f.loss_star().str());
      }
      equal_all = equal_all && equal;

      // Structure of the optimum, and a one-head realisation run as an LSA forward pass: W_PV = −e_y e_y^T,
      // W_KQ[b, c] = T_{(b, y), c}. Realisable when the x–x block of T vanishes.
      const Index d = s.d, D = d + 1;
      Rational xx_block(0), xy_diag(0), xy_off(0);
      Mat<Rational> KQ = Mat<Rational>::Zero(D, D);
      for (size_t p = 0; p < opt.features.size(); ++p) {
        const auto& ft = opt.features[p];
        const Rational& t = opt.T(static_cast<Index>(p));
        if (ft.b < d) {
          xx_block = std::max(xx_block, abs(t));
        } else {
          KQ(ft.a, ft.c) = t;
          if (ft.a < d) (ft.a == ft.c ? xy_diag : xy_off) = std::max(ft.a == ft.c ? xy_diag : xy_off, abs(t));
        }
      }
      Head<Rational> h{Mat<Rational>::Identity(D, D), KQ, Mat<Rational>::Identity(D, D), Mat<Rational>::Zero(D, D)};
      h.P(d, d) = -1;
      const LsaLayer<Rational> layer{{h}, Rational(1), KeySet::Context};
      check::UniformSource src(ctx.seed(fmt::format("{}-{}-{}", law.law.name, s.d, s.N)));
      bool realised = xx_block == 0;
      for (int k = 0; k < 2 && realised; ++k, ++points) {
        const Mat<Rational> X = src.matrix(d, s.N), y = src.matrix(1, s.N), xt = src.matrix(d, 1);
        const Mat<Rational> yhat =
            vo::predictions(forward(layer, vo::regression_prompt<Rational>(X, y, xt, Mat<Rational>::Zero(1, 1))), d);
        realised = yhat(0, 0) == pop::predict(opt, X, y, xt.col(0));
      }
      one_head_all = one_head_all && realised;
      if (s.d == 3)
        ev.note(fmt::format("optimum T, {}, d=3, N=3", law.law.name),
                fmt::format("rank G = {}/{}; max|T| on x–x block {}, on (x,y) off-diagonal {}, (x,y) diagonal {} "
                            "(η*/N = {}); one head realises it: {}",
                            opt.rank, opt.features.size(), xx_block.str(), xy_off.str(), xy_diag.str(),
                            (f.eta_star() / s.N).str(), realised ? "yes" : "no"));
    }
  }
  ev.note("shapes", "(d, N) = (1,1), (1,3), (2,2), (2,4), (3,3) under S-paper, S-code and Gaussian inputs; "
                    "least squares over all tensors T (any head count) with exact moments");
  ev.note("one-head realisation", fmt::format("{} exact forward-pass comparisons at uniform points", points));
  ev.note("not covered", "d = N = 10 (the moment matrix has 660² entries); the formula is checked at the sizes above");
  ev.cases += points;
  ev.max_error = 0;
  ev.verdict = equal_all ? (one_head_all ? Verdict::ProvedExactly : Verdict::Inconclusive) : Verdict::Refuted;
  if (ev.verdict == Verdict::ProvedExactly) {
    const SchwartzZippel sz{3, check::UniformSource::log2_set, 2};
    ev.certificate = "exact least-squares optimum equals L* at every shape; one-head realisation: " + sz.describe();
    ev.bound = sz.bound();
    ev.bound_label = "P(false pass) ≤";
  }
  return ev;
}


const Registration row(family(),
    ClaimRow("C9", Kind::Identity)
        .statement("Minimum over all parameters (any number of heads) of the population loss of a 1-layer LSA with W_0 = 0 "
                   "equals L* of C7")
        .source("§4–5 (optimality of GD* among one-layer LSA)")
        .uses({"any one-layer LSA"}, {"O5"})
        .arithmetic("exact rational moments", {"exact"})
        .expect(Verdict::ProvedExactly,
                "only features odd in the teacher correlate with y_test; their span w^T XX^T B x_test is optimised at "
                "B = (η*/N)I, which one head realises")
        .rejects(defects::WrongKurtosis)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c9
