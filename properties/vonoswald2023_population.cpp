// von Oswald et al. 2023: population claims C7, C9, C24 and the reported-number claims C28, C29.
// The closed forms of spec §5 are the statements under test; they are written here and nowhere else, and
// compared with O3 (exact moments of O1 run on polynomials), O4 (Monte Carlo of O1) and O5 (least squares
// over every one-layer LSA).
#include <cmath>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "constructions/vonoswald.hpp"
#include "core/stopwatch.hpp"
#include "oracles/population.hpp"
#include "properties/identity.hpp"
#include "properties/vonoswald2023.hpp"

namespace icl::vonoswald2023 {

namespace pop = icl::population;
namespace vo = icl::vonoswald;

namespace {

// A Monte Carlo estimate agrees with a formula when |mean − value| ≤ kMcSigmas·SE. At 5 standard errors a
// correct formula fails a point with probability 5.7e-7 (normal approximation), so a family of ~30 points
// raises a false alarm with probability below 2e-5.
constexpr double kMcSigmas = 5.0;
// Monte Carlo tasks per law (spec O4: ≥ 10^6). `--cases N` sets N tasks, but never fewer than
// kMcMinTasks: below that the normal approximation behind the SE test is not trustworthy.
constexpr long kMcTasks = 1000000, kMcMinTasks = 10000;
long mc_tasks(const RunConfig& cfg) { return std::max<long>(cfg.cases_or(kMcTasks), kMcMinTasks); }

// The laws of spec §2.1: S-paper U(−1,1), S-code U(−1/2,1/2), and Gaussian N(0,1) inputs.
struct NamedLaw {
  pop::InputLaw law;
  Rational sigma2, kappa;  // spec §5: uniform U(−a,a) has σ² = a²/3, κ = 9/5; Gaussian N(0,v) has σ² = v, κ = 3
};
NamedLaw s_paper() { return {pop::uniform_law("S-paper U(−1,1)", 1), rational(1, 3), rational(9, 5)}; }
NamedLaw s_code() { return {pop::uniform_law("S-code U(−1/2,1/2)", rational(1, 2)), rational(1, 12), rational(9, 5)}; }
NamedLaw gaussian() { return {pop::gaussian_law("Gaussian N(0,1)", 1), 1, 3}; }

// Spec §5, one GD step from W_0 = 0, d_y = 1.
struct ClosedForm {
  Index d, N;
  Rational s2, kappa;
  Defect defect = Defect::None;
  ClosedForm(Index d_, Index N_, const NamedLaw& law, Defect defect_)
      : d(d_), N(N_), s2(law.sigma2), kappa(defect_ == Defect::WrongKurtosis ? Rational(3) : law.kappa), defect(defect_) {}
  Rational half() const { return defect == Defect::DropHalf ? Rational(1) : rational(1, 2); }
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

std::vector<Rational> trimmed(std::vector<Rational> c) {
  while (!c.empty() && c.back() == 0) c.pop_back();
  return c;
}

std::string show_poly(const std::vector<Rational>& c, const char* var) {
  std::string s;
  for (size_t k = 0; k < c.size(); ++k) {
    if (c[k] == 0) continue;
    s += (s.empty() ? "" : " + ") + c[k].str() + (k ? fmt::format("·{}^{}", var, k) : "");
  }
  return s.empty() ? "0" : s;
}

// O3 losses are costly at d = N = 10; one process computes each (d, N, law) once.
const pop::SymbolicLoss& exact_loss(Index d, Index N, const NamedLaw& law) {
  static std::map<std::string, std::unique_ptr<pop::SymbolicLoss>> cache;
  const std::string key = fmt::format("{}|{}|{}", d, N, law.law.name);
  auto& slot = cache[key];
  if (!slot) slot = std::make_unique<pop::SymbolicLoss>(pop::one_step_loss(d, N, law.law));
  return *slot;
}

// The O3 loss restricted by fixing some symbols, as coefficients in the remaining one.
std::vector<Rational> restrict_to(const pop::SymbolicLoss& L, uint32_t keep,
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
const std::vector<Shape> kExactShapes{{1, 1}, {2, 3}, {3, 5}, {10, 10}};

void record_mc(Evidence& ev, const std::string& what, double formula, const pop::Estimate& e, double& worst_z,
               bool& agree, Series& series, double x) {
  const double z = std::abs(e.mean - formula) / e.se;
  worst_z = std::max(worst_z, z);
  agree = agree && z <= kMcSigmas;
  series.x.push_back(x);
  series.y.push_back(e.mean);
  ev.note(what, fmt::format("MC {:.6f} ± {:.6f} vs formula {:.6f} ({:.2f} SE)", e.mean, e.se, formula, z));
}

// Exact disagreement refutes; Monte Carlo alone can only leave the claim inconclusive.
void conclude(Evidence& ev, bool exact_ok, bool mc_ok, double worst_z, long tasks, const std::string& exact_what) {
  ev.verdict = !exact_ok ? Verdict::Refuted : mc_ok ? Verdict::ProvedExactly : Verdict::Inconclusive;
  if (!exact_ok) return;
  ev.max_error = 0;
  ev.bound = worst_z;
  ev.bound_label = "MC |z| ≤";
  ev.certificate = fmt::format("{}; Monte Carlo ({} tasks per law) within {:.2f} SE (acceptance {} SE)", exact_what,
                               tasks, worst_z, kMcSigmas);
}

}  // namespace

Evidence check_c7(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("vonoswald2023/C7", "mc");
  bool exact_ok = true;
  for (const NamedLaw& law : {s_paper(), s_code(), gaussian()}) {
    for (const Shape& s : kExactShapes) {
      cfg.report_progress(fmt::format("C7: exact moments {} d={} N={}", law.law.name, s.d, s.N));
      const auto& L = exact_loss(s.d, s.N, law);
      const auto in_eta = restrict_to(L, L.eta, {{L.ax, 1}, {L.aw, 1}});
      const ClosedForm f(s.d, s.N, law, defect);
      ++ev.cases;
      // The exact population loss is the quadratic of the formula; its minimiser and minimum are η*, L*.
      const bool ok = in_eta == trimmed(f.loss_in_eta()) && in_eta.size() == 3 &&
                      -in_eta[1] / (2 * in_eta[2]) == f.eta_star() &&
                      in_eta[0] - in_eta[1] * in_eta[1] / (4 * in_eta[2]) == f.loss_star();
      if (!ok && exact_ok) {
        exact_ok = false;
        ev.counterexample = fmt::format("{}, d={}, N={}: exact population loss {} but the formula gives {}",
                                        law.law.name, s.d, s.N, show_poly(in_eta, "η"),
                                        show_poly(trimmed(f.loss_in_eta()), "η"));
      }
      if (s.d == 10 && s.N == 10)
        ev.note(fmt::format("exact L(η), {}, d=N=10", law.law.name),
                fmt::format("{}; η* = {}, L* = {} ≈ {:.6f}", show_poly(in_eta, "η"), f.eta_star().str(),
                            f.loss_star().str(), to_double(f.loss_star())));
    }
  }
  ev.note("exact shapes (d, N)", "(1,1), (2,3), (3,5), (10,10) under each law: coefficients of L(η), η* and L* equal");

  bool mc_ok = true;
  double worst_z = 0;
  const long tasks = mc_tasks(cfg);
  for (const NamedLaw& law : {s_paper(), s_code(), gaussian()}) {
    const ClosedForm f(10, 10, law, defect);
    const double es = to_double(f.eta_star());
    const std::vector<double> etas{es / 2, es, 1.5 * es};
    std::vector<pop::LossPoint> points;
    for (double e : etas) points.push_back({e, 1, 1});
    cfg.report_progress(fmt::format("C7: Monte Carlo {} ({} tasks)", law.law.name, tasks));
    const auto est = pop::one_step_loss_mc(10, 10, law.law, points, tasks, cfg.seed_for("vonoswald2023/C7", law.law.name));
    Series series{"C7 MC loss vs eta, " + law.law.name, "eta", "population 1/2-loss", {}, {}};
    for (size_t i = 0; i < etas.size(); ++i) {
      const auto c = f.loss_in_eta();
      const double formula = to_double(c[0]) + to_double(c[1]) * etas[i] + to_double(c[2]) * etas[i] * etas[i];
      record_mc(ev, fmt::format("MC {} d=N=10, η = {:.4f}", law.law.name, etas[i]), formula, est[i], worst_z, mc_ok,
                series, etas[i]);
    }
    ev.series.push_back(series);
  }
  ev.cases += 3 * tasks;
  conclude(ev, exact_ok, mc_ok, worst_z, tasks, "exact O3 polynomials in η equal the formula");
  ev.seconds = clock.seconds();
  return ev;
}

Evidence check_c24(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("vonoswald2023/C24", "mc");
  bool exact_ok = true;
  for (const NamedLaw& law : {s_paper(), s_code()}) {
    for (const Shape& s : kExactShapes) {
      cfg.report_progress(fmt::format("C24: exact moments {} d={} N={}", law.law.name, s.d, s.N));
      const auto& L = exact_loss(s.d, s.N, law);
      const ClosedForm f(s.d, s.N, law, defect);
      const auto in_ax = restrict_to(L, L.ax, {{L.eta, f.eta_star()}, {L.aw, 1}});
      const auto in_aw = restrict_to(L, L.aw, {{L.eta, f.eta_star()}, {L.ax, 1}});
      ev.cases += 2;
      const bool ok_input = in_ax == trimmed(f.ood_input_in_alpha());
      const bool ok_teacher = in_aw == trimmed(f.ood_teacher_in_alpha());
      if ((!ok_input || !ok_teacher) && exact_ok) {
        exact_ok = false;
        ev.counterexample =
            !ok_input ? fmt::format("{}, d={}, N={}, inputs scaled by α: exact {} vs formula {}", law.law.name, s.d, s.N,
                                    show_poly(in_ax, "α"), show_poly(trimmed(f.ood_input_in_alpha()), "α"))
                      : fmt::format("{}, d={}, N={}, teacher scaled by α: exact {} vs formula {}", law.law.name, s.d,
                                    s.N, show_poly(in_aw, "α"), show_poly(trimmed(f.ood_teacher_in_alpha()), "α"));
      }
    }
  }
  ev.note("exact", "L(α) at η = η* equals the formula as a polynomial in α (inputs) and α²L* (teacher), "
                   "for (d, N) = (1,1), (2,3), (3,5), (10,10) under S-paper and S-code");
  ev.note("α convention", "α multiplies every input coordinate: U(−a,a) → U(−αa, αa) with a = 1 (S-paper, the paper's "
                          "U(−α,α) axis) or a = 1/2 (S-code, the code's U(−α/2, α/2) axis)");

  bool mc_ok = true;
  double worst_z = 0;
  const long tasks = mc_tasks(cfg);
  const std::vector<double> input_alphas{0.5, 1.4, 2.0}, teacher_alphas{0.5, 2.0, 5.0};
  for (const NamedLaw& law : {s_paper(), s_code()}) {
    const ClosedForm f(10, 10, law, defect);
    const double es = to_double(f.eta_star());
    std::vector<pop::LossPoint> points;
    for (double a : input_alphas) points.push_back({es, a, 1});
    for (double a : teacher_alphas) points.push_back({es, 1, a});
    cfg.report_progress(fmt::format("C24: Monte Carlo {} ({} tasks)", law.law.name, tasks));
    const auto est = pop::one_step_loss_mc(10, 10, law.law, points, tasks, cfg.seed_for("vonoswald2023/C24", law.law.name));
    Series in_series{"C24 MC loss vs input scale, " + law.law.name, "alpha", "population 1/2-loss at eta*", {}, {}};
    Series t_series{"C24 MC loss vs teacher scale, " + law.law.name, "alpha", "population 1/2-loss at eta*", {}, {}};
    auto eval = [](const std::vector<Rational>& c, double a) {
      double v = 0;
      for (size_t k = 0; k < c.size(); ++k) v += to_double(c[k]) * std::pow(a, double(k));
      return v;
    };
    for (size_t i = 0; i < input_alphas.size(); ++i)
      record_mc(ev, fmt::format("MC {} inputs ×{}", law.law.name, input_alphas[i]),
                eval(f.ood_input_in_alpha(), input_alphas[i]), est[i], worst_z, mc_ok, in_series, input_alphas[i]);
    for (size_t i = 0; i < teacher_alphas.size(); ++i)
      record_mc(ev, fmt::format("MC {} teacher ×{}", law.law.name, teacher_alphas[i]),
                eval(f.ood_teacher_in_alpha(), teacher_alphas[i]), est[input_alphas.size() + i], worst_z, mc_ok,
                t_series, teacher_alphas[i]);
    ev.series.push_back(in_series);
    ev.series.push_back(t_series);
  }
  ev.cases += 2 * tasks;
  conclude(ev, exact_ok, mc_ok, worst_z, tasks, "exact O3 polynomials in α equal the formulas");
  ev.seconds = clock.seconds();
  return ev;
}

namespace {

// The paper reports the GD* loss as "≈ 0.2" at d = N = 10: one significant digit, so the claim holds when the
// exact value rounds to 0.2, i.e. lies in [0.15, 0.25).
constexpr double kReported = 0.2, kReportedHalfUnit = 0.05;

Evidence reported_loss(const RunConfig& cfg, const NamedLaw& law, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  const auto& L = exact_loss(10, 10, law);
  const auto q = restrict_to(L, L.eta, {{L.ax, 1}, {L.aw, 1}});
  // Minimum of the exact quadratic (O3), not the closed form; the ½ of the loss is the paper's convention.
  Rational minimum = q[0] - q[1] * q[1] / (4 * q[2]);
  if (defect == Defect::DropHalf) minimum *= 2;
  const double v = to_double(minimum);
  ev.cases = 1;
  ev.max_error = std::abs(v - kReported);  // distance to the reported value
  ev.note("exact GD* loss (O3), " + law.law.name, fmt::format("{} ≈ {:.6f}", minimum.str(), v));
  ev.note("reported", "≈ 0.2 (½-MSE, d = N = 10): accepted range [0.15, 0.25) for one significant digit");
  const bool rounds = v >= kReported - kReportedHalfUnit && v < kReported + kReportedHalfUnit;
  ev.verdict = rounds ? Verdict::ProvedExactly : Verdict::Refuted;
  if (rounds)
    ev.certificate = fmt::format("exact value {} rounds to the reported 0.2", minimum.str());
  else
    ev.counterexample = fmt::format("{}: exact GD* loss {} ≈ {:.4f} does not round to the reported 0.2", law.law.name,
                                    minimum.str(), v);
  ev.seconds = clock.seconds();
  return ev;
}

}  // namespace

Evidence check_c28(const RunConfig& cfg, Defect defect) { return reported_loss(cfg, s_paper(), defect); }
Evidence check_c29(const RunConfig& cfg, Defect defect) { return reported_loss(cfg, s_code(), defect); }

Evidence check_c9(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("vonoswald2023/C9", "realisation");
  const std::vector<Shape> shapes{{1, 1}, {1, 3}, {2, 2}, {2, 4}, {3, 3}};
  bool equal_all = true, one_head_all = true;
  long points = 0;
  for (const NamedLaw& law : {s_paper(), s_code(), gaussian()}) {
    for (const Shape& s : shapes) {
      cfg.report_progress(fmt::format("C9: one-layer optimum {} d={} N={}", law.law.name, s.d, s.N));
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
      check::UniformSource src(cfg.seed_for("vonoswald2023/C9", fmt::format("{}-{}-{}", law.law.name, s.d, s.N)));
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
  ev.seconds = clock.seconds();
  return ev;
}

}  // namespace icl::vonoswald2023
