// yang2024/C24 — for fixed λ, ‖y − Zᵀλ‖² = λᵀΣ_ελ · χ²_N in distribution (τ‖λ‖²χ²_N for Σ_ε = τI_m).
// Labels are drawn from the data model itself (feature noise, Gaussian), the statistic ‖y − Zᵀλ‖²/(τ‖λ‖²) is compared
// with the χ²_N distribution by a Kolmogorov–Smirnov test (asymptotic p-value), for several (m, N, λ).
#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/gamma.hpp>
#include <fmt/format.h>

#include "properties/yang2024/family.hpp"
#include "properties/yang2024/ridge_forms.hpp"

namespace icl::yang2024::c24 {

constexpr double kRejectBelow = 1e-8, kAcceptAbove = 1e-4;

// P(√n·D > t) for the Kolmogorov distribution, by its alternating series.
double kolmogorov_tail(double t) {
  if (t < 0.2) return 1;
  double s = 0;
  for (int k = 1; k <= 100; ++k) s += 2 * (k % 2 ? 1 : -1) * std::exp(-2.0 * k * k * t * t);
  return std::clamp(s, 0.0, 1.0);
}

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("draws"));
  const long samples = ctx.budget("samples per setting");
  const bool scalar = ctx.broken(defects::ScalarLabelNoise);
  const double tau = 0.1;
  struct Setting { Index m, N; };
  const Setting settings[] = {{1, 3}, {3, 5}, {5, 2}, {20, 30}};
  double least_p = 1;
  std::string table;
  for (const auto& s : settings) {
    Mat<double> Z(s.m, s.N);
    for (Index i = 0; i < Z.size(); ++i) Z(i) = rng.normal();
    Vec<double> lambda(s.m);
    for (Index a = 0; a < s.m; ++a) lambda(a) = 1 + rng.normal();  // a fixed task, ‖λ‖ ≠ 1
    const double scale = tau * lambda.squaredNorm();
    std::vector<double> stat(samples);
    for (long t = 0; t < samples; ++t) {
      double sum = 0;
      for (Index i = 0; i < s.N; ++i) {
        double noise = 0;  // y_i − λᵀz_i
        if (scalar)
          noise = std::sqrt(tau) * rng.normal();
        else
          for (Index a = 0; a < s.m; ++a) noise += lambda(a) * std::sqrt(tau) * rng.normal();
        sum += noise * noise;
      }
      stat[size_t(t)] = sum / scale;
    }
    std::sort(stat.begin(), stat.end());
    double D = 0;
    for (long t = 0; t < samples; ++t) {
      const double F = boost::math::gamma_p(double(s.N) / 2, stat[size_t(t)] / 2);
      D = std::max({D, double(t + 1) / double(samples) - F, F - double(t) / double(samples)});
    }
    const double p = kolmogorov_tail(std::sqrt(double(samples)) * D);
    least_p = std::min(least_p, p);
    table += fmt::format("{}m = {}, N = {}, ‖λ‖² = {:.3f}: D = {:.4f}, p = {:.3g}", table.empty() ? "" : "; ", s.m, s.N,
                         lambda.squaredNorm(), D, p);
    ++ev.cases;
  }
  ev.note("Kolmogorov–Smirnov against χ²_N", table);
  ev.note("decision", fmt::format("refuted below p = {:g} in any setting, holds when every p > {:g} (4 settings, "
                                  "{} samples each)",
                                  kRejectBelow, kAcceptAbove, samples));
  if (least_p < kRejectBelow) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = "the normalised residual is not χ²_N: " + table;
  } else if (least_p > kAcceptAbove) {
    ev.verdict = Verdict::HoldsNumerically;
    ev.certificate = fmt::format("no setting rejects χ²_N (least p = {:.3g})", least_p);
  } else {
    ev.inconclusive(fmt::format("least p = {:.3g} lies between the thresholds", least_p));
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("C24", Kind::Identity)
        .statement("For fixed λ, ‖y − Zᵀλ‖² = λᵀΣ_ελ · χ²_N in distribution (τ‖λ‖²χ²_N for Σ_ε = τI_m)")
        .source("proof of Theorem 2 (R_δ)")
        .uses({}, {"O1"})
        .arithmetic("double (sampling)", {"double"})
        .expect(Verdict::HoldsNumerically, "y_i − λᵀz_i = λᵀε_i ~ N(0, τ‖λ‖²), independent over i")
        .budget("samples per setting", Axis::Tasks, 20000, 2000)
        .hypothesis("Gaussian feature noise (the experiments' law); fixed λ")
        .rejects(defects::ScalarLabelNoise)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c24
