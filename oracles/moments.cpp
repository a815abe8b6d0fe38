#include "oracles/moments.hpp"

#include <algorithm>
#include <cstdint>
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

Poly expect_product(const Poly& p, const Poly& q, const Variables& vars) {
  std::vector<std::vector<Rational>> moments(vars.size());  // moments[id][k] = E[v^k], filled on first use
  const auto moment = [&](uint32_t id, unsigned k) -> const Rational& {
    auto& m = moments[id];
    while (m.size() <= k) m.push_back(vars.moment(id, static_cast<unsigned>(m.size())));
    return m[k];
  };
  // The factor of E[m_a m_b] over the random variables, and the symbols' part of m_a m_b in `kept`; false when
  // the expectation vanishes (an odd power of a random variable), found before any rational arithmetic.
  Poly::Monomial kept;
  std::vector<std::pair<uint32_t, unsigned>> powers;
  const auto pair_moment = [&](const Poly::Monomial& a, const Poly::Monomial& b, Rational& factor) {
    kept.clear();
    powers.clear();
    const auto take = [&](uint32_t id, unsigned e) {
      if (vars[id].law == Law::Symbol) {
        kept.push_back((id << 8) | e);
        return true;
      }
      powers.emplace_back(id, e);
      return e % 2 == 0;
    };
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      const uint32_t va = i < a.size() ? Poly::var_of(a[i]) : UINT32_MAX, vb = j < b.size() ? Poly::var_of(b[j]) : UINT32_MAX;
      unsigned e = 0;
      const uint32_t id = std::min(va, vb);
      if (va == id) e += Poly::exp_of(a[i++]);
      if (vb == id) e += Poly::exp_of(b[j++]);
      if (e > 255) throw std::overflow_error("Poly: exponent above 255");
      if (!take(id, e)) return false;
    }
    factor = Rational(1);
    for (const auto& [id, e] : powers) factor *= moment(id, e);
    return !factor.is_zero();
  };
  std::vector<std::pair<const Poly::Monomial*, const Rational*>> ta, tb;
  for (const auto& [m, c] : p.terms()) ta.emplace_back(&m, &c);
  for (const auto& [m, c] : q.terms()) tb.emplace_back(&m, &c);
  const bool square = &p == &q;  // E[p²]: each unordered pair of distinct terms once, twice over
  Poly r;
  Rational factor;
  for (size_t a = 0; a < ta.size(); ++a)
    for (size_t b = square ? a : 0; b < tb.size(); ++b) {
      if (!pair_moment(*ta[a].first, *tb[b].first, factor)) continue;
      factor *= *ta[a].second * *tb[b].second;
      if (square && a != b) factor *= Rational(2);
      r.add_term(kept, factor);
    }
  return r;
}

Poly expect(const Poly& p, const Variables& vars) { return expect_product(p, Poly(Rational(1)), vars); }

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
