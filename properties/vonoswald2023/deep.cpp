#include "properties/vonoswald2023/deep.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Cholesky>

namespace icl::vonoswald2023 {


namespace {

// The steps for one shape: Dd = d and Nt = N + 1 at compile time (the §2.5 setting) or Eigen::Dynamic.
template <int Dd, int Nt>
Vec<double> gdpp_untied_as(const Tasks& t, const StepParameters& p, bool clip, Mat<double>* jacobian) {
  using Tokens = Eigen::Matrix<double, Dd, Nt>;
  using Row = Eigen::Matrix<double, 1, Nt>;
  using Square = Eigen::Matrix<double, Dd, Dd>;
  using Column = Eigen::Matrix<double, Dd, 1>;
  const Index B = t.y.size(), d = t.d(), N = t.tokens.N, K = p.steps(), P = 2 * K;
  Vec<double> y_hat(B);
  if (jacobian) jacobian->setZero(B, P);
  // Every buffer is allocated once: the Jacobian pass runs up to 2K derivative directions per step per task.
  Tokens X(d, N + 1), HX(d, N + 1), Xn(d, N + 1), dXn(d, N + 1);
  Row r(1, N + 1), uX(1, N + 1), rn(1, N + 1), drn(1, N + 1);
  Square H(d, d), A(d, d), dH(d, d);
  Column u(d), du(d);
  std::vector<Tokens> dX(size_t(jacobian ? P : 0), Tokens(d, N + 1));
  std::vector<Row> dr(size_t(jacobian ? P : 0), Row(1, N + 1));
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
      const auto Xc = X.leftCols(N);
      H.noalias() = Xc * Xc.transpose();
      u.noalias() = Xc * r.leftCols(N).transpose();  // Σ_i r_i x_i
      HX.noalias() = H * X;
      uX.noalias() = u.transpose() * X;
      rn = r - s * uX;
      Xn = X - gamma * HX;
      if (jacobian) {
        // Parameters of steps ≤ k can have moved the state; η_k and γ_k enter this step directly.
        for (Index q = 0; q < P; ++q) {
          if ((q < K ? q : q - K) > k) continue;
          Tokens& dXq = dX[size_t(q)];
          Row& drq = dr[size_t(q)];
          const auto dXc = dXq.leftCols(N);
          A.noalias() = dXc * Xc.transpose();
          dH = A + A.transpose();
          du.noalias() = dXc * r.leftCols(N).transpose();
          du.noalias() += Xc * drq.leftCols(N).transpose();
          drn = drq;
          drn.noalias() -= s * (du.transpose() * X);
          drn.noalias() -= s * (u.transpose() * dXq);
          dXn = dXq;
          dXn.noalias() -= gamma * (dH * X);
          dXn.noalias() -= gamma * (H * dXq);
          if (q == k) drn -= uX / double(N);
          if (q == K + k) dXn -= HX;
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

Vec<double> gdpp_untied(const Tasks& t, const StepParameters& p, bool clip, Mat<double>* jacobian) {
  if (t.d() == 10 && t.tokens.N == 10) return gdpp_untied_as<10, 11>(t, p, clip, jacobian);
  return gdpp_untied_as<Eigen::Dynamic, Eigen::Dynamic>(t, p, clip, jacobian);
}

LineSearch gd_steps_line_search(const Tasks& t, long K, bool clip) {
  // γ = 0: the x's never move, so the Gram matrices XᵀX and Xᵀx_test are formed once per task.
  const Index B = t.y.size(), N = t.tokens.N;
  std::vector<Mat<double>> G(static_cast<size_t>(B));
  Mat<double> q(N, B);
  for (Index b = 0; b < B; ++b) {
    const Mat<double> X = t.X(b);
    G[size_t(b)] = X.transpose() * X;
    q.col(b) = X.transpose() * t.x_test(b);
  }
  const auto clipped = [&](double v) { return clip ? std::clamp(v, -kTokenClip, kTokenClip) : v; };
  Vec<double> r(N), rn(N);
  return grid_line_search([&](double eta) {
    const double s = eta / double(N);
    double loss = 0;
    for (Index b = 0; b < B; ++b) {
      r = t.Y(b).transpose();
      double rt = 0;
      for (long k = 0; k < K; ++k) {
        rt = clipped(rt - s * q.col(b).dot(r));
        rn.noalias() = r - s * (G[size_t(b)] * r);
        for (Index i = 0; i < N; ++i) r(i) = clipped(rn(i));
      }
      loss += 0.5 * (-rt - t.y(b)) * (-rt - t.y(b));
    }
    return loss / double(B);
  });
}

// The fit stops when a step lowers the loss by less than this fraction: far below the sampling error of a loss over
// 4096 tasks (≈ 2% relative) and the 1% a comparison reads.
constexpr double kFitTolerance = 1e-6;

UntiedFit fit_gdpp_untied(const Tasks& t, long K, double eta0, double gamma0, bool clip, int max_iterations) {
  UntiedFit f;
  f.p = {std::vector<double>(size_t(K), eta0), std::vector<double>(size_t(K), gamma0)};
  const auto loss_of = [&](const Vec<double>& y_hat) { return 0.5 * (y_hat - t.y).squaredNorm() / double(t.y.size()); };
  Mat<double> J;
  Vec<double> y_hat = gdpp_untied(t, f.p, clip, &J);
  f.loss = loss_of(y_hat);
  double mu = 1e-3;
  for (f.iterations = 0; f.iterations < max_iterations; ++f.iterations) {
    const Vec<double> e = y_hat - t.y;
    const Mat<double> JtJ = J.transpose() * J;
    const Vec<double> g = J.transpose() * e;
    bool stepped = false;
    for (int tries = 0; tries < 30 && !stepped; ++tries) {
      Mat<double> A = JtJ;
      A.diagonal() += mu * JtJ.diagonal().cwiseMax(1e-12);
      const Vec<double> delta = A.ldlt().solve(-g);
      StepParameters trial = f.p;
      for (long k = 0; k < K; ++k) {
        trial.eta[size_t(k)] += delta(k);
        trial.gamma[size_t(k)] += delta(K + k);
      }
      const Vec<double> yt = gdpp_untied(t, trial, clip);
      const double lt = loss_of(yt);
      if (std::isfinite(lt) && lt < f.loss) {
        const double gain = (f.loss - lt) / f.loss;
        f.p = trial, f.loss = lt, stepped = true;
        y_hat = gdpp_untied(t, f.p, clip, &J);
        mu = std::max(mu / 3, 1e-12);
        if (gain < kFitTolerance) f.converged = true;
      } else {
        mu *= 4;
      }
    }
    if (!stepped) f.converged = true;  // no decrease at any damping: a minimum to working precision
    if (f.converged) break;
  }
  return f;
}

}  // namespace icl::vonoswald2023
