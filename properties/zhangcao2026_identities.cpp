// Zhang & Cao 2026: the identity claims C1–C6, C18, C19. Softmax makes them transcendental, so they are checked
// in MPFR at rising precision (the discrepancy must fall like 2^-bits), C1 also with Arb balls; C4 and C19 are
// exact in rationals.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "constructions/zhangcao.hpp"
#include "core/ball.hpp"
#include "core/stopwatch.hpp"
#include "oracles/ngd.hpp"
#include "oracles/series.hpp"
#include "properties/identity.hpp"
#include "properties/ladder.hpp"
#include "properties/zhangcao2026.hpp"

namespace icl::zhangcao2026 {

namespace zc = icl::zhangcao;
using check::Ladder;
using check::precision_ladder;

SeparablePrompt draw_separable(Rng& rng, Index d, Index N, double gamma0, bool sphere) {
  SeparablePrompt p;
  p.beta.resize(d);
  for (Index k = 0; k < d; ++k) p.beta(k) = rng.normal();
  p.beta /= p.beta.norm();
  p.Z.resize(d, N);
  const double grid = 4096;
  for (Index i = 0; i < N;) {
    Vec<double> x(d);
    for (Index k = 0; k < d; ++k) x(k) = rng.normal();
    if (sphere) x /= x.norm();
    for (Index k = 0; k < d; ++k) x(k) = std::round(x(k) * grid) / grid;
    const double margin = x.dot(p.beta);
    if (std::abs(margin) < gamma0) continue;
    for (Index k = 0; k < d; ++k)
      p.Z(k, i) = Rational(static_cast<long>(std::lround(x(k) * grid)) * (margin > 0 ? 1 : -1)) / Rational(4096);
    ++i;
  }
  return p;
}

namespace {

// K1 and its broken variants.
template <class S>
SoftmaxLayer<S> k1(Index d, const S& eta, Defect defect) {
  SoftmaxLayer<S> layer = zc::ngd_layer<S>(d, eta, defect == Defect::QueryAmongKeys ? KeySet::All : KeySet::Context);
  Head<S>& h = layer.heads[0];
  if (defect == Defect::FlipScoreSign) h.WQ = -h.WQ;
  if (defect == Defect::DropEta) h.P /= eta;
  if (defect == Defect::ValueReadsState) {  // value z_i + S_i: the correct value plus the key's state slot
    const zc::Layout L{d};
    for (Index k = 0; k < d; ++k) h.WV(k, L.S() + k) = S(1);
  }
  if (defect == Defect::TransposeBlock) {  // score −⟨S_i, F_j⟩: keys read the S slot, queries the F slot
    const zc::Layout L{d};
    Mat<S> K = Mat<S>::Zero(d, L.width()), Q = Mat<S>::Zero(d, L.width());
    for (Index k = 0; k < d; ++k) {
      K(k, L.S() + k) = S(1);
      Q(k, L.F() + k) = S(-1);
    }
    h.WK = K;
    h.WQ = Q;
  }
  return layer;
}

struct Instance {
  Mat<Rational> Z;
  Vec<Rational> w0, xq;
  std::vector<Rational> etas;
};

std::vector<Instance> instances(uint64_t seed, int count, int layers, bool zero_start = false) {
  Rng rng(seed);
  std::vector<Instance> out;
  for (int c = 0; c < count; ++c) {
    const Index d = static_cast<Index>(rng.integer(2, 5)), N = static_cast<Index>(rng.integer(4, 20));
    Instance in{draw_separable(rng, d, N, 0.05).Z, Vec<Rational>(d), Vec<Rational>(d), {}};
    for (Index k = 0; k < d; ++k) {
      in.w0(k) = zero_start ? Rational(0) : Rational(rng.integer(-2048, 2048)) / Rational(1024);
      in.xq(k) = Rational(rng.integer(-1024, 1024)) / Rational(1024);
    }
    for (int l = 0; l < layers; ++l) in.etas.push_back(Rational(rng.integer(1, 100)) / Rational(50));
    out.push_back(std::move(in));
  }
  return out;
}

template <class S>
Vec<S> vec(const Vec<Rational>& v) {
  return Vec<S>(cast_matrix<S>(Mat<Rational>(v)));
}

double max_abs_diff(const Vec<Mpfr>& a, const Vec<Mpfr>& b) {
  double m = 0;
  for (Index k = 0; k < a.size(); ++k) m = std::max(m, std::abs(to_double(Mpfr(a(k) - b(k)))));
  return m;
}

// Records a ladder: holds when it falls like rounding; refuted when the discrepancy stays large.
void conclude(Evidence& ev, const Ladder& l, const std::string& what, int bits) {
  ev.note(what, l.summary());
  ev.series.push_back(l.series);
  ev.precision_bits = bits;
  const double top = l.series.y.empty() ? 0 : l.series.y.back();
  // The evidence's error is the discrepancy at the working precision (the first rung at or above `bits`).
  for (size_t i = 0; i < l.series.x.size(); ++i)
    if (l.series.x[i] >= bits) {
      ev.max_error = std::max(ev.max_error.value_or(0), l.series.y[i]);
      break;
    }
  if (check::identity_holds(l)) {
    if (ev.verdict == Verdict::Inconclusive) ev.verdict = Verdict::HoldsNumerically;
  } else if (top > 1e-6) {
    ev.verdict = Verdict::Refuted;
    if (ev.counterexample.empty()) ev.counterexample = what + ": discrepancy does not fall with precision: " + l.summary();
  } else if (ev.verdict != Verdict::Refuted) {
    ev.verdict = Verdict::Inconclusive;
  }
}

// Rounding budget of a K-layer run on a prompt of N tokens in d dimensions.
double ops(int layers, Index N, Index d) { return 16.0 * layers * static_cast<double>(N + d); }

}  // namespace

// ---- C1: one K1 layer maps w to w + η Σ_i softmax(−m(w))_i z_i ----
Evidence check_c1(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C1");
  const auto ins = instances(ev.seed, cfg.cases_or(12), 1);
  const Ladder l = precision_ladder(cfg.bits, "C1 |layer(w) − NGD step(w)| vs precision", [&] {
    double worst = 0;
    for (const auto& in : ins) {
      const Mpfr eta = from_rational<Mpfr>(in.etas[0]);
      const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
      const auto out = forward(k1<Mpfr>(in.Z.rows(), eta, defect), zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq)));
      worst = std::max(worst, max_abs_diff(zc::state(out), oracle::ngd_step<Mpfr>(Z, vec<Mpfr>(in.w0), eta)));
    }
    return worst;
  }, ops(1, 20, 5), 4.0);
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, l, fmt::format("{} prompts (d ∈ [2,5], N ∈ [4,20], ‖w‖ ≤ 2√d)", ins.size()), cfg.bits);
  // Arb: every coordinate of layer(w) − NGD step(w) encloses 0.
  {
    PrecisionScope scope(cfg.bits);
    bool contains = true;
    double radius = 0;
    for (const auto& in : ins) {
      const Ball eta = from_rational<Ball>(in.etas[0]);
      const Mat<Ball> Z = cast_matrix<Ball>(in.Z);
      const auto out = forward(k1<Ball>(in.Z.rows(), eta, defect), zc::ngd_prompt<Ball>(Z, vec<Ball>(in.w0), vec<Ball>(in.xq)));
      const Vec<Ball> diff = zc::state(out) - oracle::ngd_step<Ball>(Z, vec<Ball>(in.w0), eta);
      for (Index k = 0; k < diff.size(); ++k) {
        contains = contains && diff(k).contains_zero();
        radius = std::max(radius, diff(k).rad());
      }
    }
    ev.note(fmt::format("Arb at {} bits", scope.bits()),
            fmt::format("every difference ball {} 0; largest radius {:.3g}", contains ? "contains" : "does NOT contain", radius));
    if (!contains) {
      ev.verdict = Verdict::Refuted;
      if (ev.counterexample.empty()) ev.counterexample = "an Arb enclosure of layer(w) − NGD step(w) excludes 0";
    } else if (ev.verdict == Verdict::HoldsNumerically) {
      ev.certificate = fmt::format("Arb enclosures of the difference contain 0 (radius ≤ {:.2g}); MPFR discrepancy falls like "
                                   "2^-bits",
                                   radius);
    }
  }
  ev.cases = static_cast<long>(ins.size()) * 5;
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C2: an L-layer stack with per-layer η_ℓ reproduces w_1 … w_L ----
Evidence check_c2(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C2");
  const int L = 12;
  const auto ins = instances(ev.seed, cfg.cases_or(8), L);
  const Ladder l = precision_ladder(cfg.bits, "C2 max over layers |w_ℓ(stack) − w_ℓ(NGD)|", [&] {
    double worst = 0;
    for (const auto& in : ins) {
      const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
      Prompt<Mpfr> p = zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
      Vec<Mpfr> w = vec<Mpfr>(in.w0);
      for (int k = 0; k < L; ++k) {
        const Mpfr eta = from_rational<Mpfr>(in.etas[k]);
        p = forward(k1<Mpfr>(in.Z.rows(), eta, defect), p);
        w = oracle::ngd_step<Mpfr>(Z, w, eta);
        worst = std::max(worst, max_abs_diff(zc::state(p), w));
      }
    }
    return worst;
  }, ops(L, 20, 5), 40.0);
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, l, fmt::format("{} prompts, {} layers with per-layer η_ℓ ∈ (0, 2], arbitrary w_0", ins.size(), L), cfg.bits);
  ev.cases = static_cast<long>(ins.size()) * L * 4;
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C3: g(w) = −∇L(w)/L(w); mean- and sum-normalised L give the same NGD ----
namespace {

// −∇L/L from the Taylor series of L(w + t e_k), L = (scale/N)·Σ_i e^{−m_i} (scale = 1: mean; N: sum).
// Written with the common factor e^{−min m} taken out, which cancels in the ratio.
Vec<Mpfr> series_direction(const Mat<Mpfr>& Z, const Vec<Mpfr>& w, const Mpfr& scale) {
  const Index d = Z.rows(), N = Z.cols();
  Vec<Mpfr> m(N);
  for (Index i = 0; i < N; ++i) m(i) = Z.col(i).dot(w);
  const Mpfr m_min = m.minCoeff();
  Vec<Mpfr> dir(d);
  for (Index k = 0; k < d; ++k) {
    oracle::Taylor<Mpfr> total(1);
    for (Index i = 0; i < N; ++i) {
      oracle::Taylor<Mpfr> s(1);
      s.c[1] = -Z(k, i);  // e^{−m_i(w + t e_k)} = e^{−m_i} e^{−t z_ik}
      oracle::Taylor<Mpfr> e = oracle::expm1_series(s);
      e.c[0] = Mpfr(1);
      total += e.scaled(Mpfr(exp(Mpfr(m_min - m(i)))));
    }
    total = total.scaled(scale / Mpfr(N));
    dir(k) = -total.c[1] / total.c[0];
  }
  return dir;
}

}  // namespace

Evidence check_c3(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C3");
  const auto ins = instances(ev.seed, cfg.cases_or(8), 10);
  const Ladder direction = precision_ladder(cfg.bits, "C3 |g(w) + ∇L/L| vs precision", [&] {
    double worst = 0;
    for (const auto& in : ins) {
      const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
      const Vec<Mpfr> w = vec<Mpfr>(in.w0);
      Vec<Mpfr> g = oracle::ngd_direction<Mpfr>(Z, w);
      if (defect == Defect::WrongBound) g *= Mpfr(in.Z.cols()) / Mpfr(in.Z.cols() + 1);  // a mis-normalised g
      worst = std::max(worst, max_abs_diff(g, series_direction(Z, w, Mpfr(1))));
    }
    return worst;
  }, ops(1, 20, 5), 4.0);
  const Ladder iterates = precision_ladder(cfg.bits, "C3 |NGD(mean L) − NGD(sum L)| after 10 steps", [&] {
    double worst = 0;
    for (const auto& in : ins) {
      const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
      Vec<Mpfr> a = vec<Mpfr>(in.w0), b = a;
      for (int t = 0; t < 10; ++t) {
        const Mpfr eta = from_rational<Mpfr>(in.etas[t]);
        a += eta * series_direction(Z, a, Mpfr(1));
        b += eta * series_direction(Z, b, Mpfr(in.Z.cols()));
      }
      worst = std::max(worst, max_abs_diff(a, b));
    }
    return worst;
  }, ops(10, 20, 5), 40.0);
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, direction, "g(w) = Σ p_i z_i against −∇L/L from the Taylor series of L (O5)", cfg.bits);
  conclude(ev, iterates, "NGD with mean-normalised and with sum-normalised L, 10 steps", cfg.bits);
  ev.cases = static_cast<long>(ins.size()) * 11 * 4;
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C4: from w_0 = 0 the first layer outputs η·(1/N) Σ_i y_i x_i, exactly ----
Evidence check_c4(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C4");
  // At w_0 = 0 every score is 0, so softmax is exactly uniform and the layer runs in exact rationals.
  const auto outcome = check_property(
      "zhangcao2026/C4",
      [&] {
        const int d = check::pick_dim(1, 4), N = check::pick_dim(1, 8);
        check::RcSource src;
        const Mat<Rational> Z = src.matrix(d, N, "z_i = y_i x_i (columns)"), xq = src.matrix(d, 1, "x_q");
        const Rational eta = src.nonzero("η");
        const Prompt<Rational> out =
            forward(k1<Rational>(d, eta, defect), zc::ngd_prompt<Rational>(Z, Vec<Rational>::Zero(d), xq.col(0)));
        const Vec<Rational> expected = eta * Z.rowwise().sum() / Rational(N);
        if (zc::state(out) != expected)
          RC_FAIL(src.instance() + "layer output " + check::show(Mat<Rational>(zc::state(out))) + " ≠ η·mean(z) = " +
                  check::show(Mat<Rational>(expected)));
      },
      PropertyParams(ev.seed, cfg.cases_or(100)));
  ev.cases = outcome.successes;
  ev.max_error = 0;
  if (outcome.failed()) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = outcome.description;
    ev.reproduce = outcome.reproduce;
  } else {
    ev.verdict = outcome.passed() ? Verdict::ProvedExactly : Verdict::Inconclusive;
    ev.certificate = "exact rational forward passes (all scores 0, so exp(0 − 0) = 1 exactly) on every case";
  }
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C5: K4 (the state among the keys) = plain GD on ℓ(w) = log(1 + Σ_i e^{−m_i}) ----
Evidence check_c5(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C5");
  const int L = 8;
  const auto ins = instances(ev.seed, cfg.cases_or(8), L);
  const Ladder l = precision_ladder(cfg.bits, "C5 |K4 stack − GD on log(1 + Σ e^{−m})|", [&] {
    double worst = 0;
    for (const auto& in : ins) {
      const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
      Prompt<Mpfr> p = zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
      Vec<Mpfr> w = vec<Mpfr>(in.w0);
      for (int k = 0; k < L; ++k) {
        const Mpfr eta = from_rational<Mpfr>(in.etas[k]);
        SoftmaxLayer<Mpfr> layer = k1<Mpfr>(in.Z.rows(), eta, defect);
        layer.keys = defect == Defect::QueryAmongKeys ? KeySet::Context : KeySet::All;  // the defect drops the state key
        p = forward(layer, p);
        w = oracle::gd_logloss_step<Mpfr>(Z, w, eta);
        worst = std::max(worst, max_abs_diff(zc::state(p), w));
      }
    }
    return worst;
  }, ops(L, 20, 5), 40.0);
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, l, fmt::format("{} prompts, {} layers of K4 (key 0 and value 0 for the state token)", ins.size(), L), cfg.bits);
  ev.cases = static_cast<long>(ins.size()) * L * 4;
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C6: K3 looped from w_0 = 0 gives NGD with step ab, divided by a; the direction depends on ab only ----
Evidence check_c6(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C6");
  const int T = 30;
  const auto ins = instances(ev.seed, cfg.cases_or(6), 0, true);
  Rng rng(cfg.seed_for("zhangcao2026/C6", "scales"));
  std::vector<std::pair<Rational, Rational>> scales;  // (a, b), and a second pair (a', b') with a'b' = ab
  for (size_t i = 0; i < ins.size(); ++i)
    scales.emplace_back(Rational(rng.integer(1, 40)) / Rational(10), Rational(rng.integer(1, 40)) / Rational(20));
  const Ladder loop = precision_ladder(cfg.bits, "C6 |K3^T(0) − NGD_{ab}^T(0)/a|", [&] {
    double worst = 0;
    for (size_t c = 0; c < ins.size(); ++c) {
      const auto& in = ins[c];
      const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
      const Mpfr a = from_rational<Mpfr>(scales[c].first), b = from_rational<Mpfr>(scales[c].second);
      SoftmaxLayer<Mpfr> layer = zc::scaled_layer<Mpfr>(in.Z.rows(), a, b);
      if (defect == Defect::DropEta) layer.heads[0].P /= b;
      Prompt<Mpfr> p = zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
      Vec<Mpfr> v = Vec<Mpfr>::Zero(in.Z.rows());
      for (int t = 0; t < T; ++t) {
        p = forward(layer, p);
        v = oracle::ngd_step<Mpfr>(Z, v, Mpfr(a * b));
      }
      worst = std::max(worst, max_abs_diff(zc::state(p), Vec<Mpfr>(v / a)));
    }
    return worst;
  }, ops(T, 20, 5), 100.0);
  const Ladder direction = precision_ladder(cfg.bits, "C6 direction for (a, b) and (2a, b/2)", [&] {
    double worst = 0;
    for (size_t c = 0; c < ins.size(); ++c) {
      const auto& in = ins[c];
      const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
      const Mpfr a = from_rational<Mpfr>(scales[c].first), b = from_rational<Mpfr>(scales[c].second);
      Vec<Mpfr> dirs[2];
      for (int which = 0; which < 2; ++which) {
        const SoftmaxLayer<Mpfr> layer =
            which == 0 ? zc::scaled_layer<Mpfr>(in.Z.rows(), a, b) : zc::scaled_layer<Mpfr>(in.Z.rows(), Mpfr(2 * a), Mpfr(b / 2));
        Prompt<Mpfr> p = zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
        for (int t = 0; t < T; ++t) p = forward(layer, p);
        const Vec<Mpfr> w = zc::state(p);
        dirs[which] = w / sqrt(Mpfr(w.squaredNorm()));
      }
      worst = std::max(worst, max_abs_diff(dirs[0], dirs[1]));
    }
    return worst;
  }, ops(T, 20, 5), 10.0);
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, loop, fmt::format("{} prompts, K3 with random (a, b) looped {} times from w_0 = 0", ins.size(), T), cfg.bits);
  conclude(ev, direction, "the same with (2a, b/2): equal directions", cfg.bits);
  ev.cases = static_cast<long>(ins.size()) * T * 3 * 4;
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C18: context columns' S slots never reach the state column ----
Evidence check_c18(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C18");
  const int L = 10;
  const auto ins = instances(ev.seed, cfg.cases_or(8), L);
  double worst = 0, context_change = 0;
  for (int bits : {cfg.bits / 2, cfg.bits, 4 * cfg.bits}) {
    PrecisionScope scope(bits);
    for (const auto& in : ins) {
      const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
      const Prompt<Mpfr> start = zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
      Prompt<Mpfr> free = start, masked = start;
      for (int k = 0; k < L; ++k) {
        const auto layer = k1<Mpfr>(in.Z.rows(), from_rational<Mpfr>(in.etas[k]), defect);
        free = forward(layer, free);
        masked = forward(layer, masked);
        masked.Z.leftCols(masked.n_context) = start.Z.leftCols(start.n_context);  // context-to-context updates undone
      }
      worst = std::max(worst, max_abs_diff(zc::state(free), zc::state(masked)));
      context_change = std::max(context_change, to_double(Mpfr((free.Z.leftCols(free.n_context) - start.Z.leftCols(start.n_context)).cwiseAbs().maxCoeff())));
    }
  }
  ev.cases = static_cast<long>(ins.size()) * 3;
  ev.max_error = worst;
  ev.note("state column, free vs context-frozen runs", fmt::format("max difference {} over {} prompts × {} layers at {}, {}, {} bits",
                                                                   worst, ins.size(), L, cfg.bits / 2, cfg.bits, 4 * cfg.bits));
  ev.note("context columns do change", fmt::format("their S slots move by up to {:.3g}", context_change));
  ev.verdict = worst == 0 ? Verdict::ProvedExactly : Verdict::Refuted;
  if (worst == 0)
    ev.certificate = "bitwise-identical state columns at every precision: keys and values read only the F slot";
  else
    ev.counterexample = fmt::format("freezing the context changes the state column by {:.3g}", worst);
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C19: the ReLU gadget equals y·x for |x| ≤ 2C, and K5 equals K1 after preprocessing ----
Evidence check_c19(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  const Rational C = 2;
  MlpBlock<Rational> gadget = zc::label_gadget<Rational>(1, C);
  if (defect == Defect::WrongBound) gadget.b1.setConstant(-C / 2);  // a gadget built for half the range
  // Proof by linearity on x ∈ [−2C, 2C] for y = ±1: equality at every kink and both ends.
  long points = 0;
  std::string failure;
  for (const Rational y : {Rational(1), Rational(-1)}) {
    std::vector<Rational> cuts{-2 * C, 2 * C};
    for (Index u = 0; u < gadget.W1.rows(); ++u) {
      const Rational kink = -(gadget.W1(u, 1) * y + gadget.b1(u)) / gadget.W1(u, 0);
      if (kink > -2 * C && kink < 2 * C) cuts.push_back(kink);
    }
    for (const Rational& x : cuts) {
      Mat<Rational> h(3, 1);
      h << x, y, 0;
      ++points;
      if (forward(gadget, h)(2, 0) != x * y && failure.empty())
        failure = fmt::format("x = {}, y = {}: gadget gives {} ≠ x·y", x.str(), y.str(), forward(gadget, h)(2, 0).str());
    }
  }
  ev.note("gadget, proof by linearity", fmt::format("{} kinks and ends of [−2C, 2C] (C = 2, boundary |x| = 2C included) "
                                                     "checked exactly for y = ±1", points));
  // K5 = K1 after preprocessing: raw tokens [x_i; y_i] → z_i; the K1 prompts coincide exactly, so the layers agree.
  Rng rng(cfg.seed_for("zhangcao2026/C19"));
  bool same_tokens = true;
  for (int c = 0; c < 20; ++c) {
    const Index d = static_cast<Index>(rng.integer(1, 4)), N = static_cast<Index>(rng.integer(1, 8));
    MlpBlock<Rational> g = zc::label_gadget<Rational>(d, C);
    if (defect == Defect::WrongBound) g.b1.setConstant(-C / 2);
    Mat<Rational> raw = Mat<Rational>::Zero(2 * d + 1, N), z(d, N);
    for (Index i = 0; i < N; ++i) {
      const Rational y = rng.integer(0, 1) ? 1 : -1;
      for (Index k = 0; k < d; ++k) {
        raw(k, i) = Rational(rng.integer(-4096, 4096)) / 1024;  // |x| ≤ 2C = 4, boundary included
        z(k, i) = y * raw(k, i);
      }
      raw(d, i) = y;
    }
    same_tokens = same_tokens && forward(g, raw).bottomRows(d) == z;
    ++points;
  }
  ev.note("K5 preprocessing on 20 random prompts (|x| ≤ 2C)", same_tokens ? "the produced z_i equal y_i x_i exactly, so K5 "
                                                                            "and K1 see identical prompts"
                                                                          : "z_i differ from y_i x_i");
  ev.cases = points;
  ev.max_error = 0;
  if (!failure.empty() || !same_tokens) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = failure.empty() ? "the preprocessed tokens differ from y·x" : failure;
  } else {
    ev.verdict = Verdict::ProvedExactly;
    ev.certificate = "exact at every kink and end of a piecewise-linear identity: a proof on [−2C, 2C] × {±1}";
  }
  ev.seconds = clock.seconds();
  return ev;
}

}  // namespace icl::zhangcao2026
