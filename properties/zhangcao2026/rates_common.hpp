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
};

inline std::vector<RatePrompt> rate_prompts(uint64_t seed, int count, Index d = 5, Index N = 20) {
  Rng rng(seed);
  std::vector<RatePrompt> ps;
  for (int c = 0; c < count; ++c) {
    const Mat<Rational> Z = draw_separable(rng, d, N, 0.1).Z;
    const auto qp = oracle::hard_margin_qp(Z);
    const Vec<double> v = cast_matrix<double>(Mat<Rational>(qp.v));
    ps.push_back({cast_matrix<double>(Z), v / v.norm(), 1 / v.norm()});
  }
  return ps;
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

inline Run run(const RatePrompt& p, Rule rule, double eta, long T) {
  Run r;
  Vec<double> w = Vec<double>::Zero(p.Z.rows());
  const auto ts = checkpoints(T);
  size_t next = 0;
  for (long t = 1; t <= T; ++t) {
    w = rule == Rule::NGD  ? oracle::ngd_step<double>(p.Z, w, eta)
        : rule == Rule::GD ? oracle::gd_exp_step<double>(p.Z, w, eta)
                           : oracle::vnorm_step<double>(p.Z, w, eta);
    if (next < ts.size() && t == ts[next]) {
      r.t.push_back(static_cast<double>(t));
      r.gap.push_back(margin_gap(p, w));
      r.err.push_back(direction_error(p, w));
      ++next;
    }
  }
  return r;
}

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


}  // namespace icl::zhangcao2026
