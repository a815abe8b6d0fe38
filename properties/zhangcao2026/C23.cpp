// zhangcao2026/C23 — looping an ε-perturbed layer T times: deviation from exact NGD.
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/rates_common.hpp"
#include <Eigen/Cholesky>
#include "constructions/zhangcao2026/ngd_layers.hpp"

namespace icl::zhangcao2026::c23 {

namespace zc = icl::zhangcao;

Evidence check(Context& ctx) {
  Evidence ev;
  ev.seed = ctx.seed();
  const auto ps = rate_prompts(ev.seed, ctx.budget_int("prompts"), 4, 12);
  Rng rng = ctx.rng("noise");
  std::vector<double> log_eps, log_T, log_dev;
  std::string table;
  const double eta = 0.5;
  double dev_large = 0;  // ε = 1e-2 at T = 1000, outside the linear regime
  long linear = 0, points = 0;
  for (const double eps : {1e-2, 1e-4, 1e-6, 1e-8}) {
    for (const auto& p : ps) {
      const Index d = p.Z.rows(), D = 3 * d + 1;
      // The K1 layer as full matrices, perturbed by ε times a random direction of unit Frobenius norm.
      const SoftmaxLayer<double> k1 = zc::ngd_layer<double>(d, eta);
      Mat<double> WKQ = k1.heads[0].WK.transpose() * k1.heads[0].WQ, WV = k1.heads[0].P * k1.heads[0].WV;
      Mat<double> R1(D, D), R2(D, D);
      for (Index i = 0; i < R1.size(); ++i) {
        R1(i) = rng.normal();
        R2(i) = rng.normal();
      }
      const double size = ctx.broken(defects::QuadraticNoise) ? eps * eps : eps;
      WKQ += size * R1 / R1.norm();
      WV += size * R2 / R2.norm();
      const SoftmaxLayer<double> layer = zc::trainable_layer<double>(WKQ, WV);
      Prompt<double> prompt = zc::ngd_prompt<double>(p.Z, Vec<double>::Zero(d), Vec<double>::Zero(d));
      Vec<double> w = Vec<double>::Zero(d);
      for (long t = 1; t <= 1000; ++t) {
        prompt = forward(layer, prompt);
        w = oracle::ngd_step<double>(p.Z, w, eta);
        if (t == 1 || t == 10 || t == 100 || t == 1000) {
          const double dev = (zc::state(prompt) - w).norm();
          if (eps == 1e-2 && t == 1000) dev_large = std::max(dev_large, dev);
          ++points;
          if (dev <= kLinearRegime * w.norm()) {  // the fit uses the first-order regime only
            ++linear;
            log_eps.push_back(std::log(eps));
            log_T.push_back(std::log(static_cast<double>(t)));
            log_dev.push_back(std::log(dev));
          }
          if (&p == &ps.front()) table += fmt::format("{}ε={:.0e}, T={}: {:.2e}", table.empty() ? "" : "; ", eps, t, dev);
        }
      }
      ev.cases += 1000;
    }
  }
  // Fit log dev = c + a log ε + b log T by least squares (two regressors).
  const Index n = static_cast<Index>(log_dev.size());
  Mat<double> X(n, 3);
  Vec<double> y(n);
  for (Index i = 0; i < n; ++i) {
    X(i, 0) = 1;
    X(i, 1) = log_eps[i];
    X(i, 2) = log_T[i];
    y(i) = log_dev[i];
  }
  const Vec<double> coef = (X.transpose() * X).ldlt().solve(X.transpose() * y);
  ev.note("deviation ‖ŵ_T − w_T‖ (first prompt; d=4, N=12, η=1/2; double — deviations ≥ 1e-9 ≫ rounding)", table);
  ev.note(fmt::format("fitted growth over the first-order regime (deviation ≤ {:g}·‖w_T‖: {} of {} points)", kLinearRegime,
                      linear, points),
          fmt::format("deviation ≈ {:.3g}·ε^{:.3f}·T^{:.3f}", std::exp(coef(0)), coef(1), coef(2)));
  ev.note("large perturbation", fmt::format("ε = 1e-2 leaves the first-order regime: deviation {:.3g} at T = 1000", dev_large));
  ev.series.push_back(Series{"C23 log deviation vs log T (first-order regime)", "log T", "log deviation", log_T, log_dev});
  // The measurement asks for a growth form; it is decided here as first-order stability: linear in ε.
  ev.bound = coef(1);
  ev.bound_label = "ε exponent";
  ev.verdict = std::abs(coef(1) - 1) < kLinearInEpsilon ? Verdict::HoldsNumerically : Verdict::Inconclusive;
  if (ev.verdict == Verdict::Inconclusive)
    ev.reason = fmt::format("the fitted ε exponent {:.3f} is not 1 within {:g} in the first-order regime", coef(1), kLinearInEpsilon);
  return ev;
}

const Registration row(family(),
    ClaimRow("C23", Kind::Empirical)
        .statement("Looping an ε-perturbed layer T times: deviation from exact NGD as a function of (ε, T)")
        .source("§6 (robustness of the looped layer)")
        .uses({"K6"}, {"O1"})
        .arithmetic("double", {"double"})
        .budget("prompts", Axis::Instances, 5)
        .expect(Verdict::HoldsNumerically,
                "measured: deviation ≈ c·ε^0.95·T^2.3 for ε ≤ 1e-4 (first-order stable, growing polynomially "
                "in T); ε = 1e-2 diverges")
        .inconclusive_under(defects::QuadraticNoise, "is not 1 within")
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c23
