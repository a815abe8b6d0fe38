// O3: exact population moments. An oracle run on Poly entries (core/polynomial.hpp) expands a loss
// symbolically; expect() then replaces every monomial in the random variables by its moment (variables
// independent), leaving the symbols.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/polynomial.hpp"

namespace icl {

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
// expect(p · q) without expanding p · q: by linearity each pair of terms contributes c_a c_b E[m_a m_b], and the
// pairs with an odd power of a random variable (most of them) vanish before any product is formed or stored.
Poly expect_product(const Poly& p, const Poly& q, const Variables& vars);
// Value of a polynomial whose variables all appear in `values` (id → value).
Rational evaluate(const Poly& p, const std::unordered_map<uint32_t, Rational>& values);
// Coefficients c_k of p = Σ_k c_k s^k for a polynomial in the single symbol s.
std::vector<Rational> coefficients_in(const Poly& p, uint32_t symbol);

}  // namespace icl
