#include "core/polynomial.hpp"

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

namespace {

// r = a · b (exponents of a shared variable add), into r's storage.
void multiply_into(Poly::Monomial& r, const Poly::Monomial& a, const Poly::Monomial& b) {
  r.clear();
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
}

}  // namespace

Poly::Monomial multiply(const Poly::Monomial& a, const Poly::Monomial& b) {
  Poly::Monomial r;
  multiply_into(r, a, b);
  return r;
}

// One monomial buffer for every pair: a product term allocates only when its monomial is new to the result.
Poly operator*(const Poly& a, const Poly& b) {
  Poly r;
  if (a.is_zero() || b.is_zero()) return r;
  r.terms_.reserve(std::max(a.terms_.size(), b.terms_.size()));
  Poly::Monomial m;
  for (const auto& [ma, ca] : a.terms_)
    for (const auto& [mb, cb] : b.terms_) {
      multiply_into(m, ma, mb);
      r.add_term(m, ca * cb);
    }
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

}  // namespace icl
