// O3: exact population moments. Poly is a sparse multivariate polynomial with rational coefficients, usable
// as an Eigen scalar, so an oracle run on Poly entries expands a loss symbolically; expect() then replaces
// every monomial in the random variables by its moment (variables independent), leaving the symbols.
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

// Variables of a moment computation. Random variables are independent; symbols are left in the result.
enum class Law { Symbol, Uniform, Gaussian };

class Variables {
 public:
  struct Variable {
    std::string name;
    Law law = Law::Symbol;
    Rational param;  // Uniform U(−a, a): a.  Gaussian N(0, v): v.
  };
  uint32_t add(std::string name, Law law, Rational param = Rational(0));
  Poly operator()(uint32_t id) const { return Poly::variable(id); }
  void set_law(uint32_t id, Law law, Rational param);
  const Variable& operator[](uint32_t id) const { return vars_.at(id); }
  size_t size() const { return vars_.size(); }
  // E[v^k] of a random variable: U(−a, a): a^k/(k+1) for even k; N(0, v): v^{k/2} (k−1)!!; odd k: 0.
  Rational moment(uint32_t id, unsigned k) const;

 private:
  std::vector<Variable> vars_;
};

// E over every random variable; symbols remain.
Poly expect(const Poly& p, const Variables& vars);
// Value of a polynomial whose variables all appear in `values` (id → value).
Rational evaluate(const Poly& p, const std::unordered_map<uint32_t, Rational>& values);
// Coefficients c_k of p = Σ_k c_k s^k for a polynomial in the single symbol s.
std::vector<Rational> coefficients_in(const Poly& p, uint32_t symbol);

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
