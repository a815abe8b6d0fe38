// Zhang & Cao family: long NGD / GD / V-norm runs in double on separable prompts, with the max-margin direction from
// the exact QP, and the log-log fits of the rates.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/context.hpp"
#include "core/fit.hpp"
#include "oracles/maxmargin.hpp"
#include "oracles/ngd.hpp"
#include "properties/zhangcao2026/prompts.hpp"

namespace icl::zhangcao2026 {

struct RatePrompt {
  Mat<double> Z;
  Vec<double> u;  // u* (from the exact v*)
  double gamma = 0;
  Rational R2;    // max_i ‖z_i‖², exactly
  int active = 0;            // constraints with ⟨v*, z_i⟩ = 1 exactly
  int active_zero_alpha = 0;  // of those, how many carry a zero multiplier in the QP's solution (weak complementarity)
};

// Separable prompts (margin filter 0.1): x ~ N(0, I_d), or on the unit sphere.
inline std::vector<RatePrompt> rate_prompts(uint64_t seed, int count, Index d = 5, Index N = 20, bool sphere = false) {
  Rng rng(seed);
  std::vector<RatePrompt> ps;
  for (int c = 0; c < count; ++c) {
    const Mat<Rational> Z = draw_separable(rng, d, N, 0.1, sphere).Z;
    const auto qp = oracle::hard_margin_qp(Z);
    const Vec<double> v = cast_matrix<double>(Mat<Rational>(qp.v));
    Rational r2(0);
    for (Index i = 0; i < Z.cols(); ++i) r2 = std::max(r2, Rational(Z.col(i).squaredNorm()));
    RatePrompt rp{cast_matrix<double>(Z), v / v.norm(), 1 / v.norm(), r2};
    for (Index i = 0; i < Z.cols(); ++i)
      if (qp.v.dot(Z.col(i)) == 1) {
        ++rp.active;
        rp.active_zero_alpha += qp.alpha[static_cast<size_t>(i)] == 0;
      }
    ps.push_back(std::move(rp));
  }
  return ps;
}

// The rate claims' prompts: inside the step-size condition ηR² < 2 of the analysis (spec §6, §9). x on the unit
// sphere gives R ≈ 1, so η ≤ 1 qualifies; each prompt is checked exactly and counted in the evidence.
inline std::vector<RatePrompt> qualified_prompts(uint64_t seed, int count, double eta, Evidence& ev) {
  std::vector<RatePrompt> out;
  for (auto& p : rate_prompts(seed, count, 5, 20, true)) {
    ++ev.drawn;
    if (exact_rational(eta) * p.R2 < 2) {
      ++ev.qualified;
      out.push_back(std::move(p));
    }
  }
  return out;
}

inline double margin_gap(const RatePrompt& p, const Vec<double>& w) {
  return p.gamma - (p.Z.transpose() * w).minCoeff() / w.norm();
}
inline double direction_error(const RatePrompt& p, const Vec<double>& w) { return (w / w.norm() - p.u).norm(); }

// Checkpoints t = 1, 2, 5, 10, 20, 50, ... up to T.
inline std::vector<long> checkpoints(long T) {
  std::vector<long> ts;
  for (long base = 1; base <= T; base *= 10)
    for (long m : {1, 2, 5})
      if (base * m <= T) ts.push_back(base * m);
  return ts;
}

enum class Rule { NGD, GD, VNorm };

struct Run {
  std::vector<double> t, gap, err;
};

// A run that can be extended: advance_to(T) continues from where it stopped, recording the checkpoints on the way.
class Runner {
 public:
  Runner(const RatePrompt& p, Rule rule, double eta) : p_(p), rule_(rule), eta_(eta), w_(Vec<double>::Zero(p.Z.rows())) {}
  const Run& advance_to(long T) {
    for (; t_ < T;) {
      ++t_;
      w_ = rule_ == Rule::NGD  ? oracle::ngd_step<double>(p_.Z, w_, eta_)
           : rule_ == Rule::GD ? oracle::gd_exp_step<double>(p_.Z, w_, eta_)
                               : oracle::vnorm_step<double>(p_.Z, w_, eta_);
      if (t_ == next_) {
        next_ = next_checkpoint(next_);
        r_.t.push_back(static_cast<double>(t_));
        r_.gap.push_back(margin_gap(p_, w_));
        r_.err.push_back(direction_error(p_, w_));
      }
    }
    return r_;
  }
  long steps() const { return t_; }

 private:
  const RatePrompt& p_;
  Rule rule_;
  double eta_;
  Vec<double> w_;
  long t_ = 0, next_ = 1;
  Run r_;
  // The checkpoint after c in 1, 2, 5, 10, 20, 50, ...
  static long next_checkpoint(long c) {
    long base = 1;
    while (base * 10 <= c) base *= 10;
    return c == base ? 2 * base : c == 2 * base ? 5 * base : 10 * base;
  }
};

inline Run run(const RatePrompt& p, Rule rule, double eta, long T) { return Runner(p, rule, eta).advance_to(T); }

// log-log slope of y against t over t ∈ [lo, hi].
inline LineFit loglog(const std::vector<double>& t, const std::vector<double>& y, double lo, double hi) {
  std::vector<double> lx, ly;
  for (size_t i = 0; i < t.size(); ++i)
    if (t[i] >= lo && t[i] <= hi && y[i] > 0) {
      lx.push_back(std::log(t[i]));
      ly.push_back(std::log(y[i]));
    }
  return fit_line(lx, ly);
}

inline Series series(const std::string& name, const std::string& ylabel, const std::vector<double>& x, const std::vector<double>& y) {
  return Series{name, "t", ylabel, x, y};
}
// A power law t^exponent through the last point of a series (for its figure).
inline Guide through_last(const std::string& label, double exponent, const Series& s) {
  return {label, exponent, s.x.back(), s.y.back()};
}


// A rate is a statement about the asymptotic regime: runs go to the horizon T and then on, decade by decade up to 100·T,
// until the local log-log slope of the series over the last decade agrees with the previous decade's within
// kSlopeSettled. A run that never settles is a transient the budget did not see past (not evidence either way).
struct Settled {
  Run run;
  long horizon = 0;
  bool settled = false;
  double last = 0, previous = 0;  // slopes over the last two decades
};

inline Settled run_until_settled(const RatePrompt& p, Rule rule, double eta, long T, double settled_within,
                                 bool direction_error_series) {
  Runner runner(p, rule, eta);
  Settled out;
  for (long horizon = T; horizon <= 100 * T; horizon *= 10) {
    const Run& r = runner.advance_to(horizon);
    const auto& y = direction_error_series ? r.err : r.gap;
    const double h = static_cast<double>(horizon);
    out.last = loglog(r.t, y, h / 10, h).slope;
    out.previous = loglog(r.t, y, h / 100, h / 10).slope;
    out.horizon = horizon;
    out.run = r;
    if (std::abs(out.last - out.previous) <= settled_within) {
      out.settled = true;
      break;
    }
  }
  return out;
}

// The log-log slope of e(w_t) over the decade after `horizon`. A slope read over an earlier window is a counterexample only
// if it persists there: a slow-down (or speed-up) that ends is a transient the earlier window happened to see.
inline double next_decade_slope(const RatePrompt& p, Rule rule, double eta, long horizon) {
  const Run r = Runner(p, rule, eta).advance_to(10 * horizon);
  return loglog(r.t, r.err, static_cast<double>(horizon), 10.0 * horizon).slope;
}

}  // namespace icl::zhangcao2026
