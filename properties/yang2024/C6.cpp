// yang2024/C6 — the noise-averaged least-squares minimiser equals ridge with penalty Nτ:
// λ̂_τ := argmin_λ E_ε̃ (1/2N) Σ_i (y_i − λᵀ(z_i + ε̃_i))² = (ZZᵀ + NτI_m)⁻¹Zy.
// Exact: the expectation's quadratic form assembled term by term from E[ε̃] = 0, E[ε̃ε̃ᵀ] = τI and minimised by an exact
// solve of its stationarity system. O4: the same objective averaged over sampled noise and minimised by least squares
// in double (no ridge formula), 20 batches for a standard error.
#include <cmath>

#include <Eigen/QR>

#include "methods/identity.hpp"
#include "methods/mc_acceptance.hpp"
#include "oracles/newton.hpp"
#include "properties/yang2024/family.hpp"
#include "properties/yang2024/ridge_forms.hpp"

namespace icl::yang2024::c6 {

constexpr int kBatches = 20;

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("prompts"));
  std::string diff;
  const int instances = ctx.budget_int("prompts");
  for (int t = 0; t < instances && diff.empty(); ++t) {
    const Index m = 1 + t % 4, N = 1 + (t / 4) % 6;
    const Instance in = draw_instance(rng, m, N, N + 2, Rational(1, 10));
    const PromptDraw p = draw_prompt(in, rng);
    // (1/2N) Σ_i E[(y_i − λᵀz_i − λᵀε̃_i)²] = (1/2N) Σ_i [(y_i − λᵀz_i)² + λᵀE[ε̃_iε̃_iᵀ]λ]: Hessian and gradient at 0.
    Mat<Rational> H = Mat<Rational>::Zero(m, m);
    Vec<Rational> b = Vec<Rational>::Zero(m);
    for (Index i = 0; i < N; ++i) {
      H += in.Z_all.col(i) * in.Z_all.col(i).transpose();
      for (Index a = 0; a < m; ++a) H(a, a) += in.tau;  // E[ε̃_i ε̃_iᵀ] = τI
      b += p.y(i) * in.Z_all.col(i);
    }
    const Vec<Rational> minimiser = oracle::flint_solve(H, Mat<Rational>(b)).col(0);
    const Vec<Rational> formula = ridge_noise_averaged(in, p.y);
    if (minimiser != formula)
      diff = fmt::format("{}, Z = {}, y = {}: minimiser {} but (ZZᵀ + NτI)⁻¹Zy = {}", in.str(), check::show(in.Z()),
                         check::show(p.y), check::show(minimiser), check::show(formula));
    ++ev.cases;
  }
  ev.part("exact minimiser of the expected objective equals the formula", diff.empty() ? Verdict::ProvedExactly : Verdict::Refuted,
          diff);
  // O4 at one prompt (m = 3, N = 4, τ = 1/10): least squares over sampled noise, batch means ± SE per coordinate.
  Rng mc(ctx.seed("noise samples"));
  const Instance in = draw_instance(mc, 3, 4, 6, Rational(1, 10));
  const PromptDraw p = draw_prompt(in, mc);
  const long draws = ctx.budget("noise draws per batch");
  const Mat<double> Z = cast_matrix<double>(in.Z());
  const Vec<double> y = cast_matrix<double>(Mat<Rational>(p.y)).col(0);
  const double sd = std::sqrt(to_double(in.tau));
  Mat<double> solutions(3, kBatches);
  for (int batch = 0; batch < kBatches; ++batch) {
    Mat<double> rows(draws * 4, 3);
    Vec<double> targets(draws * 4);
    for (long s = 0; s < draws; ++s)
      for (Index i = 0; i < 4; ++i) {
        for (Index a = 0; a < 3; ++a) rows(s * 4 + i, a) = Z(a, i) + sd * mc.normal();
        targets(s * 4 + i) = y(i);
      }
    solutions.col(batch) = rows.householderQr().solve(targets);
  }
  const Vec<double> formula = cast_matrix<double>(Mat<Rational>(ridge_noise_averaged(in, p.y))).col(0);
  const Vec<double> mean = solutions.rowwise().mean();
  double worst = 0;
  for (Index a = 0; a < 3; ++a) {
    const double se = std::sqrt((solutions.row(a).array() - mean(a)).square().sum() / (kBatches - 1) / kBatches);
    worst = std::max(worst, std::abs(mean(a) - formula(a)) / se);
  }
  // The batch least-squares solutions carry an O(1/draws) bias besides their noise; at ≥ 10⁴ draws per batch it is
  // far below the SE of the mean.
  const double z = check::mc_sigmas(3);
  const bool enough = draws >= check::kMcMinTasks;
  ev.part("O4 sampled-noise least squares agrees", !enough ? Verdict::Inconclusive
                                                   : worst <= z ? Verdict::HoldsNumerically
                                                                : Verdict::Refuted,
          fmt::format("{} batches × {} noise draws: max |mean − formula|/SE = {:.2f} (Bonferroni bound {:.2f})",
                      kBatches, draws, worst, z));
  if (!diff.empty()) return decide(ev, diff, "");
  if (ev.parts.back().verdict != Verdict::HoldsNumerically) {
    ev.inconclusive("exact part holds; " + ev.parts.back().detail);
    return ev;
  }
  return decide(ev, "", fmt::format("exact on {} prompts; O4 within its SE", ev.cases));
}

const Registration row(family(),
    ClaimRow("C6", Kind::Identity)
        .statement("The noise-averaged least-squares minimiser equals ridge with penalty Nτ: λ̂_τ = (ZZᵀ + NτI_m)⁻¹Zy")
        .source("eqs. 23–25 (reconstructed)")
        .uses({}, {"O4"})
        .arithmetic("exact rational (expectation); double (O4)", {"exact", "double"})
        .expect(Verdict::ProvedExactly, "E[(λᵀε̃_i)²] = τ‖λ‖², summed over N prompt tokens")
        .part("exact minimiser of the expected objective equals the formula", Verdict::ProvedExactly)
        .part("O4 sampled-noise least squares agrees", Verdict::HoldsNumerically)
        .budget("prompts", Axis::Instances, 24, 1)
        .budget("noise draws per batch", Axis::Tasks, 10000, check::kMcMinTasks)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c6
