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

// An instance drawn by RapidCheck, so a failing case shrinks to a smallest prompt. The identities hold for any
// data (no separability needed): d ∈ [1, 5], N ∈ [1, 20], small rational entries, steps η_ℓ ∈ [1/8, 9].
struct Instance {
  Mat<Rational> Z;
  Vec<Rational> w0, xq;
  std::vector<Rational> etas;
  std::string shown;
  Index d() const { return Z.rows(); }
  Index N() const { return Z.cols(); }
};

Instance draw_instance(int layers, bool zero_start = false) {
  const int d = check::pick_dim(1, 5), N = check::pick_dim(1, 20);
  check::RcSource src;
  Instance in;
  in.Z = src.matrix(d, N, "z_i (columns)");
  in.w0 = zero_start ? Vec<Rational>(Vec<Rational>::Zero(d)) : Vec<Rational>(src.matrix(d, 1, "w_0").col(0));
  in.xq = src.matrix(d, 1, "x_q").col(0);
  for (int l = 0; l < layers; ++l) in.etas.push_back(src.positive(fmt::format("η_{}", l + 1)));
  in.shown = fmt::format("d = {}, N = {}\n", d, N) + src.instance();
  return in;
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

// Rounding errors scale with the magnitude of the result, so ladders compare |a − b|∞ / max(1, |b|∞) with u·ops.
double mixed_error(const Vec<Mpfr>& computed, const Vec<Mpfr>& reference) {
  const double scale = reference.size() ? std::max(1.0, to_double(Mpfr(reference.cwiseAbs().maxCoeff()))) : 1.0;
  return max_abs_diff(computed, reference) / scale;
}

// Rounding budget of a K-layer run on a prompt of N tokens in d dimensions.
double ops(int layers, Index N, Index d) { return 16.0 * layers * static_cast<double>(N + d); }

}  // namespace

// ---- C1: one K1 layer maps w to w + η Σ_i softmax(−m(w))_i z_i ----
Evidence check_c1(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C1");
  // Arb: every coordinate of layer(w) − NGD step(w) must enclose 0 (checked inside each case, so it shrinks too).
  double arb_radius = 0;
  const auto outcome = check::ladder_property(
      "zhangcao2026/C1", PropertyParams(ev.seed, cfg.cases_or(12)), cfg.bits, "C1 |layer(w) − NGD step(w)| vs precision",
      [&] {
        const Instance in = draw_instance(1);
        {
          PrecisionScope scope(cfg.bits);
          const Ball eta = from_rational<Ball>(in.etas[0]);
          const Mat<Ball> Z = cast_matrix<Ball>(in.Z);
          const auto out = forward(k1<Ball>(in.d(), eta, defect), zc::ngd_prompt<Ball>(Z, vec<Ball>(in.w0), vec<Ball>(in.xq)));
          const Vec<Ball> diff = zc::state(out) - oracle::ngd_step<Ball>(Z, vec<Ball>(in.w0), eta);
          for (Index k = 0; k < diff.size(); ++k) {
            if (!diff(k).contains_zero())
              RC_FAIL(in.shown + fmt::format("Arb at {} bits: coordinate {} of layer(w) − NGD step(w) excludes 0", scope.bits(), k));
            arb_radius = std::max(arb_radius, diff(k).rad());
          }
        }
        return check::LadderCase{in.shown, [in, defect] {
                                   const Mpfr eta = from_rational<Mpfr>(in.etas[0]);
                                   const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
                                   const auto out = forward(k1<Mpfr>(in.d(), eta, defect),
                                                            zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq)));
                                   return mixed_error(zc::state(out), oracle::ngd_step<Mpfr>(Z, vec<Mpfr>(in.w0), eta));
                                 },
                                 ops(1, in.N(), in.d())};
      });
  check::conclude(ev, outcome, "random prompts (d ≤ 5, N ≤ 20, arbitrary w, η), each at four precisions", cfg.bits);
  if (ev.verdict == Verdict::HoldsNumerically) {
    ev.note(fmt::format("Arb at {} bits", cfg.bits), fmt::format("every difference ball contains 0; largest radius {:.3g}", arb_radius));
    ev.certificate =
        fmt::format("Arb enclosures of the difference contain 0 (radius ≤ {:.2g}); MPFR discrepancy falls like 2^-bits", arb_radius);
  }
  ev.cases = outcome.property.successes * 5L;
  ev.seconds = clock.seconds();
  return ev;
}

namespace {

// Runs a stack of one layer per drawn η_ℓ against an oracle iteration from the same start and returns the largest
// state discrepancy over the layers.
template <class Layer, class Step>
double stack_discrepancy(const Instance& in, Layer layer, Step step) {
  const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
  Prompt<Mpfr> p = zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
  Vec<Mpfr> w = vec<Mpfr>(in.w0);
  double worst = 0;
  for (const Rational& eta_k : in.etas) {
    const Mpfr eta = from_rational<Mpfr>(eta_k);
    p = forward(layer(eta), p);
    w = step(Z, w, eta);
    worst = std::max(worst, mixed_error(zc::state(p), w));
  }
  return worst;
}

}  // namespace

// ---- C2: an L-layer stack with per-layer η_ℓ reproduces w_1 … w_L ----
Evidence check_c2(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C2");
  constexpr int L = 12;
  const auto outcome = check::ladder_property(
      "zhangcao2026/C2", PropertyParams(ev.seed, cfg.cases_or(8)), cfg.bits, "C2 max over layers |w_ℓ(stack) − w_ℓ(NGD)|",
      [&] {
        const Instance in = draw_instance(L);
        return check::LadderCase{in.shown, [in, defect] {
                                   return stack_discrepancy(
                                       in, [&](const Mpfr& eta) { return k1<Mpfr>(in.d(), eta, defect); },
                                       [](const Mat<Mpfr>& Z, const Vec<Mpfr>& w, const Mpfr& eta) { return oracle::ngd_step<Mpfr>(Z, w, eta); });
                                 },
                                 ops(L, in.N(), in.d())};
      });
  check::conclude(ev, outcome, fmt::format("random prompts, {} layers with per-layer η_ℓ, arbitrary w_0", L), cfg.bits);
  ev.cases = outcome.property.successes * L * 4L;
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
  const PropertyParams params(ev.seed, cfg.cases_or(8));
  const auto direction = check::ladder_property(
      "zhangcao2026/C3", params, cfg.bits, "C3 |g(w) + ∇L/L| vs precision",
      [&] {
        const Instance in = draw_instance(0);
        return check::LadderCase{in.shown, [in, defect] {
                                   const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
                                   const Vec<Mpfr> w = vec<Mpfr>(in.w0);
                                   Vec<Mpfr> g = oracle::ngd_direction<Mpfr>(Z, w);
                                   if (defect == Defect::WrongBound) g *= Mpfr(in.N()) / Mpfr(in.N() + 1);  // a mis-normalised g
                                   return mixed_error(g, series_direction(Z, w, Mpfr(1)));
                                 },
                                 ops(1, in.N(), in.d())};
      });
  constexpr int T = 10;
  const auto iterates = check::ladder_property(
      "zhangcao2026/C3 iterates", params, cfg.bits, "C3 |NGD(mean L) − NGD(sum L)| after 10 steps",
      [&] {
        const Instance in = draw_instance(T);
        return check::LadderCase{in.shown, [in] {
                                   const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
                                   Vec<Mpfr> a = vec<Mpfr>(in.w0), b = a;
                                   for (const Rational& eta_t : in.etas) {
                                     const Mpfr eta = from_rational<Mpfr>(eta_t);
                                     a += eta * series_direction(Z, a, Mpfr(1));
                                     b += eta * series_direction(Z, b, Mpfr(in.N()));
                                   }
                                   return mixed_error(a, b);
                                 },
                                 ops(T, in.N(), in.d())};
      });
  check::conclude(ev, direction, "g(w) = Σ p_i z_i against −∇L/L from the Taylor series of L (O5)", cfg.bits);
  check::conclude(ev, iterates, "NGD with mean-normalised and with sum-normalised L, 10 steps", cfg.bits);
  ev.cases = (direction.property.successes + iterates.property.successes * T) * 4L;
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
  if (!record_failure(ev, outcome)) {
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
  constexpr int L = 8;
  const auto outcome = check::ladder_property(
      "zhangcao2026/C5", PropertyParams(ev.seed, cfg.cases_or(8)), cfg.bits, "C5 |K4 stack − GD on log(1 + Σ e^{−m})|",
      [&] {
        const Instance in = draw_instance(L);
        return check::LadderCase{in.shown, [in, defect] {
                                   return stack_discrepancy(
                                       in,
                                       [&](const Mpfr& eta) {
                                         SoftmaxLayer<Mpfr> layer = k1<Mpfr>(in.d(), eta, defect);
                                         // the defect drops the state key
                                         layer.keys = defect == Defect::QueryAmongKeys ? KeySet::Context : KeySet::All;
                                         return layer;
                                       },
                                       [](const Mat<Mpfr>& Z, const Vec<Mpfr>& w, const Mpfr& eta) {
                                         return oracle::gd_logloss_step<Mpfr>(Z, w, eta);
                                       });
                                 },
                                 ops(L, in.N(), in.d())};
      });
  check::conclude(ev, outcome, fmt::format("random prompts, {} layers of K4 (key 0 and value 0 for the state token)", L), cfg.bits);
  ev.cases = outcome.property.successes * L * 4L;
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C6: K3 looped from w_0 = 0 gives NGD with step ab, divided by a; the direction depends on ab only ----
namespace {

struct ScaledInstance {
  Instance in;
  Rational a, b, c;  // (a, b) and (c·a, b/c) have the same product
};

ScaledInstance draw_scaled() {
  ScaledInstance s{draw_instance(0, true), 0, 0, 0};
  check::RcSource src;
  s.a = src.positive("a");
  s.b = src.positive("b");
  s.c = src.positive("c");
  s.in.shown += src.instance();
  return s;
}

// K3 with scales (a, b) looped T times from w_0 = 0.
Vec<Mpfr> looped_k3(const Instance& in, const Mpfr& a, const Mpfr& b, int T, Defect defect) {
  SoftmaxLayer<Mpfr> layer = zc::scaled_layer<Mpfr>(in.d(), a, b);
  if (defect == Defect::DropEta) layer.heads[0].P /= b;
  Prompt<Mpfr> p = zc::ngd_prompt<Mpfr>(cast_matrix<Mpfr>(in.Z), vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
  for (int t = 0; t < T; ++t) p = forward(layer, p);
  return zc::state(p);
}

// w/|w|, and 0 for w = 0 (a prompt with z = 0 never moves).
Vec<Mpfr> direction_of(const Vec<Mpfr>& w) {
  const Mpfr n = sqrt(Mpfr(w.squaredNorm()));
  return n == 0 ? w : Vec<Mpfr>(w / n);
}

}  // namespace

Evidence check_c6(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C6");
  constexpr int T = 30;
  const PropertyParams params(ev.seed, cfg.cases_or(6));
  const auto loop = check::ladder_property(
      "zhangcao2026/C6", params, cfg.bits, "C6 |K3^T(0) − NGD_{ab}^T(0)/a|",
      [&] {
        const ScaledInstance s = draw_scaled();
        return check::LadderCase{s.in.shown, [s, defect] {
                                   const Mpfr a = from_rational<Mpfr>(s.a), b = from_rational<Mpfr>(s.b);
                                   const Mat<Mpfr> Z = cast_matrix<Mpfr>(s.in.Z);
                                   Vec<Mpfr> v = Vec<Mpfr>::Zero(s.in.d());
                                   for (int t = 0; t < T; ++t) v = oracle::ngd_step<Mpfr>(Z, v, Mpfr(a * b));
                                   return mixed_error(looped_k3(s.in, a, b, T, defect), Vec<Mpfr>(v / a));
                                 },
                                 ops(T, s.in.N(), s.in.d())};
      });
  const auto direction = check::ladder_property(
      "zhangcao2026/C6 direction", params, cfg.bits, "C6 direction for (a, b) and (ca, b/c)",
      [&] {
        const ScaledInstance s = draw_scaled();
        return check::LadderCase{s.in.shown, [s] {
                                   // c = 2 would scale exactly in binary; a drawn c makes the runs round differently
                                   const Mpfr a = from_rational<Mpfr>(s.a), b = from_rational<Mpfr>(s.b);
                                   const Mpfr ca = from_rational<Mpfr>(s.c * s.a), b_c = from_rational<Mpfr>(s.b / s.c);
                                   return mixed_error(direction_of(looped_k3(s.in, a, b, T, Defect::None)),
                                                      direction_of(looped_k3(s.in, ca, b_c, T, Defect::None)));
                                 },
                                 ops(T, s.in.N(), s.in.d())};
      });
  check::conclude(ev, loop, fmt::format("random prompts, K3 with random (a, b) looped {} times from w_0 = 0", T), cfg.bits);
  check::conclude(ev, direction, "the same with (ca, b/c): equal directions", cfg.bits);
  ev.cases = (loop.property.successes + direction.property.successes * 2L) * T * 4L;
  ev.seconds = clock.seconds();
  return ev;
}

// ---- C18: context columns' S slots never reach the state column ----
Evidence check_c18(const RunConfig& cfg, Defect defect) {
  Stopwatch clock;
  Evidence ev;
  ev.seed = cfg.seed_for("zhangcao2026/C18");
  constexpr int L = 10;
  double context_change = 0;
  const std::vector<int> precisions{cfg.bits / 2, cfg.bits, 4 * cfg.bits};
  const auto outcome = check_property(
      "zhangcao2026/C18",
      [&] {
        const Instance in = draw_instance(L);
        for (int bits : precisions) {
          PrecisionScope scope(bits);
          const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
          const Prompt<Mpfr> start = zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
          Prompt<Mpfr> free = start, masked = start;
          for (int k = 0; k < L; ++k) {
            const auto layer = k1<Mpfr>(in.d(), from_rational<Mpfr>(in.etas[k]), defect);
            free = forward(layer, free);
            masked = forward(layer, masked);
            masked.Z.leftCols(masked.n_context) = start.Z.leftCols(start.n_context);  // context-to-context updates undone
          }
          const double diff = max_abs_diff(zc::state(free), zc::state(masked));
          if (diff != 0)
            RC_FAIL(in.shown + fmt::format("at {} bits, freezing the context changes the state column by {:.3g}", scope.bits(), diff));
          context_change = std::max(
              context_change, to_double(Mpfr((free.Z.leftCols(free.n_context) - start.Z.leftCols(start.n_context)).cwiseAbs().maxCoeff())));
        }
      },
      PropertyParams(ev.seed, cfg.cases_or(8)));
  ev.cases = outcome.successes * 3L;
  ev.note("state column, free vs context-frozen runs",
          fmt::format("{} random prompts × {} layers at {}, {}, {} bits", outcome.successes, L, precisions[0], precisions[1], precisions[2]));
  ev.note("context columns do change", fmt::format("their S slots move by up to {:.3g}", context_change));
  if (outcome.failed()) {
    record_failure(ev, outcome);
  } else if (outcome.passed()) {
    ev.verdict = Verdict::ProvedExactly;
    ev.max_error = 0;
    ev.certificate = "bitwise-identical state columns at every precision: keys and values read only the F slot";
  } else {
    ev.note("property", outcome.description);
  }
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
  for (const Rational& y : {Rational(1), Rational(-1)}) {
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
