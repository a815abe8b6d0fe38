#include "oracles/certified.hpp"

#include <stdexcept>

#include <arb_mat.h>
#include <Eigen/Eigenvalues>

namespace icl::certified {

namespace {

struct ArbMat {
  arb_mat_t m;
  explicit ArbMat(const Mat<Ball>& a) {
    arb_mat_init(m, a.rows(), a.cols());
    for (Index i = 0; i < a.rows(); ++i)
      for (Index j = 0; j < a.cols(); ++j) arb_set(arb_mat_entry(m, i, j), a(i, j).get());
  }
  ArbMat(Index r, Index c) { arb_mat_init(m, r, c); }
  ~ArbMat() { arb_mat_clear(m); }
  ArbMat(const ArbMat&) = delete;
  ArbMat& operator=(const ArbMat&) = delete;
};

Mat<Mpfr> midpoints(const Mat<Ball>& S) {
  Mat<Mpfr> m(S.rows(), S.cols());
  for (Index i = 0; i < S.size(); ++i) m(i) = to_mpfr(S(i));
  return m;
}

struct Estimate {
  Mpfr lambda;
  Vec<Mpfr> vector;
};

Estimate estimate(const Mat<Ball>& S, bool largest) {
  const Eigen::SelfAdjointEigenSolver<Mat<Mpfr>> es(midpoints(S));
  const Index k = largest ? S.rows() - 1 : 0;  // eigenvalues ascending
  return {es.eigenvalues()(k), es.eigenvectors().col(k)};
}

Mat<Ball> shifted(const Mat<Ball>& S, const Ball& shift, bool shift_minus_S) {
  Mat<Ball> m = shift_minus_S ? Mat<Ball>(-S) : S;
  for (Index i = 0; i < m.rows(); ++i) m(i, i) += shift_minus_S ? shift : -shift;
  return m;
}

// Smallest bracket found by widening δ from about 2^(16−p)·scale until Cholesky certifies.
Ball bracket(const Mat<Ball>& S, bool upper_of_max) {
  const Estimate e = estimate(S, upper_of_max);
  Mpfr scale = abs(e.lambda);
  if (scale < 1) scale = 1;
  Mpfr delta = scale * ldexp(Mpfr(1), 16 - static_cast<int>(Ball::precision()));
  for (int attempt = 0; attempt < 200; ++attempt, delta *= 4) {
    const Ball point = to_ball(upper_of_max ? Mpfr(e.lambda + delta) : Mpfr(e.lambda - delta));
    if (positive_definite(shifted(S, point, upper_of_max))) return point;
  }
  throw std::runtime_error("certified eigenvalue bracket not found");
}

Ball rayleigh(const Mat<Ball>& S, const Vec<Mpfr>& v) {
  Vec<Ball> b(v.size());
  for (Index i = 0; i < v.size(); ++i) b(i) = to_ball(v(i));
  const Vec<Ball> Sb = S * b;
  Ball num(0), den(0);
  for (Index i = 0; i < b.size(); ++i) {
    num += b(i) * Sb(i);
    den += b(i) * b(i);
  }
  return num / den;
}

}  // namespace

Mat<Ball> to_balls(const Mat<Rational>& m) { return cast_matrix<Ball>(m); }

bool positive_definite(const Mat<Ball>& S) {
  ArbMat a(S), L(S.rows(), S.cols());
  return arb_mat_cho(L.m, a.m, Ball::precision()) != 0;
}

Ball lambda_max_upper(const Mat<Ball>& S) { return bracket(S, true); }
Ball lambda_min_lower(const Mat<Ball>& S) { return bracket(S, false); }
Ball lambda_max_lower(const Mat<Ball>& S) { return lower_point(rayleigh(S, estimate(S, true).vector)); }
Ball lambda_min_upper(const Mat<Ball>& S) { return upper_point(rayleigh(S, estimate(S, false).vector)); }

Ball norm2_upper(const Mat<Ball>& M) {
  const Mat<Ball> G = M.transpose() * M;
  return upper_point(sqrt(lambda_max_upper(G)));
}

Ball norm2_lower(const Mat<Ball>& M) {
  const Mat<Ball> G = M.transpose() * M;
  const Ball l = lambda_max_lower(G);
  return l.certainly_below(Ball(0)) ? Ball(0) : lower_point(sqrt(l));
}

Vec<Ball> solve(const Mat<Ball>& A, const Vec<Ball>& b) {
  const Mat<Ball> rhs = b;
  ArbMat a(A), B(rhs), X(A.cols(), 1);
  if (!arb_mat_solve(X.m, a.m, B.m, Ball::precision()))
    throw std::runtime_error("arb_mat_solve could not certify the solve");
  Vec<Ball> x(A.cols());
  for (Index i = 0; i < x.size(); ++i) arb_set(x(i).get(), arb_mat_entry(X.m, i, 0));
  return x;
}

}  // namespace icl::certified
