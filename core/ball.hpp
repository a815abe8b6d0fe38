// Arb ball arithmetic as a value type, so the generic layer code runs on certified enclosures.
// Every Ball encloses the exact result of the operations that produced it; an inequality holds when
// certainly_below() says so (upper bound of the left side < lower bound of the right side).
#pragma once

#include <string>

#include <gmp.h>
#include <Eigen/Core>

#ifdef ICL_ARB_IN_FLINT
#include <flint/arb.h>
#else
#include <arb.h>
#endif

namespace icl {

class Ball {
 public:
  Ball();
  Ball(long v);
  Ball(int v) : Ball(static_cast<long>(v)) {}
  explicit Ball(double v);          // exact value of a finite double
  explicit Ball(const fmpq* q);     // exact rational, rounded to the working precision
  Ball(const Ball& o);
  Ball(Ball&& o) noexcept;
  Ball& operator=(const Ball& o);
  Ball& operator=(Ball&& o) noexcept;
  ~Ball();

  // Working precision (bits) for new operations; PrecisionScope sets it together with MPFR's.
  static long precision();
  static void set_precision(long bits);

  friend Ball operator+(const Ball& a, const Ball& b);
  friend Ball operator-(const Ball& a, const Ball& b);
  friend Ball operator*(const Ball& a, const Ball& b);
  friend Ball operator/(const Ball& a, const Ball& b);
  friend Ball operator-(const Ball& a);
  Ball& operator+=(const Ball& b) { return *this = *this + b; }
  Ball& operator-=(const Ball& b) { return *this = *this - b; }
  Ball& operator*=(const Ball& b) { return *this = *this * b; }
  Ball& operator/=(const Ball& b) { return *this = *this / b; }

  // Same midpoint and radius (Eigen's internals test `imag(alpha) == 0`); not a certified comparison.
  friend bool operator==(const Ball& a, const Ball& b) { return arb_equal(a.v_, b.v_) != 0; }
  friend bool operator!=(const Ball& a, const Ball& b) { return !(a == b); }

  bool certainly_below(const Ball& other) const;  // every point of *this < every point of other
  bool contains_zero() const;
  bool is_finite() const;
  double mid() const;
  double rad() const;    // rounded up
  double upper() const;  // rounded up
  double lower() const;  // rounded down
  std::string str(int digits = 10) const;

  arb_srcptr get() const { return v_; }
  arb_ptr get() { return v_; }

 private:
  arb_t v_;
};

Ball exp(const Ball& x);
Ball log(const Ball& x);
Ball sqrt(const Ball& x);
Ball abs(const Ball& x);
Ball midpoint(const Ball& x);     // the exact midpoint as a radius-0 ball
Ball upper_point(const Ball& x);  // a certified upper bound of x, as a radius-0 ball
Ball lower_point(const Ball& x);  // a certified lower bound of x, as a radius-0 ball
Ball hull(const Ball& a, const Ball& b);  // a ball containing both
// Shift used by softmax: any constant gives the same exact result, so the ball uses an exact point.
inline Ball softmax_shift(const Ball& x) { return midpoint(x); }
// Larger of two balls by midpoint (for choosing a softmax shift; not a certified comparison).
Ball larger_by_midpoint(const Ball& a, const Ball& b);

}  // namespace icl

namespace Eigen {
template <>
struct NumTraits<icl::Ball> : GenericNumTraits<icl::Ball> {
  using Real = icl::Ball;
  using NonInteger = icl::Ball;
  using Literal = icl::Ball;
  using Nested = icl::Ball;
  enum { IsComplex = 0, IsInteger = 0, IsSigned = 1, RequireInitialization = 1, ReadCost = 1, AddCost = 4, MulCost = 8 };
};
}  // namespace Eigen
