#include "properties/vonoswald2023/deep.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include <Eigen/Cholesky>

#include "oracles/gd.hpp"

namespace icl::vonoswald2023 {


namespace {

// The steps for one shape: Dd = d and Nt = N + 1 at compile time (the §2.5 setting) or Eigen::Dynamic.
template <int Dd, int Nt>
Vec<double> gdpp_untied_as(const Tasks& t, const StepParameters& p, bool clip, Mat<double>* jacobian, Tying tying) {
  using Tokens = Eigen::Matrix<double, Dd, Nt>;
  using Row = Eigen::Matrix<double, 1, Nt>;
  using Square = Eigen::Matrix<double, Dd, Dd>;
  using Column = Eigen::Matrix<double, Dd, 1>;
  const Index B = t.y.size(), d = t.d(), N = t.tokens.N, K = p.steps();
  // Direction q moves η_k by deta(q, k) and γ_k by dgamma(q, k): per step, e_k; tied, every step at once.
  const Index P = tying == Tying::PerStep ? 2 * K : 2;
  Mat<double> deta = Mat<double>::Zero(P, K), dgamma = Mat<double>::Zero(P, K);
  std::vector<Index> first(static_cast<size_t>(P), 0);  // the first step a direction moves
  for (Index k = 0; k < K; ++k) {
    if (tying == Tying::PerStep) {
      deta(k, k) = dgamma(K + k, k) = 1;
      first[size_t(k)] = first[size_t(K + k)] = k;
    } else {
      deta(0, k) = dgamma(1, k) = 1;
    }
  }
  Vec<double> y_hat(B);
  if (jacobian) jacobian->setZero(B, P);
  // Every buffer is allocated once: the Jacobian pass runs up to P derivative directions per step per task.
  Tokens X(d, N + 1), HX(d, N + 1), Xn(d, N + 1), dXn(d, N + 1);
  Row r(1, N + 1), uX(1, N + 1), rn(1, N + 1), drn(1, N + 1);
  Square H(d, d), A(d, d), dH(d, d);
  Column u(d), du(d);
  std::vector<Tokens> dX(size_t(jacobian ? P : 0), Tokens(d, N + 1));
  std::vector<Row> dr(size_t(jacobian ? P : 0), Row(1, N + 1));
  // The context columns as a block of compile-time width when the shape is fixed (so products stay unrolled).
  const auto context = [&](auto& M) {
    if constexpr (Nt == Eigen::Dynamic) return M.leftCols(N);
    else return M.template leftCols<Nt - 1>();
  };
  const auto clip_entries = [&](auto& z, auto* dz) {
    for (Index i = 0; i < z.size(); ++i)
      if (std::abs(z(i)) > kTokenClip) {
        z(i) = z(i) > 0 ? kTokenClip : -kTokenClip;
        if (dz)
          for (auto& dzq : *dz) dzq(i) = 0;  // no derivative through a clipped entry
      }
  };
  for (Index b = 0; b < B; ++b) {
    X << t.X(b), t.x_test(b);
    r << t.Y(b), 0.0;
    for (auto& m : dX) m.setZero();
    for (auto& m : dr) m.setZero();
    for (Index k = 0; k < K; ++k) {
      const double eta = p.eta[size_t(k)], gamma = p.gamma[size_t(k)], s = eta / double(N);
      const auto Xc = context(X);
      const auto rc = context(r);
      // Products of at most 11 × 11: coefficient-based (lazy) products, which Eigen unrolls; its GEMM path packs.
      H.noalias() = Xc.lazyProduct(Xc.transpose());
      u.noalias() = Xc.lazyProduct(rc.transpose());  // Σ_i r_i x_i
      HX.noalias() = H.lazyProduct(X);
      uX.noalias() = u.transpose().lazyProduct(X);
      rn = r - s * uX;
      Xn = X - gamma * HX;
      if (jacobian) {
        // Directions that moved an earlier step carry through this one; η_k and γ_k enter it directly.
        for (Index q = 0; q < P; ++q) {
          if (first[size_t(q)] > k) continue;
          Tokens& dXq = dX[size_t(q)];
          Row& drq = dr[size_t(q)];
          const auto dXc = context(dXq);
          A.noalias() = dXc.lazyProduct(Xc.transpose());
          dH = A + A.transpose();
          du.noalias() = dXc.lazyProduct(rc.transpose());
          du.noalias() += Xc.lazyProduct(context(drq).transpose());
          drn = drq;
          drn.noalias() -= s * du.transpose().lazyProduct(X);
          drn.noalias() -= s * u.transpose().lazyProduct(dXq);
          dXn = dXq;
          dXn.noalias() -= gamma * dH.lazyProduct(X);
          dXn.noalias() -= gamma * H.lazyProduct(dXq);
          if (deta(q, k) != 0) drn -= deta(q, k) / double(N) * uX;
          if (dgamma(q, k) != 0) dXn -= dgamma(q, k) * HX;
          drq.swap(drn);
          dXq.swap(dXn);
        }
      }
      X.swap(Xn);
      r.swap(rn);
      if (clip) {
        clip_entries(X, jacobian ? &dX : nullptr);
        clip_entries(r, jacobian ? &dr : nullptr);
      }
    }
    y_hat(b) = -r(0, N);
    if (jacobian)
      for (Index q = 0; q < P; ++q) (*jacobian)(b, q) = -dr[size_t(q)](0, N);
  }
  return y_hat;
}

}  // namespace

Vec<double> gdpp_untied(const Tasks& t, const StepParameters& p, bool clip, Mat<double>* jacobian, Tying tying) {
  if (t.d() == 10 && t.tokens.N == 10) return gdpp_untied_as<10, 11>(t, p, clip, jacobian, tying);
  return gdpp_untied_as<Eigen::Dynamic, Eigen::Dynamic>(t, p, clip, jacobian, tying);
}

namespace {

// Ridders' extrapolation of the central differences of a vector function at h0, h0/1.4, …: per entry the estimate and its
// error estimate (Numerical Recipes' dfridr, entrywise).
template <class F>
std::pair<Vec<double>, Vec<double>> ridders(F&& f, double h0) {
  constexpr size_t kStages = 10;
  constexpr double kShrink = 1.4, kSafe = 2;
  const auto quotient = [&](double h) -> Vec<double> { return (f(h) - f(-h)) / (2 * h); };
  std::vector<std::vector<Vec<double>>> a(kStages, std::vector<Vec<double>>(kStages));
  a[0][0] = quotient(h0);
  const Index n = a[0][0].size();
  Vec<double> best = a[0][0], err = Vec<double>::Constant(n, INFINITY);
  std::vector<bool> done(size_t(n), false);
  double h = h0;
  for (size_t i = 1; i < kStages; ++i) {
    h /= kShrink;
    a[0][i] = quotient(h);
    double fac = kShrink * kShrink;
    for (size_t j = 1; j <= i; ++j) {
      a[j][i] = (a[j - 1][i] * fac - a[j - 1][i - 1]) / (fac - 1);
      fac *= kShrink * kShrink;
      for (Index e = 0; e < n; ++e) {
        if (done[size_t(e)]) continue;
        const double errt = std::max(std::abs(a[j][i](e) - a[j - 1][i](e)), std::abs(a[j][i](e) - a[j - 1][i - 1](e)));
        if (errt <= err(e)) err(e) = errt, best(e) = a[j][i](e);
      }
    }
    for (Index e = 0; e < n; ++e)  // the highest order grew worse by a significant factor: this entry is done
      if (std::abs(a[i][i](e) - a[i - 1][i - 1](e)) >= kSafe * err(e)) done[size_t(e)] = true;
  }
  return {best, err};
}

}  // namespace

double jacobian_error(const Tasks& t, const StepParameters& p, bool clip, Tying tying) {
  Mat<double> J;
  gdpp_untied(t, p, clip, &J, tying);
  return jacobian_error(J, t, p, clip, tying);
}

double jacobian_error(const Mat<double>& J, const Tasks& t, const StepParameters& p, bool clip, Tying tying) {
  const long K = p.steps();
  double worst = 0;
  for (Index q = 0; q < J.cols(); ++q) {
    // Direction q: η_q or γ_(q−K) per step; tied, every η (q = 0) or every γ (q = 1).
    const auto moved = [&](double h) {
      StepParameters x = p;
      for (long k = 0; k < K; ++k) {
        const bool eta = tying == Tying::Tied ? q == 0 : q < K;
        if (tying == Tying::PerStep && (q < K ? q : q - K) != k) continue;
        (eta ? x.eta : x.gamma)[size_t(k)] += h;
      }
      return gdpp_untied(t, x, clip);
    };
    const double scale = tying == Tying::Tied ? std::abs(q == 0 ? p.eta[0] : p.gamma[0])
                                              : std::abs(q < K ? p.eta[size_t(q)] : p.gamma[size_t(q - K)]);
    const auto [fd, err] = ridders(moved, 1e-4 * std::max(1.0, scale));
    const Vec<double> excess = ((J.col(q) - fd).cwiseAbs() - err).cwiseMax(0.0);
    worst = std::max(worst, excess.maxCoeff() / std::max(fd.cwiseAbs().maxCoeff(), 1e-12));
  }
  return worst;
}

Vec<double> o2_steps(const Tasks& t, const StepParameters& p) {
  Vec<double> y(t.y.size());
  for (Index b = 0; b < t.y.size(); ++b) {
    oracle::GdppState<double> s{t.X(b), t.Y(b), t.x_test(b), Mat<double>::Zero(1, 1)};
    for (long k = 0; k < p.steps(); ++k) s = oracle::gdpp_step<double>(s, p.eta[size_t(k)], p.gamma[size_t(k)]);
    y(b) = -s.rt(0, 0);
  }
  return y;
}

namespace {

template <int Nn>
LineSearch gd_steps_line_search_as(const Tasks& t, long K, bool clip) {
  using Gram = Eigen::Matrix<double, Nn, Nn>;
  using Column = Eigen::Matrix<double, Nn, 1>;
  // γ = 0: the x's never move, so the Gram matrices XᵀX and Xᵀx_test are formed once per task.
  const Index B = t.y.size(), N = t.tokens.N;
  std::vector<Gram> G(static_cast<size_t>(B));
  std::vector<Column> q(static_cast<size_t>(B)), y(static_cast<size_t>(B));
  for (Index b = 0; b < B; ++b) {
    const Mat<double> X = t.X(b);
    G[size_t(b)] = X.transpose() * X;
    q[size_t(b)] = X.transpose() * t.x_test(b);
    y[size_t(b)] = t.Y(b).transpose();
  }
  const auto clipped = [&](double v) { return clip ? std::clamp(v, -kTokenClip, kTokenClip) : v; };
  Column r(N), rn(N);
  return grid_line_search([&](double eta) {
    const double s = eta / double(N);
    double loss = 0;
    for (Index b = 0; b < B; ++b) {
      r = y[size_t(b)];
      double rt = 0;
      for (long k = 0; k < K; ++k) {
        rt = clipped(rt - s * q[size_t(b)].dot(r));
        rn.noalias() = r - s * G[size_t(b)].lazyProduct(r);
        r = rn.unaryExpr(clipped);
      }
      loss += 0.5 * (-rt - t.y(b)) * (-rt - t.y(b));
    }
    return loss / double(B);
  });
}

}  // namespace

LineSearch gd_steps_line_search(const Tasks& t, long K, bool clip) {
  if (t.tokens.N == 10) return gd_steps_line_search_as<10>(t, K, clip);
  return gd_steps_line_search_as<Eigen::Dynamic>(t, K, clip);
}

// The fit stops when a step lowers the loss by less than this fraction: far below the sampling error of a loss over
// 4096 tasks (≈ 2% relative) and the 1% a comparison reads.
constexpr double kFitTolerance = 1e-6;

namespace {

// Levenberg–Marquardt (Marquardt's diagonal scaling) on ½·mean(ŷ(θ) − y)², from θ; model(θ, J) gives ŷ and, when J is
// not null, ∂ŷ/∂θ.
using Model = std::function<Vec<double>(const Vec<double>&, Mat<double>*)>;
Vec<double> levenberg_marquardt(const Model& model, Vec<double> theta, const Vec<double>& y, int max_iterations,
                                double* loss, int* iterations, bool* converged) {
  const auto loss_of = [&](const Vec<double>& y_hat) { return 0.5 * (y_hat - y).squaredNorm() / double(y.size()); };
  Mat<double> J;
  Vec<double> y_hat = model(theta, &J);
  *loss = loss_of(y_hat);
  *converged = false;
  double mu = 1e-3;
  for (*iterations = 0; *iterations < max_iterations; ++*iterations) {
    const Mat<double> JtJ = J.transpose() * J;
    const Vec<double> g = J.transpose() * (y_hat - y);
    bool stepped = false;
    for (int tries = 0; tries < 30 && !stepped; ++tries) {
      Mat<double> A = JtJ;
      A.diagonal() += mu * JtJ.diagonal().cwiseMax(1e-12);
      const Vec<double> trial = theta + A.ldlt().solve(-g);
      const double lt = loss_of(model(trial, nullptr));
      if (std::isfinite(lt) && lt < *loss) {
        const double gain = (*loss - lt) / *loss;
        theta = trial, *loss = lt, stepped = true;
        y_hat = model(theta, &J);
        mu = std::max(mu / 3, 1e-12);
        if (gain < kFitTolerance) *converged = true;
      } else {
        mu *= 4;
      }
    }
    if (!stepped) *converged = true;  // no decrease at any damping: a minimum to working precision
    if (*converged) break;
  }
  return theta;
}

}  // namespace

namespace {

// Fits on t from theta0: first on its first quarter (a quarter of the work per iteration, most of the way), then on all
// of t from there — the optimum is t's; the first stage only shortens the path to it.
UntiedFit fit(const Tasks& t, const Vec<double>& theta0, const std::function<StepParameters(const Vec<double>&)>& params,
              bool clip, Tying tying, int max_iterations) {
  const auto model_on = [&](const Tasks& on) {
    return Model([&, on_ptr = &on](const Vec<double>& x, Mat<double>* J) { return gdpp_untied(*on_ptr, params(x), clip, J, tying); });
  };
  UntiedFit f;
  int first_iterations = 0;
  bool first_converged = false;
  double first_loss = 0;
  const Tasks quarter = t.first(t.y.size() / 4);
  Vec<double> th = levenberg_marquardt(model_on(quarter), theta0, quarter.y, max_iterations, &first_loss, &first_iterations,
                                       &first_converged);
  th = levenberg_marquardt(model_on(t), th, t.y, max_iterations, &f.loss, &f.iterations, &f.converged);
  f.iterations += first_iterations;
  f.p = params(th);
  return f;
}

}  // namespace

UntiedFit fit_gdpp_untied(const Tasks& t, long K, double eta0, double gamma0, bool clip, int max_iterations) {
  Vec<double> theta0(2 * K);
  theta0 << Vec<double>::Constant(K, eta0), Vec<double>::Constant(K, gamma0);
  return fit(t, theta0, [K](const Vec<double>& th) {
    return StepParameters{std::vector<double>(th.data(), th.data() + K), std::vector<double>(th.data() + K, th.data() + 2 * K)};
  }, clip, Tying::PerStep, max_iterations);
}

UntiedFit fit_gdpp_tied(const Tasks& t, long K, double eta0, double gamma0, bool clip, int max_iterations) {
  return fit(t, (Vec<double>(2) << eta0, gamma0).finished(),
             [K](const Vec<double>& th) { return tied_steps(K, th(0), th(1)); }, clip, Tying::Tied, max_iterations);
}

}  // namespace icl::vonoswald2023

namespace icl::vonoswald2023 {

GdppReading read_gdpp(const LsaModel<double>& m, Index N, Index l) {
  const auto& h = m.block(l).at(0);
  const Mat<double> WKQ = h.WK.transpose() * h.WQ, WPV = h.P * h.WV;
  const Index d = WKQ.rows() - 1;
  const double beta = WKQ.topLeftCorner(d, d).diagonal().mean();
  return {-double(N) * beta * WPV(d, d), -beta * WPV.topLeftCorner(d, d).diagonal().mean()};
}

}  // namespace icl::vonoswald2023
