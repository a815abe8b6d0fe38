// Zhang & Cao family: the bounds B1–B4 along NGD runs from w_0 = 0. γ*, u* come from the exact hard-margin QP;
// every step is checked on an MPFR trajectory and certified in Arb at 4× the precision for as long as the balls
// stay tight (the horizon).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/ball.hpp"
#include "core/context.hpp"
#include "methods/certify.hpp"
#include "methods/ladder.hpp"
#include "oracles/maxmargin.hpp"
#include "oracles/ngd.hpp"
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/prompts.hpp"

namespace icl::zhangcao2026 {

// γ*, u*, R of a prompt in scalar S, from the exact QP solution v*.
template <class S>
struct MarginData {
  Mat<S> Z;
  Vec<S> u;
  S gamma, R;
};

// R² = max_i ‖z_i‖², exactly.
inline Rational max_squared_norm(const Mat<Rational>& Zr) {
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
inline Mpfr min_margin(const Mat<Mpfr>& Z, const Vec<Mpfr>& w) { return (Z.transpose() * w).minCoeff(); }
inline Ball min_margin(const Mat<Ball>& Z, const Vec<Ball>& w) {
  Ball lowest = Z.col(0).dot(w);
  for (Index i = 1; i < Z.cols(); ++i) {
    const Ball mi = Z.col(i).dot(w);
    if (mi.certainly_below(lowest)) lowest = mi;
    else if (!lowest.certainly_below(mi)) lowest = hull(lowest, mi);
  }
  return lowest;
}

inline bool positive(const Mpfr& x) { return x > 0; }
inline bool positive(const Ball& x) { return Ball(0).certainly_below(x); }

template <class S>
S norm(const Vec<S>& v) {
  using std::sqrt;
  return sqrt(S(v.squaredNorm()));
}

inline std::vector<Mat<Rational>> prompts(uint64_t seed, int count, bool sphere, double gamma0) {
  Rng rng(seed);
  std::vector<Mat<Rational>> ps;
  for (int c = 0; c < count; ++c) {
    const Index d = rng.integer(2, 5), n = rng.integer(5, 20);
    ps.push_back(draw_separable(rng, d, n, gamma0, sphere).Z);
  }
  return ps;
}

// A bound along an NGD run from w_0 = 0: at every step, pairs (left, right) that claim left < right.
// Every step is checked on an MPFR trajectory (the working precision) against a rounding tolerance; the steps are certified
// in Arb at 4× the precision from w_0 for as long as the ball radii allow (the horizon). Steps whose relative
// slack is below kTightSlack are the tight ones: the bound is certified when they all lie inside the horizon.

struct RunReport {
  long steps = 0, violations = 0;
  int horizon = 0, last_tight = 0;
  double min_relative_slack = std::numeric_limits<double>::infinity();
  std::string first_violation;
};

template <class Pairs>
RunReport check_run(const Context& ctx, const Mat<Rational>& Zr, const Rational& eta_r, int T, Pairs pairs) {
  RunReport rep;
  const auto qp = oracle::hard_margin_qp(Zr);
  {
    PrecisionScope scope(ctx.bits());
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
        if (rel < kTightSlack) rep.last_tight = t;
        if (rel < -tol) {
          ++rep.violations;
          if (rep.first_violation.empty())
            rep.first_violation = fmt::format("t = {} (d = {}, N = {}): left exceeds right by a relative {:.3g}", t, Zr.rows(), Zr.cols(), -rel);
        }
      }
    }
  }
  {
    PrecisionScope scope(4 * ctx.bits());
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
inline void conclude_runs(Evidence& ev, const std::vector<RunReport>& reps, const std::string& what, int T) {
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
                            steps, reps.size(), T, violations, min_rel, min_horizon, kTightSlack,
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

inline std::string certificate_text(int bits) {
  return fmt::format("every step holds on an MPFR trajectory ({} bits) beyond its rounding tolerance; every step with "
                     "relative slack < {:g} is certified in Arb at {} bits",
                     bits, kTightSlack, 4 * bits);
}

}  // namespace icl::zhangcao2026
