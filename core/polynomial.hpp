// Poly: a sparse multivariate polynomial with exact rational coefficients, usable as an Eigen scalar. Code run
// on Poly entries expands symbolically: the population-moment oracle (oracles/moments.hpp) and exact degree
// measurements (Giannou LSA4) use it.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/scalar.hpp"

namespace icl {

class Poly {
 public:
  // Sorted by variable id; each entry packs (id << 8 | exponent), exponent in 1..255.
  using Monomial = std::vector<uint32_t>;
  struct MonomialHash {
    size_t operator()(const Monomial& m) const;
  };
  using Terms = std::unordered_map<Monomial, Rational, MonomialHash>;

  Poly() = default;
  template <class I, class = std::enable_if_t<std::is_integral<I>::value>>
  Poly(I c) : Poly(Rational(static_cast<long>(c))) {}
  Poly(const Rational& c);
  static Poly variable(uint32_t id);

  friend Poly operator+(Poly a, const Poly& b) { return a += b; }
  friend Poly operator-(Poly a, const Poly& b) { return a -= b; }
  friend Poly operator-(Poly a);
  friend Poly operator*(const Poly& a, const Poly& b);
  friend Poly operator/(Poly a, const Poly& b) { return a /= b; }  // b must be a nonzero constant
  Poly& operator+=(const Poly& b);
  Poly& operator-=(const Poly& b);
  Poly& operator*=(const Poly& b) { return *this = *this * b; }
  Poly& operator/=(const Poly& b);
  friend bool operator==(const Poly& a, const Poly& b);
  friend bool operator!=(const Poly& a, const Poly& b) { return !(a == b); }

  const Terms& terms() const { return terms_; }
  bool is_zero() const { return terms_.empty(); }
  bool is_constant() const;
  Rational constant() const;  // coefficient of the empty monomial
  long total_degree() const;  // −1 for the zero polynomial
  void add_term(const Monomial& m, const Rational& c);

  static uint32_t var_of(uint32_t packed) { return packed >> 8; }
  static unsigned exp_of(uint32_t packed) { return packed & 0xffu; }

 private:
  Terms terms_;
};

Poly::Monomial multiply(const Poly::Monomial& a, const Poly::Monomial& b);

}  // namespace icl

namespace Eigen {
template <>
struct NumTraits<icl::Poly> : GenericNumTraits<icl::Poly> {
  using Real = icl::Poly;
  using NonInteger = icl::Poly;
  using Literal = icl::Poly;
  using Nested = icl::Poly;
  enum { IsComplex = 0, IsInteger = 0, IsSigned = 1, RequireInitialization = 1, ReadCost = 1, AddCost = 8, MulCost = 16 };
};
}  // namespace Eigen
