// von Oswald et al. 2023: the numeric parts of C3 (the notebook demo) and C23 (the softmax copy layer).
#include <cmath>

#include <fmt/format.h>

#include "constructions/vonoswald.hpp"
#include "core/ball.hpp"
#include "core/fit.hpp"
#include "core/random.hpp"
#include "core/stopwatch.hpp"
#include "oracles/gd.hpp"
#include "properties/ladder.hpp"
#include "properties/vonoswald2023.hpp"

namespace icl::vonoswald2023 {

namespace vo = icl::vonoswald;

namespace {

// The notebook's demo task (spec C3): d = 12, d_y = 8, N = 45, η = 1, K = 100, W_0 and the teacher with N(0,1)
// entries, x ~ U(−1, 1). Entries are rounded to a 2^-20 grid so the exact run stays small; the identity is
// polynomial in the entries, so the grid does not weaken it.
struct Demo {
  static constexpr int d = 12, dy = 8, N = 45, K = 100;
  Mat<Rational> X, Y, W0, xt;
  std::vector<Rational> etas;
};

Rational on_grid(double v) { return Rational(static_cast<long>(std::llround(v * 1048576.0))) / Rational(1048576); }

Demo make_demo(uint64_t seed) {
  Rng rng(seed);
  Demo t;
  t.X.resize(Demo::d, Demo::N);
  t.xt.resize(Demo::d, 1);
  t.W0.resize(Demo::dy, Demo::d);
  Mat<Rational> teacher(Demo::dy, Demo::d);
  for (Index i = 0; i < t.X.size(); ++i) t.X(i) = on_grid(rng.uniform(-1, 1));
  for (Index i = 0; i < t.xt.size(); ++i) t.xt(i) = on_grid(rng.uniform(-1, 1));
  for (Index i = 0; i < t.W0.size(); ++i) t.W0(i) = on_grid(rng.normal());
  for (Index i = 0; i < teacher.size(); ++i) teacher(i) = on_grid(rng.normal());
  t.Y = teacher * t.X;
  t.etas.assign(Demo::K, Rational(1));
  return t;
}

// Construction tokens and oracle tokens of the demo in scalar S.
template <class S>
std::pair<Mat<S>, Mat<S>> demo_tokens(const Demo& t, Defect defect) {
  const Mat<S> X = cast_matrix<S>(t.X), Y = cast_matrix<S>(t.Y), W0 = cast_matrix<S>(t.W0), xt = cast_matrix<S>(t.xt);
  std::vector<S> etas;
  for (const auto& e : t.etas) etas.push_back(from_rational<S>(e));
  auto stack = vo::gd_stack<S>(W0, etas, Demo::N, vo::PForm::Paper);
  if (defect == Defect::FlipValueSign)
    for (auto& layer : stack) layer.heads[0].WV = -layer.heads[0].WV;
  const Mat<S> constructed = forward(stack, vo::regression_prompt<S>(X, Y, xt, -(W0 * xt))).Z;
  const Mat<S> WK = oracle::gd<S>(W0, X, Y, etas).back();
  Mat<S> expected(Demo::d + Demo::dy, Demo::N + 1);
  expected << X, xt, Y - (WK - W0) * X, -(WK * xt);
  return {constructed, expected};
}

template <class S>
double relative_discrepancy(const std::pair<Mat<S>, Mat<S>>& tokens) {
  double num = 0, den = 0;
  for (Index i = 0; i < tokens.first.size(); ++i) {
    num = std::max(num, std::abs(to_double(S(tokens.first(i) - tokens.second(i)))));
    den = std::max(den, std::abs(to_double(tokens.second(i))));
  }
  return num / den;
}

}  // namespace

bool run_c3_demo(const RunConfig& cfg, Evidence& ev, Defect defect) {
  const Demo t = make_demo(cfg.seed_for("vonoswald2023/C3", "demo"));
  cfg.report_progress("C3 demo: exact K=100 forward pass");
  Stopwatch exact_clock;
  const auto exact = demo_tokens<Rational>(t, defect);
  const double exact_seconds = exact_clock.seconds();
  const bool exact_equal = exact.first == exact.second;
  size_t max_bits = 0;
  for (Index i = 0; i < exact.second.size(); ++i) {
    const auto* q = exact.second(i).backend().data();
    max_bits = std::max(max_bits, mpz_sizeinbase(mpq_numref(q), 2) + mpz_sizeinbase(mpq_denref(q), 2));
  }
  ev.cases += 1;
  ev.note("demo d=12, d_y=8, N=45, η=1, K=100 (exact)",
          fmt::format("{}; {:.2f} s for construction + oracle; largest entry {} bits",
                      exact_equal ? "all 1,180 token entries equal" : "DIFFERENT", exact_seconds, max_bits));

  // Stability fact of the spec: η λ_max(XX^T)/N < 2 keeps GD from diverging on this task.
  {
    const Mat<double> Xd = cast_matrix<double>(t.X);
    const Mat<double> H = Xd * Xd.transpose() / double(Demo::N);
    double lmax = 0;  // power iteration is enough for a reported statistic
    Vec<double> v = Vec<double>::Ones(Demo::d);
    for (int it = 0; it < 200; ++it) {
      v = H * v;
      lmax = v.norm();
      v /= lmax;
    }
    ev.note("demo η·λ_max(XX^T)/N", fmt::format("{:.3f} (< 2: GD contracts)", lmax));
  }

  // Rising precision: the discrepancy between construction and oracle must fall like 2^-bits.
  // Tolerance per precision: u · K · (N + width) · 4 (K layers, each entry a sum over N keys and one
  // width-long product chain, magnitudes relative to the largest entry).
  const double ops = double(Demo::K) * (Demo::N + Demo::d + Demo::dy) * 4;
  bool within = true;
  std::string ladder;
  const check::Ladder l = check::precision_ladder(cfg.bits, "demo discrepancy vs precision", [&] {
    const int bits = static_cast<int>(std::lround(-std::log2(ScalarTraits<Mpfr>::unit_roundoff())));
    cfg.report_progress(fmt::format("C3 demo: MPFR {} bits", bits));
    Stopwatch clock;
    const double disc = relative_discrepancy(demo_tokens<Mpfr>(t, defect));
    const double tol = rounding_tolerance<Mpfr>(ops, 1.0);
    within = within && disc <= tol;
    ladder += fmt::format("{}{} bits: {:.3g} (tol {:.2g}, {:.2f} s)", ladder.empty() ? "" : "; ", bits, disc, tol, clock.seconds());
    return disc;
  }, ops);
  Stopwatch dclock;
  const double ddisc = relative_discrepancy(demo_tokens<double>(t, defect));
  const double dtol = rounding_tolerance<double>(ops, 1.0);
  ev.note("demo MPFR ladder", ladder);
  ev.note("demo double", fmt::format("{:.3g} (tol {:.2g}, {:.3f} s)", ddisc, dtol, dclock.seconds()));
  ev.note("demo log2(discrepancy) per bit", fmt::format("{:.3f} ± {:.3f} (an identity gives −1)", l.fit.slope, l.fit.slope_se));
  ev.series.push_back(l.series);
  ev.series.back().y_label = "max relative discrepancy";
  return exact_equal && within && ddisc <= dtol;
}

namespace {

struct CopyInstance {
  vo::CopyLayout L;
  Mat<Rational> X, y, xt;
};

CopyInstance copy_instance(uint64_t seed) {
  Rng rng(seed);
  CopyInstance c{{3, 5}, Mat<Rational>(3, 5), Mat<Rational>(1, 5), Mat<Rational>(3, 1)};
  auto draw = [&] { return Rational(static_cast<long>(rng.integer(-32, 32))) / Rational(16); };
  for (Index i = 0; i < c.X.size(); ++i) c.X(i) = draw();
  for (Index i = 0; i < c.y.size(); ++i) c.y(i) = draw();
  for (Index i = 0; i < c.xt.size(); ++i) c.xt(i) = draw();
  return c;
}

template <class S>
Prompt<S> softmax_copy(const CopyInstance& c, const S& beta, Defect defect) {
  Head<S> h = vo::copy_head<S>(c.L, beta);
  if (defect == Defect::ShiftBackward) {
    h.WQ.setZero();
    for (Index t = 1; t < c.L.positions(); ++t) h.WQ(t - 1, c.L.content() + t) = beta;
  }
  SoftmaxLayer<S> layer{{h}, S(1), KeySet::All};
  return forward(layer, vo::interleaved_prompt<S>(c.L, cast_matrix<S>(c.X), cast_matrix<S>(c.y),
                                                  cast_matrix<S>(c.xt).col(0), S(0)));
}

// Intended Prop-1 token at x-token k: (x_k, y_k, 0).
template <class S>
Vec<S> intended(const CopyInstance& c, Index k) {
  Vec<S> v = Vec<S>::Zero(c.L.width());
  for (Index i = 0; i < c.L.d; ++i) v(i) = from_rational<S>(c.X(i, k));
  v(c.L.d) = from_rational<S>(c.y(0, k));
  return v;
}

}  // namespace

bool run_c23_softmax(const RunConfig& cfg, Evidence& ev, Defect defect) {
  const CopyInstance c = copy_instance(cfg.seed_for("vonoswald2023/C23", "softmax"));
  const Index n_keys = c.L.tokens();
  // max_s |V e_s|_∞ over the value vectors (label contents and the −1 position entries).
  Rational vmax(1);
  for (Index k = 0; k < c.L.N; ++k) vmax = std::max(vmax, abs(c.y(0, k)));
  const std::vector<long> betas{1, 2, 4, 8, 16, 32, 64};
  bool certified = true;
  double worst_ratio = 0;  // off-target mass / bound (certified upper bound)
  Series err_series{"softmax copy: max token error vs beta", "beta", "max_k |out_k − intended_k|_inf", {}, {}};
  Series bound_series{"softmax copy: bound vs beta", "beta", "2(n_k − 1)e^{−β} max|V e_s|", {}, {}};
  {
    PrecisionScope scope(cfg.bits);
    for (long b : betas) {
      const Ball beta(b);
      const Prompt<Ball> out = softmax_copy<Ball>(c, beta, defect);
      const Ball mass_bound = Ball(n_keys - 1) * exp(-beta);
      const Ball token_bound = Ball(2) * mass_bound * Ball(vmax.backend().data());
      for (Index k = 0; k < c.L.N; ++k) {
        const Index t = c.L.x_token(k);
        const Ball off = out.Z(c.L.content() + t, t);  // positional coordinate t = 1 − a_{t+1,t}
        certified = certified && off.certainly_below(mass_bound);
        worst_ratio = std::max(worst_ratio, (off / mass_bound).upper());
        const Vec<Ball> diff = out.Z.col(t) - intended<Ball>(c, k);
        for (Index i = 0; i < diff.size(); ++i) certified = certified && abs(diff(i)).certainly_below(token_bound);
      }
      bound_series.x.push_back(double(b));
      bound_series.y.push_back(token_bound.mid());
    }
    ev.precision_bits = scope.bits();  // the softmax bound is certified at this precision
    ev.note(fmt::format("softmax, n_k = {} keys, β ∈ {{1,…,64}} (Arb, {} bits)", n_keys, scope.bits()),
            certified ? fmt::format("off-target mass < (n_k − 1)e^(−β) and token error < 2(n_k − 1)e^(−β)·max|V e_s| "
                                    "certified at every β; worst mass/bound {:.6f}",
                                    worst_ratio)
                      : "NOT certified at some β");
  }
  // The error is mathematical, not rounding: the same at every precision, decaying like e^{−β}.
  std::string per_precision;
  for (int bits : {cfg.bits / 2, cfg.bits, 4 * cfg.bits}) {
    if (bits < 53) continue;
    PrecisionScope scope(bits);
    double err_at_64 = 0;
    for (long b : betas) {
      const Prompt<Mpfr> out = softmax_copy<Mpfr>(c, Mpfr(b), defect);
      double err = 0;
      for (Index k = 0; k < c.L.N; ++k) {
        const Vec<Mpfr> diff = out.Z.col(c.L.x_token(k)) - intended<Mpfr>(c, k);
        for (Index i = 0; i < diff.size(); ++i) err = std::max(err, std::abs(to_double(diff(i))));
      }
      if (bits == cfg.bits) {
        err_series.x.push_back(double(b));
        err_series.y.push_back(err);
      }
      if (b == betas.back()) err_at_64 = err;
    }
    per_precision += fmt::format("{}{} bits: {:.4g}", per_precision.empty() ? "" : "; ", scope.bits(), err_at_64);
  }
  std::vector<double> lnerr;
  for (double e : err_series.y) lnerr.push_back(e > 0 ? std::log(e) : NAN);
  const LineFit fit = fit_line(std::vector<double>(err_series.x.begin() + 2, err_series.x.end()),
                               std::vector<double>(lnerr.begin() + 2, lnerr.end()));
  ev.note("softmax token error at β = 64 per precision (MPFR)", per_precision);
  ev.note("softmax ln(error) per unit β, β ≥ 4", fmt::format("{:.4f} (e^(−β) decay gives −1)", fit.slope));
  {
    PrecisionScope scope(cfg.bits);
    const Prompt<Mpfr> out = softmax_copy<Mpfr>(c, Mpfr(64), defect);
    const Index q = c.L.x_token(c.L.N);
    ev.note("softmax query token (no key at t+1)",
            fmt::format("attention is uniform over all {} keys, so the query's label slot becomes {:.4g} and its "
                        "positional code is not cancelled: the bound concerns context x-tokens only",
                        n_keys, to_double(out.Z(c.L.d, q))));
  }
  ev.series.push_back(err_series);
  ev.series.push_back(bound_series);
  return certified;
}

}  // namespace icl::vonoswald2023
