// C7, C9, C24, C28, C29: the closed forms of spec §5 are the statements under test; they are written here and
// nowhere else, and compared with O3 (exact moments of O1 run on polynomials), O4 (Monte Carlo of O1) and O5
// (least squares over every one-layer LSA).
#pragma once

#include <cmath>
#include <map>
#include <memory>
#include <unordered_map>

#include <fmt/format.h>

#include "core/context.hpp"
#include "oracles/population.hpp"
#include "properties/vonoswald2023/common.hpp"
#include "properties/vonoswald2023/tolerances.hpp"

namespace icl::vonoswald2023 {

namespace pop = icl::population;

// Monte Carlo tasks per law (spec O4: ≥ 10^6 at effort 1).
inline long mc_tasks(const Context& ctx) { return ctx.budget("tasks"); }

// The laws of spec §2.1: S-paper U(−1,1), S-code U(−1/2,1/2), and Gaussian N(0,1) inputs.
struct NamedLaw {
  pop::InputLaw law;
  Rational sigma2, kappa;  // spec §5: uniform U(−a,a) has σ² = a²/3, κ = 9/5; Gaussian N(0,v) has σ² = v, κ = 3
};
inline NamedLaw s_paper() { return {pop::uniform_law("S-paper U(−1,1)", 1), rational(1, 3), rational(9, 5)}; }
inline NamedLaw s_code() { return {pop::uniform_law("S-code U(−1/2,1/2)", rational(1, 2)), rational(1, 12), rational(9, 5)}; }
inline NamedLaw gaussian() { return {pop::gaussian_law("Gaussian N(0,1)", 1), 1, 3}; }

// Spec §5, one GD step from W_0 = 0, d_y = 1.
struct ClosedForm {
  Index d, N;
  Rational s2, kappa;
  Defect defect;
  ClosedForm(Index d_, Index N_, const NamedLaw& law, Defect defect_)
      : d(d_), N(N_), s2(law.sigma2), kappa(defect_ == defects::WrongKurtosis ? Rational(3) : law.kappa), defect(defect_) {}
  Rational half() const { return defect == defects::DropHalf ? Rational(1) : rational(1, 2); }
  Rational c() const { return Rational(d + N) + kappa - 2; }
  // L(η) = (σ²/2)[d − 2ηdσ² + η²σ⁴ d(d+N+κ−2)/N], as coefficients of 1, η, η².
  std::vector<Rational> loss_in_eta() const {
    return {half() * s2 * d, -2 * half() * s2 * s2 * d, half() * s2 * s2 * s2 * d * c() / N};
  }
  Rational eta_star() const { return Rational(N) / (s2 * c()); }
  Rational loss_star() const { return half() * d * s2 * (Rational(d) + kappa - 2) / c(); }
  // Inputs scaled (σ² → α²σ²) with η = η*: (dα²σ²/2)[1 − 2η*α²σ² + η*²α⁴σ⁴(d+N+κ−2)/N], in powers of α.
  std::vector<Rational> ood_input_in_alpha() const {
    const Rational e = eta_star();
    return {0, 0, half() * d * s2, 0, -2 * half() * d * e * s2 * s2, 0, half() * d * e * e * s2 * s2 * s2 * c() / N};
  }
  // Teacher scaled W → αW: α² L*.
  std::vector<Rational> ood_teacher_in_alpha() const { return {0, 0, loss_star()}; }
};

inline std::vector<Rational> trimmed(std::vector<Rational> c) {
  while (!c.empty() && c.back() == 0) c.pop_back();
  return c;
}

inline std::string show_poly(const std::vector<Rational>& c, const char* var) {
  std::string s;
  for (size_t k = 0; k < c.size(); ++k) {
    if (c[k] == 0) continue;
    s += (s.empty() ? "" : " + ") + c[k].str() + (k ? fmt::format("·{}^{}", var, k) : "");
  }
  return s.empty() ? "0" : s;
}

// O3 losses are costly at d = N = 10; one process computes each (d, N, law) once.
inline const pop::SymbolicLoss& exact_loss(Index d, Index N, const NamedLaw& law) {
  static std::map<std::string, std::unique_ptr<pop::SymbolicLoss>> cache;
  const std::string key = fmt::format("{}|{}|{}", d, N, law.law.name);
  auto& slot = cache[key];
  if (!slot) slot = std::make_unique<pop::SymbolicLoss>(pop::one_step_loss(d, N, law.law));
  return *slot;
}

// The O3 loss restricted by fixing some symbols, as coefficients in the remaining one.
inline std::vector<Rational> restrict_to(const pop::SymbolicLoss& L, uint32_t keep,
                                  const std::unordered_map<uint32_t, Rational>& fixed) {
  Poly p;
  for (const auto& [m, c] : L.loss.terms()) {
    Rational coef = c;
    Poly::Monomial kept;
    for (uint32_t e : m) {
      const uint32_t v = Poly::var_of(e);
      if (v == keep) {
        kept.push_back(e);
      } else {
        for (unsigned k = 0; k < Poly::exp_of(e); ++k) coef *= fixed.at(v);
      }
    }
    p.add_term(kept, coef);
  }
  return trimmed(coefficients_in(p, keep));
}

struct Shape {
  Index d, N;
};
inline const std::vector<Shape> kExactShapes{{1, 1}, {2, 3}, {3, 5}, {10, 10}};

// One Monte Carlo point against the formula; `worst_z` and `points` accumulate over the claim.
inline void record_mc(Evidence& ev, const std::string& what, double formula, const pop::Estimate& e, double& worst_z,
                      int& points, Series& series, double x) {
  const double z = std::abs(e.mean - formula) / e.se;
  worst_z = std::max(worst_z, z);
  ++points;
  series.x.push_back(x);
  series.y.push_back(e.mean);
  ev.note(what, fmt::format("MC {:.6f} ± {:.6f} vs formula {:.6f} ({:.2f} SE)", e.mean, e.se, formula, z));
}

// Two parts: the exact O3 polynomials (their disagreement refutes) and Monte Carlo O4 (its disagreement alone, or too
// few tasks for the normal approximation, leaves the claim inconclusive).
inline void conclude_population(Evidence& ev, bool exact_ok, double worst_z, int points, long tasks,
                                const std::string& exact_what) {
  const double sigmas = mc_sigmas(std::max(1, points));
  const bool enough = tasks >= kMcMinTasks, agree = worst_z <= sigmas;
  const Verdict mc = enough && agree ? Verdict::HoldsNumerically : Verdict::Inconclusive;
  ev.part("exact moments (O3)", exact_ok ? Verdict::ProvedExactly : Verdict::Refuted, exact_what);
  ev.part("Monte Carlo (O4)", mc,
          fmt::format("{} tasks per law; worst |z| = {:.2f} over {} points (acceptance {:.2f} SE: family-wise false-alarm "
                      "probability {:g})",
                      tasks, worst_z, points, sigmas, kMcFamilyAlpha));
  if (!exact_ok) {
    ev.verdict = Verdict::Refuted;
    return;
  }
  ev.max_error = 0;
  ev.bound = worst_z;
  ev.bound_label = "MC |z| ≤";
  if (!enough) {
    ev.inconclusive(fmt::format("budget too small for the Monte Carlo part: {} tasks < {}", tasks, kMcMinTasks));
    return;
  }
  if (!agree) {
    ev.inconclusive(fmt::format("Monte Carlo disagrees with the formula by {:.2f} SE (acceptance {:.2f})", worst_z, sigmas));
    return;
  }
  ev.verdict = Verdict::ProvedExactly;
  ev.certificate = fmt::format("{}; Monte Carlo ({} tasks per law) within {:.2f} SE (acceptance {:.2f} SE)", exact_what,
                               tasks, worst_z, sigmas);
}

// The paper reports the GD* loss as "≈ 0.2" at d = N = 10 (tolerances.hpp: one significant digit).
inline Evidence reported_loss(const NamedLaw& law, Defect defect) {
  Evidence ev;
  const auto& L = exact_loss(10, 10, law);
  const auto q = restrict_to(L, L.eta, {{L.ax, 1}, {L.aw, 1}});
  // Minimum of the exact quadratic (O3), not the closed form; the ½ of the loss is the paper's convention.
  Rational minimum = q[0] - q[1] * q[1] / (4 * q[2]);
  if (defect == defects::DropHalf) minimum *= 2;
  const double v = to_double(minimum);
  ev.cases = 1;
  ev.max_error = std::abs(v - kReportedLoss);  // distance to the reported value
  ev.note("exact GD* loss (O3), " + law.law.name, fmt::format("{} ≈ {:.6f}", minimum.str(), v));
  ev.note("reported", "≈ 0.2 (½-MSE, d = N = 10): accepted range [0.15, 0.25) for one significant digit");
  const bool rounds = v >= kReportedLoss - kReportedHalfUnit && v < kReportedLoss + kReportedHalfUnit;
  ev.print({"1-step GD* loss L* (½-MSE, d = N = 10), " + law.law.name, "≈ 0.2", fmt::format("{} ≈ {:.4f}", minimum.str(), v),
            "exact rational", rounds, "one significant digit: agrees when in [0.15, 0.25)"});
  ev.verdict = rounds ? Verdict::ProvedExactly : Verdict::Refuted;
  if (rounds)
    ev.certificate = fmt::format("shown: the exact population GD* loss {} under the stated setting rounds to the printed "
                                 "one-digit value 0.2 (a check of the printed number, not a rerun of the experiment)",
                                 minimum.str());
  else
    ev.counterexample = fmt::format("{}: exact GD* loss {} ≈ {:.4f} does not round to the reported 0.2", law.law.name,
                                    minimum.str(), v);
  return ev;
}

}  // namespace icl::vonoswald2023
