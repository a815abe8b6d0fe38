// Degree tracker. Running generic code on Degree evaluates it in the (max, +) semiring and returns, for
// every entry it computes, an upper bound on the total degree of that entry as a polynomial in the drawn
// variables. The constant 0 is the zero polynomial (degree −∞), so structurally zero weight blocks
// contribute nothing; other constants have degree 0; each drawn variable has degree 1. Division is
// allowed by nonzero constants only (1/N), which keeps every entry a polynomial.
#pragma once

#include <algorithm>
#include <stdexcept>
#include <type_traits>

#include <Eigen/Core>

namespace icl {

class Degree {
 public:
  static constexpr long zero_poly = -1;  // stands for −∞

  Degree() = default;
  template <class I, class = std::enable_if_t<std::is_integral<I>::value>>
  Degree(I constant) : d_(constant == 0 ? zero_poly : 0) {}
  static Degree variable() { return Degree(1L, Raw{}); }
  static Degree constant() { return Degree(0L, Raw{}); }  // a nonzero constant

  long value() const { return d_; }
  bool is_zero() const { return d_ == zero_poly; }

  friend Degree operator+(Degree a, Degree b) { return Degree(std::max(a.d_, b.d_), Raw{}); }
  friend Degree operator-(Degree a, Degree b) { return a + b; }
  friend Degree operator-(Degree a) { return a; }
  friend Degree operator*(Degree a, Degree b) {
    return (a.is_zero() || b.is_zero()) ? Degree() : Degree(a.d_ + b.d_, Raw{});
  }
  friend Degree operator/(Degree a, Degree b) {
    if (b.d_ != 0) throw std::logic_error("Degree: division by a non-constant keeps no polynomial");
    return a;
  }
  Degree& operator+=(Degree b) { return *this = *this + b; }
  Degree& operator-=(Degree b) { return *this = *this - b; }
  Degree& operator*=(Degree b) { return *this = *this * b; }
  Degree& operator/=(Degree b) { return *this = *this / b; }
  friend bool operator==(Degree a, Degree b) { return a.d_ == b.d_; }
  friend bool operator!=(Degree a, Degree b) { return a.d_ != b.d_; }

 private:
  struct Raw {};
  Degree(long d, Raw) : d_(d) {}
  long d_ = zero_poly;
};

}  // namespace icl

namespace Eigen {
template <>
struct NumTraits<icl::Degree> : GenericNumTraits<icl::Degree> {
  using Real = icl::Degree;
  using NonInteger = icl::Degree;
  using Literal = icl::Degree;
  using Nested = icl::Degree;
  enum { IsComplex = 0, IsInteger = 0, IsSigned = 1, RequireInitialization = 1, ReadCost = 1, AddCost = 1, MulCost = 1 };
};
}  // namespace Eigen
