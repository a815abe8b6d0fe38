// Zhang & Cao 2026: the bounds B1–B4 (C7–C10), the max-margin oracle's sanity (C17) and the range of ‖g‖ (C20).
// γ*, u* come from the exact hard-margin QP; the NGD iterates are run in Arb so that every comparison encloses
// the exact iterate.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/ball.hpp"
#include "core/stopwatch.hpp"
#include "oracles/maxmargin.hpp"
#include "oracles/ngd.hpp"
#include "properties/certify.hpp"
#include "properties/identity.hpp"
#include "properties/ladder.hpp"
#include "properties/zhangcao2026.hpp"

namespace icl::zhangcao2026 {

namespace {

// γ*, u*, R of a prompt in scalar S, from the exact QP solution v*.
template <class S>
struct MarginData {
  Mat<S> Z;
  Vec<S> u;
  S gamma, R;
};

// R² = max_i ‖z_i‖², exactly.
Rational max_squared_norm(const Mat<Rational>& Zr) {
  Rational r2(0);
  for (Index i = 0; i < Zr.cols(); ++i) r2 = std::max(r2, Rational(Zr.col(i).squaredNorm()));
  return r2;
}

template <class S>
MarginData<S> margin_data(const oracle::HardMargin& qp, const Mat<Rational>& Zr) {
  using std::sqrt;
  MarginData<S> m;
  m.Z = cast_matrix<S>(Zr);
  const S norm = sqrt(from_rational<S>(qp.v.squaredNorm()));
  m.gamma = S(1) / norm;
  m.u = Vec<S>(cast_matrix<S>(Mat<Rational>(qp.v))) / norm;
  m.R = sqrt(from_rational<S>(max_squared_norm(Zr)));
  return m;
}

// The smallest margin min_i ⟨w, z_i⟩, as an enclosure for balls.
Mpfr min_margin(const Mat<Mpfr>& Z, const Vec<Mpfr>& w) { return (Z.transpose() * w).minCoeff(); }
Ball min_margin(const Mat<Ball>& Z, const Vec<Ball>& w) {
  Ball lowest = Z.col(0).dot(w);
  for (Index i = 1; i < Z.cols(); ++i) {
    const Ball mi = Z.col(i).dot(w);
    if (mi.certainly_below(lowest)) lowest = mi;
    else if (!lowest.certainly_below(mi)) lowest = hull(lowest, mi);
  }
  return lowest;
}

bool positive(const Mpfr& x) { return x > 0; }
bool positive(const Ball& x) { return Ball(0).certainly_below(x); }

template <class S>
S norm(const Vec<S>& v) {
  using std::sqrt;
  return sqrt(S(v.squaredNorm()));
}

std::vector<Mat<Rational>> prompts(uint64_t seed, int count, bool sphere, double gamma0) {
  Rng rng(seed);
  std::vector<Mat<Rational>> ps;
  for (int c = 0; c < count; ++c)
    ps.push_back(draw_separable(rng, static_cast<Index>(rng.integer(2, 5)), static_cast<Index>(rng.integer(5, 20)), gamma0, sphere).Z);
  return ps;
}

// A bound along an NGD run from w_0 = 0: at every step, pairs (left, right) that claim left < right.
// Every step is checked on an MPFR trajectory (cfg.bits) against a rounding tolerance; the steps are certified
// in Arb at 4× the precision from w_0 for as long as the ball radii allow (the horizon). Steps whose relative
// slack is below kTight are the tight ones: the bound is certified when they all lie inside the horizon.
constexpr double kTight = 1e-3;

struct RunReport {
  long steps = 0, violations = 0;
  int horizon = 0, last_tight = 0;
  double min_relative_slack = std::numeric_limits<double>::infinity();
  std::string first_violation;
};

template <class Pairs>
RunReport check_run(const RunConfig& cfg, const Mat<Rational>& Zr, const Rational& eta_r, int T, Pairs pairs) {
  RunReport rep;
  const auto qp = oracle::hard_margin_qp(Zr);
  {
    PrecisionScope scope(cfg.bits);
    const MarginData<Mpfr> m = margin_data<Mpfr>(qp, Zr);
    const Mpfr eta = from_rational<Mpfr>(eta_r);
    const double tol = rounding_tolerance<Mpfr>(16.0 * T * static_cast<double>(Zr.size()), 1.0);
    Vec<Mpfr> w = Vec<Mpfr>::Zero(Zr.rows());
    for (int t = 1; t <= T; ++t) {
      const Vec<Mpfr> prev = w;
      w = oracle::ngd_step<Mpfr>(m.Z, w, eta);
      for (const auto& [left, right] : pairs(t, w, prev, m, eta)) {
        ++rep.steps;
        const double rel = to_double(Mpfr((right - left) / abs(right)));
        rep.min_relative_slack = std::min(rep.min_relative_slack, rel);
        if (rel < kTight) rep.last_tight = t;
        if (rel < -tol) {
          ++rep.violations;
          if (rep.first_violation.empty())
            rep.first_violation = fmt::format("t = {} (d = {}, N = {}): left exceeds right by a relative {:.3g}", t, Zr.rows(), Zr.cols(), -rel);
        }
      }
    }
  }
  {
    PrecisionScope scope(4 * cfg.bits);
    const MarginData<Ball> m = margin_data<Ball>(qp, Zr);
    const Ball eta = from_rational<Ball>(eta_r);
    Vec<Ball> w = Vec<Ball>::Zero(Zr.rows());
    for (int t = 1; t <= T; ++t) {
      const Vec<Ball> prev = w;
      w = oracle::ngd_step<Ball>(m.Z, w, eta);
      bool all = true;
      for (const auto& [left, right] : pairs(t, w, prev, m, eta)) {
        if (right.certainly_below(left)) {
          ++rep.violations;
          if (rep.first_violation.empty()) rep.first_violation = fmt::format("t = {}: certified violation in Arb", t);
        }
        all = all && left.certainly_below(right);
      }
      if (!all) break;
      rep.horizon = t;
    }
  }
  return rep;
}

// Aggregates run reports into the evidence.
void conclude_runs(Evidence& ev, const std::vector<RunReport>& reps, const std::string& what, int T) {
  long steps = 0, violations = 0;
  int min_horizon = T, last_tight = 0;
  double min_rel = std::numeric_limits<double>::infinity();
  std::string violation;
  for (const auto& r : reps) {
    steps += r.steps;
    violations += r.violations;
    min_horizon = std::min(min_horizon, r.horizon);
    last_tight = std::max(last_tight, r.last_tight);
    min_rel = std::min(min_rel, r.min_relative_slack);
    if (violation.empty()) violation = r.first_violation;
  }
  bool tight_inside = true;
  for (const auto& r : reps) tight_inside = tight_inside && r.last_tight <= r.horizon;
  ev.cases += steps;
  ev.note(what, fmt::format("{} comparisons over {} runs of {} steps: {} violations; smallest relative slack {:.3g}; Arb "
                            "certifies every step up to t = {} (all runs); tight steps (slack < {:g}) {}",
                            steps, reps.size(), T, violations, min_rel, min_horizon, kTight,
                            last_tight == 0 ? "none" : fmt::format("up to t = {}, {}", last_tight, tight_inside ? "all certified" : "NOT all certified")));
  if (violations > 0) {
    ev.verdict = Verdict::Refuted;
    if (ev.counterexample.empty()) ev.counterexample = violation;
  } else if (ev.verdict != Verdict::Refuted) {
    const Verdict v = tight_inside ? Verdict::Certified : Verdict::HoldsNumerically;
    if (ev.verdict == Verdict::Inconclusive || v == Verdict::HoldsNumerically) ev.verdict = v;
  }
  if (!ev.bound || min_rel < *ev.bound) {
    ev.bound = min_rel;
    ev.bound_label = "min relative slack";
  }
}

std::string certificate_text(int bits) {
  return fmt::format("every step holds on an MPFR trajectory ({} bits) beyond its rounding tolerance; every step with "
                     "relative slack < {:g} is certified in Arb at {} bits",
                     bits, kTight, 4 * bits);
}

}  // namespace

// ---- C7 (B1): w_t = Σ_i c_i z_i with c_i ≥ 0 and Σ_i c_i = ηt ----
Evidence check_c7(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C7");
  const auto ps = prompts(ev.seed, cfg.cases_or(6), false, 0.1);
  const int T = 40;
  double min_c = 1e300;
  const check::Ladder recon = check::precision_ladder(cfg.bits, "C7 |Z c_t − w_t(NGD)| and |Σc − ηt|", [&] {
    double worst = 0;
    for (const auto& Zr : ps) {
      const Mat<Mpfr> Z = cast_matrix<Mpfr>(Zr);
      const Mpfr eta(0.7);
      Vec<Mpfr> c = Vec<Mpfr>::Zero(Zr.cols()), w = Vec<Mpfr>::Zero(Zr.rows());
      for (int t = 1; t <= T; ++t) {
        c = oracle::cone_step<Mpfr>(Z, c, eta);
        w = oracle::ngd_step<Mpfr>(Z, w, eta);
        const Mpfr target = (defect == Defect::WrongBound ? 2 : 1) * eta * t;
        worst = std::max({worst, to_double(Mpfr((Z * c - w).cwiseAbs().maxCoeff())), std::abs(to_double(Mpfr(c.sum() - target)))});
        min_c = std::min(min_c, to_double(c.minCoeff()));
      }
    }
    return worst;
  }, 16.0 * T * 25);
  ev.note("c_i > 0", fmt::format("smallest coefficient {:.3g} (softmax weights are positive)", min_c));
  ev.note("reconstruction and coefficient sum", recon.summary());
  ev.series.push_back(recon.series);
  ev.precision_bits = cfg.bits;
  ev.cases = static_cast<long>(ps.size()) * T * 4;
  for (size_t i = 0; i < recon.series.x.size(); ++i)
    if (recon.series.x[i] >= cfg.bits) {
      ev.max_error = recon.series.y[i];  // at the working precision
      break;
    }
  ev.verdict = check::identity_holds(recon) && min_c > 0 ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (ev.verdict == Verdict::Refuted) ev.counterexample = "the cone tracker disagrees with NGD or Σc ≠ ηt: " + recon.summary();
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C8 (B2): ηγ*t ≤ ⟨u*, w_t⟩ ≤ ‖w_t‖ ≤ ηRt ----
Evidence check_c8(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C8");
  ev.precision_bits = cfg.bits;
  Rng rng(cfg.seed_for("zhangcao2026/C8", "eta"));
  const int T = 150;
  std::vector<RunReport> reps;
  for (const auto& Zr : prompts(ev.seed, cfg.cases_or(4), false, 0.1)) {
    const Rational eta = Rational(rng.integer(1, 40)) / 20;
    reps.push_back(check_run(cfg, Zr, eta, T, [&](int t, const auto& w, const auto&, const auto& m, const auto& e) {
      using S = typename std::decay_t<decltype(w)>::Scalar;
      const S factor(defect == Defect::WrongBound ? 2 : 1);
      const S along = w.dot(m.u), length = norm(w);
      return std::vector<std::pair<S, S>>{{factor * e * m.gamma * S(t), along}, {along, length}, {length, e * m.R * S(t)}};
    }));
  }
  ev.verdict = Verdict::Inconclusive;
  conclude_runs(ev, reps, "ηγ*t < ⟨u*, w_t⟩ < ‖w_t‖ < ηRt (NGD from w_0 = 0, η ∈ (0, 2])", T);
  if (ev.verdict == Verdict::Certified) ev.certificate = certificate_text(cfg.bits);
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C9 (B3): L(w_t) ≤ exp(−ηAγ*² t), L strictly decreasing (ηR² < 2, A = 1 − ηR²/2) ----
Evidence check_c9(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C9");
  ev.precision_bits = cfg.bits;
  Rng rng(cfg.seed_for("zhangcao2026/C9", "eta"));
  const int T = 150;
  std::vector<RunReport> reps;
  for (const auto& Zr : prompts(ev.seed, cfg.cases_or(4), false, 0.1)) {
    const Rational r2 = max_squared_norm(Zr);
    const Rational eta = Rational(rng.integer(2, 19)) / 20 * 2 / r2;  // ηR² ∈ [0.2, 1.9]
    reps.push_back(check_run(cfg, Zr, eta, T, [&](int t, const auto& w, const auto& prev, const auto& m, const auto& e) {
      using S = typename std::decay_t<decltype(w)>::Scalar;
      using std::exp;
      const S A = S(1) - e * m.R * m.R / S(2);
      const S exponent = S(defect == Defect::WrongBound ? 2 : 1) * e * A * m.gamma * m.gamma;
      const S L = oracle::exp_loss<S>(m.Z, w), L_prev = t == 1 ? S(1) : oracle::exp_loss<S>(m.Z, prev);
      return std::vector<std::pair<S, S>>{{L, S(exp(S(-exponent * S(t))))}, {L, L_prev}};
    }));
  }
  ev.verdict = Verdict::Inconclusive;
  conclude_runs(ev, reps, "L(w_t) < exp(−ηAγ*² t) and L(w_t) < L(w_{t−1}) (ηR² ∈ [0.2, 1.9])", T);
  if (ev.verdict == Verdict::Certified) ev.certificate = certificate_text(cfg.bits);
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C10 (B4): γ(w_t) ≥ Aγ* − ln N/(ηγ*t) where the right side is ≥ 0 ----
Evidence check_c10(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C10");
  ev.precision_bits = cfg.bits;
  Rng rng(cfg.seed_for("zhangcao2026/C10", "eta"));
  const int T = 400;
  std::vector<RunReport> reps;
  long defined = 0;
  // Unit-sphere inputs with margin ≥ 0.3 and ηR² ∈ [1, 1.9], so that the bound is defined within the run.
  for (const auto& Zr : prompts(ev.seed, cfg.cases_or(4), true, 0.3)) {
    const Rational r2 = max_squared_norm(Zr);
    const Rational eta = Rational(rng.integer(10, 19)) / 20 * 2 / r2;
    reps.push_back(check_run(cfg, Zr, eta, T, [&](int t, const auto& w, const auto&, const auto& m, const auto& e) {
      using S = typename std::decay_t<decltype(w)>::Scalar;
      using std::log;
      const S A = S(1) - e * m.R * m.R / S(2);
      // Broken variant: 2γ* in place of Aγ* (impossible, since γ(w_t) ≤ γ*).
      const S lead = defect == Defect::WrongBound ? S(S(2) * m.gamma) : S(A * m.gamma);
      const S right = lead - log(S(m.Z.cols())) / (e * m.gamma * S(t));
      std::vector<std::pair<S, S>> out;
      if (positive(right)) out.push_back({right, S(min_margin(m.Z, w) / norm(w))});
      return out;
    }));
    defined += reps.back().steps;
  }
  ev.verdict = Verdict::Inconclusive;
  conclude_runs(ev, reps, "γ(w_t) > Aγ* − ln N/(ηγ* t) at the steps where the right side is positive", T);
  if (defined == 0) {
    ev.verdict = Verdict::Inconclusive;
    ev.note("coverage", "the right side never became positive");
  }
  if (ev.verdict == Verdict::Certified) ev.certificate = certificate_text(cfg.bits);
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C17: min_i ⟨u*, z_i⟩ = γ*; KKT of the QP; the exact and the iterative solver agree ----
Evidence check_c17(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C17");
  bool kkt = true, margin_one = true;
  double worst_agreement = 0;
  std::string report;
  const auto ps = prompts(ev.seed, cfg.cases_or(8), false, 0.1);
  for (const auto& Z : ps) {
    const auto qp = oracle::hard_margin_qp(Z);
    kkt = kkt && qp.kkt;
    Rational smallest = qp.v.dot(Z.col(0));
    for (Index i = 1; i < Z.cols(); ++i) smallest = std::min(smallest, Rational(qp.v.dot(Z.col(i))));
    if (defect == Defect::WrongBound) smallest *= 2;
    margin_one = margin_one && smallest == 1;  // min_i ⟨v*, z_i⟩ = 1, i.e. min_i ⟨u*, z_i⟩ = γ*
    const Vec<double> dual = oracle::dual_coordinate_ascent<double>(cast_matrix<double>(Z), 20000);
    const Vec<double> exact = cast_matrix<double>(Mat<Rational>(qp.v));
    worst_agreement = std::max(worst_agreement, (dual - exact).norm() / exact.norm());
    if (report.empty()) report = qp.kkt_report + fmt::format("; {} support vectors", qp.support);
    ev.cases += 3;
  }
  ev.note("KKT (first prompt)", report);
  ev.note("all prompts", fmt::format("KKT exact: {}; min_i ⟨v*, z_i⟩ = 1 exactly: {}; dual coordinate ascent (20000 sweeps, "
                                     "double) vs the exact v*: max relative difference {:.2e}",
                                     kkt ? "yes" : "NO", margin_one ? "yes" : "NO", worst_agreement));
  ev.max_error = worst_agreement;
  ev.verdict = kkt && margin_one && worst_agreement < 1e-8 ? Verdict::ProvedExactly : Verdict::Refuted;
  if (ev.verdict == Verdict::ProvedExactly) ev.certificate = "exact rational KKT and margins; iterative solver agrees";
  else ev.counterexample = "KKT, the unit margin or the solver agreement fails; see details";
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C20: γ* ≤ ‖g(w)‖ ≤ R for every w ----
Evidence check_c20(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  PrecisionScope precision(cfg.bits);
  ev.precision_bits = precision.bits();
  ev.seed = cfg.seed_for("zhangcao2026/C20");
  check::Comparisons lower, upper;
  Rng rng(cfg.seed_for("zhangcao2026/C20", "w"));
  // For large ‖w‖ the softmax concentrates on one z_i and ‖g‖ → ‖z_i‖ (equal to R when z_i is the longest):
  // agreement to 2^(−p/2) there is reported as tight.
  const double tie = std::ldexp(1.0, -precision.bits() / 2);
  for (const auto& Zr : prompts(ev.seed, cfg.cases_or(6), false, 0.1)) {
    const auto qp = oracle::hard_margin_qp(Zr);
    const MarginData<Ball> m = margin_data<Ball>(qp, Zr);
    for (int s = 0; s < 20; ++s) {
      Vec<Ball> w(Zr.rows());
      const double scale = std::pow(10.0, static_cast<double>(rng.integer(-2, 2)));
      for (Index k = 0; k < w.size(); ++k) w(k) = Ball(rng.normal() * scale);
      const Ball g = norm(oracle::ngd_direction<Ball>(m.Z, w));
      const Ball R = defect == Defect::WrongBound ? Ball(m.R / Ball(2)) : m.R;
      lower.add(m.gamma, g, "‖g(w)‖ < γ*", scale >= 100, tie);
      upper.add(g, R, "‖g(w)‖ > R", scale >= 100, tie);
    }
  }
  ev.verdict = Verdict::Inconclusive;
  check::conclude(ev, lower, "γ* < ‖g(w)‖ (random w, scales 10^-2 … 10^2)");
  check::conclude(ev, upper, "‖g(w)‖ < R");
  ev.seconds = clock.seconds();
  return ev;
}

}  // namespace icl::zhangcao2026
