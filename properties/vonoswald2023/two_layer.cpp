#include "properties/vonoswald2023/two_layer.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include "oracles/gd.hpp"
#include "training/fixture.hpp"

namespace icl::vonoswald2023 {

TrainConfig two_layer_config(long steps, Index N) {
  TrainConfig c;
  c.law.N = N;
  c.layers = 2;
  c.tied = true;
  c.steps = steps;
  return c;
}

std::string two_layer_fixture(long s) { return training::seed_fixture("vonoswald2023/two-layer", s); }

namespace {

const auto two_layer_fixtures = seed_fixture_jobs("vonoswald2023/two-layer", [](const RunConfig& cfg, long s) {
  trained_lsa(two_layer_config(cfg.scaled(kTwoLayerSteps)), training_seed(cfg, s), cfg);
});

// The η minimising ½·mean(η·a + η²·b − y)², a quartic in η: the real roots of its derivative (a cubic), solved by
// bisection between the critical points of the cubic, the best of them kept.
double best_eta(const Vec<double>& a, const Vec<double>& b, const Vec<double>& y, double* loss) {
  const double n = double(y.size());
  // L(η) = c4 η⁴ + c3 η³ + c2 η² + c1 η + c0 (times 1/(2n))
  const double c4 = b.squaredNorm(), c3 = 2 * a.dot(b), c2 = a.squaredNorm() - 2 * b.dot(y), c1 = -2 * a.dot(y),
               c0 = y.squaredNorm();
  const auto L = [&](double e) { return (((c4 * e + c3) * e + c2) * e * e + c1 * e + c0) / (2 * n); };
  const auto dL = [&](double e) { return ((4 * c4 * e + 3 * c3) * e + 2 * c2) * e + c1; };
  // Bracket the roots of dL between ±R (Cauchy's bound) and the roots of its derivative (a quadratic).
  const double lead = 4 * c4, R = 1 + std::max({std::abs(3 * c3), std::abs(2 * c2), std::abs(c1)}) / std::max(lead, 1e-300);
  std::vector<double> knots{-R, R};
  const double qa = 12 * c4, qb = 6 * c3, qc = 2 * c2, disc = qb * qb - 4 * qa * qc;
  if (qa > 0 && disc >= 0) {
    knots.push_back((-qb - std::sqrt(disc)) / (2 * qa));
    knots.push_back((-qb + std::sqrt(disc)) / (2 * qa));
  }
  std::sort(knots.begin(), knots.end());
  double best = 0, best_loss = L(0);
  for (size_t k = 0; k + 1 < knots.size(); ++k) {
    double lo = knots[k], hi = knots[k + 1];
    if ((dL(lo) > 0) == (dL(hi) > 0)) continue;
    for (int it = 0; it < 200; ++it) {
      const double mid = (lo + hi) / 2;
      ((dL(mid) > 0) == (dL(lo) > 0) ? lo : hi) = mid;
    }
    if (L(lo) < best_loss) best = lo, best_loss = L(lo);
  }
  if (loss) *loss = best_loss;
  return best;
}

// a, b of ŷ(η) = η·a + η²·b from the predictions at η = 1 and 2 (ŷ(0) = 0).
void quadratic_in_eta(const Vec<double>& at1, const Vec<double>& at2, Vec<double>& a, Vec<double>& b) {
  b = (at2 - 2 * at1) / 2;
  a = at1 - b;
}

Baseline two_step_gd(const Tasks& t, double eta) {
  const Index B = t.y.size(), d = t.d();
  Baseline out{eta, 0, 0, Vec<double>(B), Mat<double>(d, B)};
  for (Index b = 0; b < B; ++b) {
    const Mat<double> W = oracle::gd<double>(Mat<double>::Zero(1, d), t.X(b), t.Y(b), {eta, eta}).back();
    out.g.col(b) = W.row(0).transpose();
    out.y_hat(b) = W.row(0).dot(t.x_test(b));
  }
  out.loss = 0.5 * (out.y_hat - t.y).squaredNorm() / double(B);
  return out;
}

}  // namespace

GdppMoments gdpp_moments(const Tasks& t) {
  const Index B = t.y.size(), d = t.d();
  GdppMoments out{t.tokens.N, Mat<double>(d, 4 * B), t.x_test_matrix(), t.y};
  for (Index b = 0; b < B; ++b) {
    const Mat<double> X = t.X(b), H = X * X.transpose();
    out.w.col(4 * b) = X * t.Y(b).transpose();
    for (int k = 1; k < 4; ++k) out.w.col(4 * b + k) = H * out.w.col(4 * b + k - 1);
  }
  return out;
}

Mat<double> GdppMoments::models(double eta, double gamma) const {
  const double s = eta / double(N), g2 = gamma * gamma;
  Mat<double> g(w.rows(), y.size());
  for (Index b = 0; b < y.size(); ++b) {
    const auto W = w.middleCols(4 * b, 4);
    g.col(b) = s * (2 * W.col(0) - 2 * gamma * W.col(1) + g2 * W.col(2)) - s * s * (W.col(1) - 2 * gamma * W.col(2) + g2 * W.col(3));
  }
  return g;
}

Mat<double> GdppMoments::moments() const {
  Mat<double> m(4, y.size());
  for (Index b = 0; b < y.size(); ++b) m.col(b) = w.middleCols(4 * b, 4).transpose() * x_test.col(b);
  return m;
}

Vec<double> GdppMoments::predictions(double eta, double gamma) const {
  return models(eta, gamma).cwiseProduct(x_test).colwise().sum().transpose();
}

GdppFit fit_gdpp(const Tasks& t) {
  const GdppMoments mo = gdpp_moments(t);
  // ŷ(η) = η·a + η²·b at fixed γ, a and b per task from the moments m_k = w_kᵀ x_test.
  const Mat<double> m = mo.moments();  // 4 × B
  const double N = double(mo.N);
  const auto at = [&](double gamma, double* eta) {
    const double g2 = gamma * gamma;
    const Vec<double> a = (2 * m.row(0) - 2 * gamma * m.row(1) + g2 * m.row(2)).transpose() / N,
                      b = -(m.row(1) - 2 * gamma * m.row(2) + g2 * m.row(3)).transpose() / (N * N);
    double loss;
    *eta = best_eta(a, b, t.y, &loss);
    return loss;
  };
  // γ·λ_max(XXᵀ) beyond 2 makes the input map expansive; scan up to that on the fitting tasks' largest eigenvalue.
  double lmax = 0;
  for (Index b = 0; b < std::min<Index>(t.y.size(), 256); ++b) {
    const Mat<double> X = t.X(b);
    lmax = std::max(lmax, Eigen::SelfAdjointEigenSolver<Mat<double>>(X * X.transpose()).eigenvalues().maxCoeff());
  }
  const int grid = 16;
  const double hi = 2 / lmax;
  double best_g = 0, eta = 0, best = at(0, &eta);
  for (int k = 1; k <= grid; ++k) {
    double e;
    const double g = hi * k / grid, l = at(g, &e);
    if (l < best) best = l, best_g = g;
  }
  // Golden section on [best − step, best + step], one new evaluation per iteration; 30 shrink it by 0.618³⁰ ≈ 5·10⁻⁷.
  double lo = std::max(0.0, best_g - hi / grid), up = best_g + hi / grid, e;
  const double phi = (std::sqrt(5.0) - 1) / 2;
  double g1 = up - phi * (up - lo), g2 = lo + phi * (up - lo), f1 = at(g1, &e), f2 = at(g2, &e);
  for (int it = 0; it < 30; ++it) {
    if (f1 < f2) {
      up = g2, g2 = g1, f2 = f1;
      g1 = up - phi * (up - lo), f1 = at(g1, &e);
    } else {
      lo = g1, g1 = g2, f1 = f2;
      g2 = lo + phi * (up - lo), f2 = at(g2, &e);
    }
  }
  GdppFit fit;
  fit.gamma = (lo + up) / 2;
  fit.loss = at(fit.gamma, &fit.eta);
  return fit;
}

Baseline gdpp_predictions(const Tasks& t, double eta, double gamma, long steps) {
  const Index B = t.y.size(), d = t.d();
  Baseline out{eta, gamma, 0, Vec<double>(B), Mat<double>(d, B)};
  for (Index b = 0; b < B; ++b) {
    oracle::GdppState<double> s{t.X(b), t.Y(b), Mat<double>(d, d + 1), Mat<double>::Zero(1, d + 1)};
    s.Xt << t.x_test(b), Mat<double>::Identity(d, d);  // ŷ is linear in x_test: the unit columns give ∂ŷ/∂x_test
    for (long k = 0; k < steps; ++k) s = oracle::gdpp_step<double>(s, eta, gamma);
    out.y_hat(b) = -s.rt(0, 0);
    out.g.col(b) = -s.rt.rightCols(d).transpose();
  }
  out.loss = 0.5 * (out.y_hat - t.y).squaredNorm() / double(B);
  return out;
}

const TwoLayerBaselines& two_layer_baselines(const RunConfig& run, const TaskLaw& law) {
  static std::map<std::string, TwoLayerBaselines> cache;
  const std::string key = fmt::format("{} {}", run.seed, law.name());
  if (const auto it = cache.find(key); it != cache.end()) return it->second;
  const Tasks& eval = evaluation_tasks(run, law);
  TwoLayerBaselines out;
  out.L_zero = 0.5 * eval.y.squaredNorm() / double(eval.y.size());
  // 2-step GD: the code's grid η ∈ {0.001 + 0.1k ≤ 25} on the evaluation set, ŷ(η) = η·a + η²·b.
  Vec<double> a, b;
  quadratic_in_eta(two_step_gd(eval, 1).y_hat, two_step_gd(eval, 2).y_hat, a, b);
  out.gd = two_step_gd(eval, grid_line_search([&](double eta) {
                                return 0.5 * (eta * a + eta * eta * b - eval.y).squaredNorm() / double(eval.y.size());
                              }).eta);
  Rng rng(run.seed_for("vonoswald2023/training", "GD++ fitting " + law.name()));
  const GdppFit fit = fit_gdpp(draw_tasks(rng, law, kFitTasks));
  out.gdpp = gdpp_predictions(eval, fit.eta, fit.gamma, 2);
  return cache.emplace(key, std::move(out)).first->second;
}

}  // namespace icl::vonoswald2023
