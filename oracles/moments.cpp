#include "oracles/moments.hpp"

#include <stdexcept>

namespace icl {

uint32_t Variables::add(std::string name, Law law, Rational param) {
  vars_.push_back({std::move(name), law, std::move(param)});
  return static_cast<uint32_t>(vars_.size() - 1);
}

void Variables::set_law(uint32_t id, Law law, Rational param) {
  vars_.at(id).law = law;
  vars_.at(id).param = std::move(param);
}

Rational Variables::moment(uint32_t id, unsigned k) const {
  const Variable& v = vars_.at(id);
  if (k % 2 == 1) return Rational(0);
  switch (v.law) {
    case Law::Uniform: {
      Rational r(1);
      for (unsigned i = 0; i < k; ++i) r *= v.param;
      return r / Rational(static_cast<long>(k + 1));
    }
    case Law::Gaussian: {
      Rational r(1);
      for (unsigned i = 0; i < k / 2; ++i) r *= v.param;
      for (long j = static_cast<long>(k) - 1; j > 1; j -= 2) r *= Rational(j);  // (k−1)!!
      return r;
    }
    case Law::Symbol:
      break;
  }
  throw std::logic_error("moment of a symbol");
}

Poly expect(const Poly& p, const Variables& vars) {
  Poly r;
  for (const auto& [m, c] : p.terms()) {
    Rational coef = c;
    Poly::Monomial kept;
    for (uint32_t e : m) {
      const uint32_t id = Poly::var_of(e);
      if (vars[id].law == Law::Symbol) {
        kept.push_back(e);
      } else {
        coef *= vars.moment(id, Poly::exp_of(e));
        if (coef == 0) break;
      }
    }
    r.add_term(kept, coef);
  }
  return r;
}

Rational evaluate(const Poly& p, const std::unordered_map<uint32_t, Rational>& values) {
  Rational total(0);
  for (const auto& [m, c] : p.terms()) {
    Rational t = c;
    for (uint32_t e : m) {
      const auto it = values.find(Poly::var_of(e));
      if (it == values.end()) throw std::invalid_argument("evaluate: a variable has no value");
      for (unsigned k = 0; k < Poly::exp_of(e); ++k) t *= it->second;
    }
    total += t;
  }
  return total;
}

std::vector<Rational> coefficients_in(const Poly& p, uint32_t symbol) {
  std::vector<Rational> coef;
  for (const auto& [m, c] : p.terms()) {
    unsigned k = 0;
    for (uint32_t e : m) {
      if (Poly::var_of(e) != symbol) throw std::invalid_argument("coefficients_in: other variables remain");
      k = Poly::exp_of(e);
    }
    if (coef.size() <= k) coef.resize(k + 1, Rational(0));
    coef[k] += c;
  }
  return coef;
}

}  // namespace icl
