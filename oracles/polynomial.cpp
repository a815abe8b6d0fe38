#include "oracles/polynomial.hpp"

#include <algorithm>
#include <stdexcept>

namespace icl {

size_t Poly::MonomialHash::operator()(const Monomial& m) const {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ m.size();
  for (uint32_t e : m) {
    h ^= e + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdULL;
  }
  return static_cast<size_t>(h ^ (h >> 33));
}

Poly::Poly(const Rational& c) {
  if (c != 0) terms_.emplace(Monomial{}, c);
}

Poly Poly::variable(uint32_t id) {
  if (id >= (1u << 24)) throw std::out_of_range("Poly: variable id out of range");
  Poly p;
  p.terms_.emplace(Monomial{(id << 8) | 1u}, Rational(1));
  return p;
}

void Poly::add_term(const Monomial& m, const Rational& c) {
  if (c == 0) return;
  auto [it, inserted] = terms_.try_emplace(m, c);
  if (!inserted) {
    it->second += c;
    if (it->second == 0) terms_.erase(it);
  }
}

Poly& Poly::operator+=(const Poly& b) {
  for (const auto& [m, c] : b.terms_) add_term(m, c);
  return *this;
}

Poly& Poly::operator-=(const Poly& b) {
  for (const auto& [m, c] : b.terms_) add_term(m, -c);
  return *this;
}

Poly operator-(Poly a) {
  for (auto& [m, c] : a.terms_) c = -c;
  return a;
}

Poly::Monomial multiply(const Poly::Monomial& a, const Poly::Monomial& b) {
  Poly::Monomial r;
  r.reserve(a.size() + b.size());
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const uint32_t va = Poly::var_of(a[i]), vb = Poly::var_of(b[j]);
    if (va < vb) {
      r.push_back(a[i++]);
    } else if (vb < va) {
      r.push_back(b[j++]);
    } else {
      const unsigned e = Poly::exp_of(a[i]) + Poly::exp_of(b[j]);
      if (e > 255) throw std::overflow_error("Poly: exponent above 255");
      r.push_back((va << 8) | e);
      ++i, ++j;
    }
  }
  r.insert(r.end(), a.begin() + i, a.end());
  r.insert(r.end(), b.begin() + j, b.end());
  return r;
}

Poly operator*(const Poly& a, const Poly& b) {
  Poly r;
  if (a.is_zero() || b.is_zero()) return r;
  r.terms_.reserve(a.terms_.size() * b.terms_.size());
  for (const auto& [ma, ca] : a.terms_)
    for (const auto& [mb, cb] : b.terms_) r.add_term(multiply(ma, mb), ca * cb);
  return r;
}

Poly& Poly::operator/=(const Poly& b) {
  if (!b.is_constant() || b.is_zero()) throw std::domain_error("Poly: division by a non-constant or zero");
  const Rational inv = Rational(1) / b.constant();
  for (auto& [m, c] : terms_) c *= inv;
  return *this;
}

bool operator==(const Poly& a, const Poly& b) { return a.terms_ == b.terms_; }

bool Poly::is_constant() const { return terms_.empty() || (terms_.size() == 1 && terms_.count(Monomial{}) == 1); }

Rational Poly::constant() const {
  const auto it = terms_.find(Monomial{});
  return it == terms_.end() ? Rational(0) : it->second;
}

long Poly::total_degree() const {
  long best = -1;
  for (const auto& [m, c] : terms_) {
    long deg = 0;
    for (uint32_t e : m) deg += exp_of(e);
    best = std::max(best, deg);
  }
  return best;
}

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
