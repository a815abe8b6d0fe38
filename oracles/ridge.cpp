#include "oracles/ridge.hpp"

#include <cmath>
#include <stdexcept>

#include <Eigen/QR>

namespace icl::oracle {

Mat<Rational> label_second_moments(const Mat<Rational>& Z_all, const NoiseModel& noise) {
  const Index m = Z_all.rows(), K = Z_all.cols();
  auto E_lambda = [](Index a, Index b) { return a == b ? Rational(1) : Rational(0); };
  auto E_eps = [&](Index i, Index a, Index j, Index b) {  // E[ε_{ia} ε_{jb}] under feature noise
    return i == j && a == b ? noise.variance : Rational(0);
  };
  Mat<Rational> M(K, K);
  for (Index i = 0; i < K; ++i)
    for (Index j = 0; j < K; ++j) {
      Rational s(0);
      for (Index a = 0; a < m; ++a)
        for (Index b = 0; b < m; ++b) {
          const Rational l = E_lambda(a, b);
          if (l == 0) continue;
          s += l * (Z_all(a, i) * Z_all(b, j) + (noise.scalar_label ? Rational(0) : E_eps(i, a, j, b)));
        }
      if (noise.scalar_label && i == j) s += noise.variance;  // E[e_i e_j] = σ² δ_ij, independent of λ
      M(i, j) = s;
    }
  return M;
}

MonteCarloMoments label_second_moments_mc(const Mat<double>& Z_all, double variance, bool scalar_label, long samples,
                                          Rng& rng) {
  const Index m = Z_all.rows(), K = Z_all.cols();
  Mat<double> sum = Mat<double>::Zero(K, K), sum2 = Mat<double>::Zero(K, K);
  const double sd = std::sqrt(variance);
  Vec<double> lambda(m), y(K), eps(m);
  for (long s = 0; s < samples; ++s) {
    for (Index a = 0; a < m; ++a) lambda(a) = rng.normal();
    for (Index k = 0; k < K; ++k) {
      if (scalar_label) {
        y(k) = lambda.dot(Z_all.col(k)) + sd * rng.normal();
      } else {
        for (Index a = 0; a < m; ++a) eps(a) = sd * rng.normal();
        y(k) = lambda.dot(Z_all.col(k) + eps);
      }
    }
    const Mat<double> outer = y * y.transpose();
    sum += outer;
    sum2 += outer.cwiseProduct(outer);
  }
  MonteCarloMoments out;
  out.samples = samples;
  out.mean = sum / double(samples);
  const Mat<double> var = (sum2 / double(samples) - out.mean.cwiseProduct(out.mean)) * (double(samples) / double(samples - 1));
  out.se = (var / double(samples)).cwiseSqrt();
  return out;
}

Rational population_loss(const Mat<Rational>& E, Index N, const Mat<Rational>& A_hat) {
  const Index K = E.rows();
  Rational total(0);
  for (Index k = 0; k < K; ++k) {
    const Vec<Rational> a = A_hat.col(k);
    total += a.dot(E.topLeftCorner(N, N) * a) - Rational(2) * a.dot(E.col(k).head(N)) + E(k, k);
  }
  return total / Rational(2 * long(K));
}

Vec<Rational> ridge_primal(const Mat<Rational>& Z, const Vec<Rational>& y, const Rational& rho) {
  const Index m = Z.rows();
  Mat<Rational> A = Z * Z.transpose();
  for (Index a = 0; a < m; ++a) A(a, a) += rho;
  Vec<Rational> b = Z * y;
  // A = L D Lᵀ, L unit lower triangular.
  Mat<Rational> L = Mat<Rational>::Identity(m, m);
  Vec<Rational> D(m);
  for (Index j = 0; j < m; ++j) {
    Rational dj = A(j, j);
    for (Index k = 0; k < j; ++k) dj -= L(j, k) * L(j, k) * D(k);
    if (dj <= 0) throw std::domain_error("ridge_primal: ZZᵀ + ρI is not positive definite");
    D(j) = dj;
    for (Index i = j + 1; i < m; ++i) {
      Rational s = A(i, j);
      for (Index k = 0; k < j; ++k) s -= L(i, k) * L(j, k) * D(k);
      L(i, j) = s / dj;
    }
  }
  Vec<Rational> x(m);
  for (Index i = 0; i < m; ++i) {  // L u = b
    Rational s = b(i);
    for (Index k = 0; k < i; ++k) s -= L(i, k) * x(k);
    x(i) = s;
  }
  for (Index i = 0; i < m; ++i) x(i) /= D(i);
  for (Index i = m - 1; i >= 0; --i) {  // Lᵀ x = u / D
    for (Index k = i + 1; k < m; ++k) x(i) -= L(k, i) * x(k);
  }
  return x;
}

Vec<Mpfr> ridge_qr(const Mat<Rational>& Z, const Vec<Rational>& y, const Rational& rho) {
  const Index m = Z.rows(), N = Z.cols();
  Mat<Mpfr> S = Mat<Mpfr>::Zero(N + m, m);
  Vec<Mpfr> rhs = Vec<Mpfr>::Zero(N + m);
  const Mpfr root = sqrt(from_rational<Mpfr>(rho));
  for (Index i = 0; i < N; ++i) {
    for (Index a = 0; a < m; ++a) S(i, a) = from_rational<Mpfr>(Z(a, i));
    rhs(i) = from_rational<Mpfr>(y(i));
  }
  for (Index a = 0; a < m; ++a) S(N + a, a) = root;
  return S.householderQr().solve(rhs);
}

}  // namespace icl::oracle
