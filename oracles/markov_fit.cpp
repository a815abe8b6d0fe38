#include "oracles/markov_fit.hpp"

#include <cmath>

#include <Eigen/Cholesky>

#include "core/random.hpp"

namespace icl::markov {

namespace {

struct Residual {
  Vec<double> r;
  Mat<double> J;
};

// Levenberg–Marquardt from θ0 until the step stops reducing ‖r‖² (relative change below 4ε over 20 attempts).
Vec<double> levenberg_marquardt(const Mat<double>& Lt, const Vec<double>& X_star, const FeatureMap& phi,
                                Vec<double> theta) {
  auto residual = [&](const Vec<double>& t, bool with_jacobian) {
    Residual out;
    Mat<double> J;
    out.r = Lt * (phi(t, with_jacobian ? &J : nullptr) - X_star);
    if (with_jacobian) out.J = Lt * J;
    return out;
  };
  Residual cur = residual(theta, true);
  double mu = 1e-3 * (cur.J.transpose() * cur.J).diagonal().maxCoeff() + 1e-300;
  const double eps = std::numeric_limits<double>::epsilon();
  for (int iter = 0, stalls = 0; iter < 5000 && stalls < 20; ++iter) {
    const Mat<double> JtJ = cur.J.transpose() * cur.J;
    const Vec<double> g = cur.J.transpose() * cur.r;
    Mat<double> A = JtJ;
    A.diagonal().array() += mu;
    const Vec<double> step = -A.ldlt().solve(g);
    const Vec<double> trial_theta = theta + step;
    Residual trial = residual(trial_theta, true);
    const double f0 = cur.r.squaredNorm(), f1 = trial.r.squaredNorm();
    if (std::isfinite(f1) && f1 < f0) {
      stalls = (f0 - f1) <= 4 * eps * f0 ? stalls + 1 : 0;
      theta = trial_theta;
      cur = std::move(trial);
      mu = std::max(mu / 3, 1e-300);
    } else {
      ++stalls;
      mu *= 4;
    }
  }
  return theta;
}

}  // namespace

LeastSquaresFit multistart_least_squares(const Mat<double>& H, const Vec<double>& X_star, const FeatureMap& phi,
                                         Index dim, int starts, uint64_t seed) {
  const Mat<double> Lt = H.llt().matrixU();  // H = LLᵀ, Lᵀ upper
  Rng rng(seed);
  // φ is bilinear in θ: starts of the size √max|X*| reach every scale of the target in one multiplication.
  const double scale = std::sqrt(std::max(X_star.cwiseAbs().maxCoeff(), 1e-12));
  LeastSquaresFit best;
  best.excess = std::numeric_limits<double>::infinity();
  for (int s = 0; s < starts; ++s) {
    Vec<double> theta(dim);
    for (Index i = 0; i < dim; ++i) theta(i) = scale * rng.normal();
    theta = levenberg_marquardt(Lt, X_star, phi, theta);
    const double excess = (Lt * (phi(theta, nullptr) - X_star)).squaredNorm();
    if (excess < best.excess) {
      best.theta = theta;
      best.excess = excess;
    }
  }
  best.starts = starts;
  return best;
}

}  // namespace icl::markov
