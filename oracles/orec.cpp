#include "oracles/orec.hpp"

#include <cmath>

#include <Eigen/Eigenvalues>

#include "oracles/markov.hpp"

namespace icl::markov {

namespace {

Mat<Mpfr> matrix_view(const Vec<Mpfr>& X, Index d, Index j) {
  const Index m = pairs(d);
  Mat<Mpfr> S(d + 1, d + 1);
  for (Index k = 1; k <= d + 1; ++k)
    for (Index l = k; l <= d + 1; ++l) {
      const Mpfr& x = X((j - 1) * m + rho(k, l, d) - 1);
      S(k - 1, l - 1) = S(l - 1, k - 1) = k == l ? x : Mpfr(x / 2);
    }
  return S;
}

}  // namespace

Recovery o_rec(const Vec<Mpfr>& X, Index d, bool plus_only) {
  Recovery out;
  const int bits = precision_bits(Mpfr(1));
  const Mpfr tiny = ldexp(Mpfr(1), -bits / 2);
  std::vector<Mat<Mpfr>> S;
  Index j0 = 0;
  Mpfr best(0);
  for (Index j = 1; j <= d; ++j) {
    S.push_back(matrix_view(X, d, j));
    const Mpfr norm = S.back().norm();
    if (norm > best) {
      best = norm;
      j0 = j - 1;
    }
  }
  const Mpfr x_scale = X.cwiseAbs().maxCoeff();
  if (best == 0) {  // X = 0: b = e₁, A = 0
    out.recovered = true;
    out.b = Vec<Mpfr>::Unit(d + 1, 0);
    out.A = Mat<Mpfr>::Zero(d + 1, d);
    return out;
  }
  const Eigen::SelfAdjointEigenSolver<Mat<Mpfr>> es(S[size_t(j0)]);
  const Vec<Mpfr>& lambda = es.eigenvalues();  // ascending
  std::vector<Index> nonzero;
  for (Index i = 0; i <= d; ++i)
    if (abs(lambda(i)) > tiny * best) nonzero.push_back(i);
  std::vector<Vec<Mpfr>> candidates;
  if (nonzero.size() == 1) {
    candidates.push_back(es.eigenvectors().col(nonzero[0]));
  } else if (nonzero.size() == 2 && lambda(nonzero[0]) < 0 && lambda(nonzero[1]) > 0) {
    const Vec<Mpfr> u = es.eigenvectors().col(nonzero[1]), v = es.eigenvectors().col(nonzero[0]);
    const Mpfr s1 = sqrt(Mpfr(lambda(nonzero[1]))), s2 = sqrt(Mpfr(-lambda(nonzero[0])));
    candidates.push_back(s1 * u + s2 * v);
    if (!plus_only) candidates.push_back(s1 * u - s2 * v);
  } else {
    out.reason = nonzero.size() == 2 ? "S^(j0) has rank 2 but is semidefinite"
                                     : "S^(j0) has rank " + std::to_string(nonzero.size()) + " > 2";
    return out;
  }
  out.residual = std::numeric_limits<double>::infinity();
  for (const Vec<Mpfr>& b : candidates) {
    const Mpfr bb = b.squaredNorm();
    Mat<Mpfr> A(d + 1, d);
    Mpfr worst(0);
    for (Index j = 0; j < d; ++j) {
      const Vec<Mpfr> Sb = S[size_t(j)] * b;
      const Mpfr bSb = b.dot(Sb);
      A.col(j) = Sb * Mpfr(2 / bb) - b * Mpfr(bSb / (bb * bb));
      const Mat<Mpfr> sym = (b * A.col(j).transpose() + A.col(j) * b.transpose()) / 2;
      worst = std::max(worst, Mpfr((sym - S[size_t(j)]).cwiseAbs().maxCoeff()));
    }
    const double residual = to_double(Mpfr(worst / x_scale));
    if (residual < out.residual) {
      out.residual = residual;
      out.b = b;
      out.A = A;
    }
    if (worst <= tiny * x_scale) {
      out.recovered = true;
      out.reason.clear();
      return out;
    }
    out.reason = "no candidate b reproduces every S^(j)";
  }
  return out;
}

}  // namespace icl::markov
