#include "core/rational.hpp"

#include "core/random.hpp"

#include <cctype>
#include <ostream>
#include <stdexcept>

namespace icl {

Rational::Rational(long num, long den) {
  fmpq_init(q_);
  if (den == 0) throw std::domain_error("rational with denominator 0");
  fmpz_set_si(fmpq_numref(q_), num);
  fmpz_set_si(fmpq_denref(q_), den);
  fmpq_canonicalise(q_);
}

Rational::Rational(const std::string& s) {
  fmpq_init(q_);
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  const std::string t = s.substr(b, e - b);
  // Digits with an optional leading minus, then optionally "/" and positive digits.
  const auto digits = [&](size_t from, size_t to) {
    if (from >= to) return false;
    for (size_t i = from; i < to; ++i)
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    return true;
  };
  const size_t slash = t.find('/');
  const size_t num_end = slash == std::string::npos ? t.size() : slash;
  const size_t num_begin = !t.empty() && t[0] == '-' ? 1 : 0;
  if (!digits(num_begin, num_end) || (slash != std::string::npos && !digits(slash + 1, t.size())))
    throw std::invalid_argument("not a rational number: \"" + s + "\"");
  fmpz_set_str(fmpq_numref(q_), t.substr(0, num_end).c_str(), 10);
  if (slash != std::string::npos) {
    fmpz_set_str(fmpq_denref(q_), t.substr(slash + 1).c_str(), 10);
    if (fmpz_is_zero(fmpq_denref(q_))) throw std::invalid_argument("rational with denominator 0: \"" + s + "\"");
    fmpq_canonicalise(q_);
  }
}

Rational Rational::from_mpq(const mpq_t q) {
  Rational r;
  fmpq_set_mpq(r.q_, q);
  return r;
}

Rational& Rational::operator/=(const Rational& o) {
  if (fmpq_is_zero(o.q_)) throw std::domain_error("rational division by zero");
  fmpq_div(q_, q_, o.q_);
  return *this;
}

std::uint64_t Rational::bits() const { return fmpz_bits(fmpq_numref(q_)) + fmpz_bits(fmpq_denref(q_)); }

std::string Rational::str() const {
  char* c = fmpq_get_str(nullptr, 10, q_);
  std::string s(c);
  flint_free(c);
  return s;
}

std::ostream& operator<<(std::ostream& os, const Rational& x) { return os << x.str(); }

Rational random_fraction(Rng& rng, long p_lo, long p_hi, long q_lo, long q_hi) {
  const long p = long(rng.integer(p_lo, p_hi));
  return Rational(p, long(rng.integer(q_lo, q_hi)));
}

}  // namespace icl
