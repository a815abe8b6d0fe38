// vonoswald2023/C18 — the spectrum of XXᵀ over 10⁴ tasks (d = 10): the paper reports max λ 4.6, 7.712, 10.845, 17.196
// and min λ 1e-10 (clipped), 0.097, 0.666, 2.870 for N = 10, 25, 50, 100.
// Direct sampling (O6's statistics path): per replicate, 10⁴ tasks (fixed: the printed statistic is over 10⁴) X ∈ R^{10×N} with i.i.d. uniform coordinates, the
// largest λ_max(XXᵀ) and the smallest λ_min(XXᵀ) over the tasks (Eigen's symmetric eigensolver, double). S-paper
// (U(−1, 1)) is exactly 2 × S-code (U(−1/2, 1/2)), so one set of draws serves both laws, the S-paper spectra being 4
// times the S-code ones. Each printed number is compared with its replicates on a log scale by a prediction interval:
// with mean m and standard deviation s of the M replicates' logs, a new replicate lies within m ± t·s·√(1 + 1/M),
// t the Student quantile at 1 − α/2 with M − 1 degrees of freedom and α = kFamilyAlpha / 7 = 10⁻⁵/7 (Bonferroni over
// the 7 printed numbers that are values; "1e-10 (clipped)" is a display floor and is only reported). The paper's
// figure is itself one replicate: at α = 5%/7 a correct figure fell outside under about one seed in twenty (seed 16:
// its 7.712 at N = 25 sits at z ≈ 2.2 of the replicates, the upper 3% of 400 replicates), so the verdict changed with
// the seed. The strict level keeps the resolution the claim needs: at M = 10 the interval is about ×/÷ 1.6 at its
// widest (N = 25 max λ), against the factor 4 between the laws. This treats the log of an extreme over 10⁴ tasks as
// normal across replicates — an approximation (its skew is ≈ 0.9, Gumbel-like), which the heavy Student tail at 9
// d.o.f. (t ≈ 11) covers with room. A law reproduces the figure when none of the 7 falls outside; the claim holds
// when some law does and is refuted when neither does. Each value's z on the replicates' logs is reported.
#include <algorithm>
#include <array>
#include <cmath>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include "core/fit.hpp"
#include "core/random.hpp"
#include "core/scalar.hpp"
#include "properties/vonoswald2023/family.hpp"

namespace icl::vonoswald2023::c18 {

constexpr Index kD = 10;
constexpr std::array<Index, 4> kN{10, 25, 50, 100};
constexpr std::array<double, 4> kPrintedMax{4.6, 7.712, 10.845, 17.196};
constexpr std::array<double, 4> kPrintedMin{1e-10, 0.097, 0.666, 2.870};  // the first is the plot's clipping floor
constexpr double kAlpha = kFamilyAlpha / 7;
const char* const kAgreement = "agrees when inside the 10⁻⁵/7 prediction interval of one more replicate";
// The statistic is the extreme over the paper's 10⁴ tasks: a replicate over more or fewer tasks has another law (more
// tasks, a larger maximum), so the task count is fixed and the effort buys replicates.
constexpr long kTasks = 10000;

struct Extremes {
  double max = 0, min = INFINITY;
};

// One replicate at N under S-code: the extremes of the spectrum of XXᵀ (or XXᵀ/N for the broken variant) over `tasks`.
// The eigensolver runs only on a task that may move an extreme. A task is passed over when Cholesky proves both
// S − (min + δ)I and (max − δ)I − S positive definite, i.e. min + δ ≤ λ(S) ≤ max − δ; δ = 10⁻⁸ tr S is ~10⁶ times the
// rounding of the factorisations and of the eigensolver, so such a task's computed eigenvalues could not have moved
// either extreme, and the extremes are the ones the eigensolver on every task gives, bit for bit.
Extremes replicate(Index N, long tasks, bool over_N, Rng& rng) {
  Extremes e;
  using Gram = Eigen::Matrix<double, kD, kD>;  // fixed size: no allocation per task
  Eigen::Matrix<double, kD, Eigen::Dynamic> X(kD, N);
  Eigen::SelfAdjointEigenSolver<Gram> eig;
  Eigen::LLT<Gram> llt;
  const auto positive_definite = [&](const Gram& A) { return llt.compute(A).info() == Eigen::Success; };
  for (long t = 0; t < tasks; ++t) {
    for (Index i = 0; i < X.size(); ++i) X(i) = rng.uniform(-0.5, 0.5);
    Gram S = X * X.transpose();
    if (over_N) S /= double(N);
    const double delta = 1e-8 * S.trace();
    if (t > 0 && positive_definite(S - (e.min + delta) * Gram::Identity()) &&
        positive_definite((e.max - delta) * Gram::Identity() - S))
      continue;
    eig.compute(S, Eigen::EigenvaluesOnly);
    e.max = std::max(e.max, eig.eigenvalues()(kD - 1));
    e.min = std::min(e.min, eig.eigenvalues()(0));
  }
  return e;
}

// The printed value against one more replicate at the printed law's scale (S-paper: 4 × the S-code draws).
Interval prediction_interval(std::vector<double> values, double scale) {
  for (double& v : values) v *= scale;
  return icl::prediction_interval(values, kAlpha, true);
}

// The printed value's place among the replicates: (log printed − mean) / sd of the scaled replicates' logs.
double z_of(const std::vector<double>& values, double scale, double printed) {
  std::vector<double> logs;
  for (double v : values) logs.push_back(std::log(v * scale));
  const MeanSe m = mean_and_se(logs);
  return (std::log(printed) - m.mean) / (m.se * std::sqrt(double(logs.size())));
}

Evidence check(Context& ctx) {
  Evidence ev;
  const long tasks = kTasks, M = ctx.budget("replicates");
  if (M < 2) {  // a prediction interval needs a spread: nothing to compare against
    ev.inconclusive(fmt::format("{} replicate: a prediction interval needs at least 2 (10 at the default budget)", M));
    return ev;
  }
  Rng rng(ctx.seed("tasks"));
  std::vector<std::vector<double>> maxima(kN.size()), minima(kN.size());
  for (size_t n = 0; n < kN.size(); ++n)
    for (long r = 0; r < M; ++r) {
      const Extremes e = replicate(kN[n], tasks, ctx.broken(defects::SpectrumOverN), rng);
      maxima[n].push_back(e.max);
      minima[n].push_back(e.min);
    }
  std::string reproduced, outside_all;
  for (const auto& [law, scale] : {std::pair<const char*, double>{"S-code U(−1/2, 1/2)", 1}, {"S-paper U(−1, 1)", 4}}) {
    std::string table, outside;
    Series smax{fmt::format("{} (geometric mean of the replicates)", law), "N", "max λ(XXᵀ) over 10⁴ tasks", {}, {}};
    Series smin{fmt::format("{} (geometric mean of the replicates)", law), "N", "min λ(XXᵀ) over 10⁴ tasks (N ≥ 25)", {}, {}};
    for (size_t n = 0; n < kN.size(); ++n) {
      const Interval imax = prediction_interval(maxima[n], scale), imin = prediction_interval(minima[n], scale);
      smax.x.push_back(double(kN[n]));
      smax.y.push_back(std::exp(std::log(imax.lo * imax.hi) / 2));
      if (scale == 1) smax.printed.emplace_back(double(kN[n]), kPrintedMax[n]);  // once per panel
      if (n > 0) {
        smin.x.push_back(double(kN[n]));
        smin.y.push_back(std::exp(std::log(imin.lo * imin.hi) / 2));
        if (scale == 1) smin.printed.emplace_back(double(kN[n]), kPrintedMin[n]);
      }
      const double least = *std::min_element(minima[n].begin(), minima[n].end()) * scale;
      table += fmt::format("{}N = {}: max λ {:.4g} [{:.4g}, {:.4g}] (paper {}, z = {:.1f}), min λ {:.4g} [{:.4g}, {:.4g}] (paper {}{})",
                           n ? "; " : "", kN[n], std::exp(std::log(imax.lo * imax.hi) / 2), imax.lo, imax.hi,
                           kPrintedMax[n], z_of(maxima[n], scale, kPrintedMax[n]),
                           n == 0 ? least : std::exp(std::log(imin.lo * imin.hi) / 2), imin.lo, imin.hi, kPrintedMin[n],
                           n == 0 ? ", clipped; least replicate shown"
                                  : fmt::format(", z = {:.1f}", z_of(minima[n], scale, kPrintedMin[n])));
      ev.print({fmt::format("max λ(XXᵀ) over 10⁴ tasks, N = {}, {}", kN[n], law), fmt::format("{}", kPrintedMax[n]),
                fmt::format("{:.4g} [{:.4g}, {:.4g}]", std::exp(std::log(imax.lo * imax.hi) / 2), imax.lo, imax.hi),
                "double", imax.contains(kPrintedMax[n]), kAgreement});
      if (n == 0)
        ev.print({fmt::format("min λ(XXᵀ), N = {}, {}", kN[n], law), "1e-10 (clipped)", fmt::format("{:.3g} (least replicate)", least),
                  "double", std::nullopt, "a display floor of the plot, not a value"});
      else
        ev.print({fmt::format("min λ(XXᵀ) over 10⁴ tasks, N = {}, {}", kN[n], law), fmt::format("{}", kPrintedMin[n]),
                  fmt::format("{:.4g} [{:.4g}, {:.4g}]", std::exp(std::log(imin.lo * imin.hi) / 2), imin.lo, imin.hi),
                  "double", imin.contains(kPrintedMin[n]), kAgreement});
      if (!imax.contains(kPrintedMax[n]))
        outside += fmt::format("{}max λ at N = {}: paper {} outside [{:.4g}, {:.4g}]", outside.empty() ? "" : "; ", kN[n],
                               kPrintedMax[n], imax.lo, imax.hi);
      if (n > 0 && !imin.contains(kPrintedMin[n]))
        outside += fmt::format("{}min λ at N = {}: paper {} outside [{:.4g}, {:.4g}]", outside.empty() ? "" : "; ", kN[n],
                               kPrintedMin[n], imin.lo, imin.hi);
    }
    ev.note(law, table);
    ev.series.push_back(std::move(smax));
    ev.series.push_back(std::move(smin));
    if (outside.empty()) {
      if (reproduced.empty()) reproduced = law;
    } else {
      outside_all += fmt::format("{}{}: {}", outside_all.empty() ? "" : " — ", law, outside);
    }
  }
  ev.note("method", fmt::format("{} replicates of {} tasks per N; geometric mean and the prediction interval of one more "
                                "replicate on the log scale (Student t, M − 1 = {} d.o.f., two-sided α = 10⁻⁵/7)",
                                M, tasks, M - 1));
  ev.cases = M * long(kN.size());
  // The comparison is statistical: below the budget's minimum no law is rejected (a smaller sample is no evidence).
  if (std::string why; reproduced.empty() && !ctx.enough_budget(&why)) {
    ev.inconclusive(why + "; outside under both laws: " + outside_all);
    return ev;
  }
  return decide(ev, reproduced.empty() ? outside_all : "",
                fmt::format("every printed value lies in its prediction interval under {}{}", reproduced,
                            outside_all.empty() ? "" : " (not under the other law: " + outside_all + ")"),
                Verdict::HoldsNumerically);
}

const Registration row(family(),
    ClaimRow("C18", Kind::Empirical)
        .statement("Spectrum of XXᵀ over 10⁴ tasks (d = 10): the paper reports max λ 4.6, 7.712, 10.845, 17.196 and min λ "
                   "1e-10 (clipped), 0.097, 0.666, 2.870 for N = 10, 25, 50, 100")
        .source("§4 / App. (spectra of XXᵀ)")
        .uses({}, {"O6"})
        .arithmetic("double (sampled spectra)", {"double"})
        .expect(Verdict::HoldsNumerically, "reproduced under S-code (U(−1/2, 1/2), the code's law); under S-paper every "
                                           "value is 4 times larger")
        .budget("replicates", Axis::Instances, 10, 10)
        .rejects(defects::SpectrumOverN)
        .hypothesis("d = 10, tasks with i.i.d. uniform inputs (S-code or S-paper)")
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c18
