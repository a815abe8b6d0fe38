#include "oracles/newton.hpp"

#include <stdexcept>

#include <fmpq_mat.h>

#include "core/ball.hpp"
#include "core/degree.hpp"
#include "core/polynomial.hpp"
#include "oracles/newton_impl.hpp"

namespace icl::oracle {

namespace {

struct FlintMat {
  fmpq_mat_t m;
  FlintMat(Index r, Index c) { fmpq_mat_init(m, r, c); }
  explicit FlintMat(const Mat<Rational>& a) : FlintMat(a.rows(), a.cols()) {
    for (Index i = 0; i < a.rows(); ++i)
      for (Index j = 0; j < a.cols(); ++j) fmpq_set(fmpq_mat_entry(m, i, j), a(i, j).get());
  }
  ~FlintMat() { fmpq_mat_clear(m); }
  FlintMat(const FlintMat&) = delete;
  FlintMat& operator=(const FlintMat&) = delete;
  Mat<Rational> eigen() const {
    Mat<Rational> a(fmpq_mat_nrows(m), fmpq_mat_ncols(m));
    for (Index i = 0; i < a.rows(); ++i)
      for (Index j = 0; j < a.cols(); ++j) fmpq_set(a(i, j).get(), fmpq_mat_entry(m, i, j));
    return a;
  }
};

}  // namespace

Mat<Rational> flint_inverse(const Mat<Rational>& A) {
  if (A.rows() != A.cols()) throw std::invalid_argument("flint_inverse: matrix is not square");
  FlintMat a(A), inv(A.rows(), A.cols());
  if (!fmpq_mat_inv(inv.m, a.m)) throw std::domain_error("flint_inverse: singular matrix");
  return inv.eigen();
}

Mat<Rational> flint_solve(const Mat<Rational>& A, const Mat<Rational>& B) {
  FlintMat a(A), b(B), x(A.cols(), B.cols());
  if (!fmpq_mat_solve(x.m, a.m, b.m)) throw std::domain_error("flint_solve: singular matrix");
  return x.eigen();
}

Rational ridge_prediction(const Mat<Rational>& A, const Vec<Rational>& y, const Vec<Rational>& a_test,
                          const Rational& mu) {
  Mat<Rational> R = A.transpose() * A;
  R.diagonal().array() += mu;
  const Mat<Rational> w = flint_solve(R, Mat<Rational>(A.transpose() * y));
  return (a_test.transpose() * w)(0, 0);
}

}  // namespace icl::oracle

// Newton–Schulz (O2) for every scalar that checks use.
ICL_INSTANTIATE_NEWTON(icl::Ball)
ICL_INSTANTIATE_NEWTON(double)
ICL_INSTANTIATE_NEWTON(icl::Mpfr)
ICL_INSTANTIATE_NEWTON(icl::Rational)
ICL_INSTANTIATE_NEWTON(icl::Degree)
ICL_INSTANTIATE_NEWTON(icl::Poly)
