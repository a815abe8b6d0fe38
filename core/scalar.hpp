// The suite's scalar types and the one place that carries the Boost 1.74 / Eigen 3.4 fixes.
//   Rational  exact, FLINT fmpq (core/rational.hpp)
//   Mpfr      MPFR with run-time precision (one instantiation serves every precision)
//   double    speed studies and training only
// Ball (core/ball.hpp) and Degree (core/degree.hpp) are the certified and symbolic companions.
#pragma once

#include <limits>
#include <string>

#include <boost/multiprecision/eigen.hpp>
#include <boost/multiprecision/mpfr.hpp>
#include <Eigen/Core>

#include "core/rational.hpp"

// Exact rationals: no rounding, so Eigen's precision-dependent tests (isZero, isApprox) compare exactly.
namespace Eigen {
template <>
struct NumTraits<icl::Rational> : GenericNumTraits<icl::Rational> {
  using Real = icl::Rational;
  using NonInteger = icl::Rational;
  using Literal = icl::Rational;
  using Nested = icl::Rational;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 1,
    AddCost = 10,
    MulCost = 10
  };
  static Real epsilon() { return Real(0); }
  static Real dummy_precision() { return Real(0); }
  static int digits10() { return 0; }
};
}  // namespace Eigen

namespace icl {

namespace mp = boost::multiprecision;
// Values keep the precision they were created with: create them inside a PrecisionScope.
using Mpfr = mp::number<mp::mpfr_float_backend<0>, mp::et_off>;

template <class S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <class S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
using Index = Eigen::Index;

// Working precision of Mpfr and Ball for the lifetime of the scope. The MPFR precision is set through
// Boost's decimal digits, so the precision obtained is the smallest one ≥ `bits`; bits() reports it.
class PrecisionScope {
 public:
  explicit PrecisionScope(int bits);
  ~PrecisionScope();
  PrecisionScope(const PrecisionScope&) = delete;
  PrecisionScope& operator=(const PrecisionScope&) = delete;
  int bits() const { return bits_; }

 private:
  unsigned saved_digits10_;
  long saved_ball_bits_;
  int bits_;
};

int precision_bits(const Mpfr& x);

// Unit roundoff at the current working precision (0 for exact types) and a printable name.
template <class S>
struct ScalarTraits;
template <>
struct ScalarTraits<Rational> {
  static constexpr bool exact = true;
  static double unit_roundoff() { return 0.0; }
  static const char* name() { return "exact rational"; }
};
template <>
struct ScalarTraits<double> {
  static constexpr bool exact = false;
  static double unit_roundoff() { return 0x1p-53; }
  static const char* name() { return "double"; }
};
template <>
struct ScalarTraits<Mpfr> {
  static constexpr bool exact = false;
  static double unit_roundoff();  // 2^-p at the current default precision p
  static const char* name() { return "MPFR"; }
};

// A tolerance for comparing two computations of the same quantity in S: `ops` bounds the number of
// rounding steps on the longest path, `scale` bounds the magnitudes involved (norms × condition).
// Zero for exact types, so an exact check is equality.
template <class S>
double rounding_tolerance(double ops, double scale) {
  return ScalarTraits<S>::unit_roundoff() * ops * scale;
}

double to_double(const Rational& x);
double to_double(const Mpfr& x);
inline double to_double(double x) { return x; }
std::string to_string(const Rational& x);  // "p/q" or "p"
Rational exact_rational(double x);         // the exact binary value of a finite double
Rational rational(long num, long den = 1);

class Ball;
// Conversion of an exact value into S (rounded to nearest for inexact types; core/scalar.cpp).
template <class S>
S from_rational(const Rational& r);
template <>
inline Rational from_rational<Rational>(const Rational& r) {
  return r;
}
template <>
inline double from_rational<double>(const Rational& r) {
  return to_double(r);
}
template <>
Mpfr from_rational<Mpfr>(const Rational& r);
template <>
Ball from_rational<Ball>(const Rational& r);
Ball to_ball(const Mpfr& x);                  // exact
Mpfr to_mpfr(const Ball& x);                  // the midpoint, rounded to the current precision
Rational midpoint_rational(const Ball& x);    // the midpoint, exactly
template <class S>
Mat<S> cast_matrix(const Mat<Rational>& m) {
  Mat<S> r(m.rows(), m.cols());
  for (Index i = 0; i < m.size(); ++i) r(i) = from_rational<S>(m(i));
  return r;
}

template <class S>
S max_abs(const Mat<S>& a) {
  S m(0);
  for (Index j = 0; j < a.cols(); ++j)
    for (Index i = 0; i < a.rows(); ++i) {
      const S v = a(i, j) < S(0) ? S(-a(i, j)) : a(i, j);
      if (m < v) m = v;
    }
  return m;
}

}  // namespace icl


// Boost 1.74's NumTraits for multiprecision numbers predates Eigen 3.4 (no infinity, quiet_NaN, digits):
// SelfAdjointEigenSolver, BDCSVD and blueNorm do not compile for MPFR without this full specialization.
namespace Eigen {
template <>
struct NumTraits<icl::Mpfr> : GenericNumTraits<icl::Mpfr> {
  using Real = icl::Mpfr;
  using NonInteger = icl::Mpfr;
  using Literal = icl::Mpfr;
  using Nested = icl::Mpfr;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 1,
    AddCost = 4,
    MulCost = 8
  };
  static Real epsilon() { return std::numeric_limits<Real>::epsilon(); }
  static Real dummy_precision() { return 1000 * epsilon(); }
  static Real highest() { return (std::numeric_limits<Real>::max)(); }
  static Real lowest() { return -(std::numeric_limits<Real>::max)(); }
  static Real infinity() { return std::numeric_limits<Real>::infinity(); }
  static Real quiet_NaN() { return std::numeric_limits<Real>::quiet_NaN(); }
  static int digits10() { return static_cast<int>(Real::default_precision()); }
  static int digits() { return std::numeric_limits<Real>::digits; }
};
}  // namespace Eigen

#include "core/exact_product.hpp"  // Eigen's products of rationals go through FLINT or the per-entry path
#include "core/mpfr_product.hpp"  // and products of MPFR numbers without per-operation temporaries
