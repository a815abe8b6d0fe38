// Exact rational numbers on FLINT's fmpq: a numerator and a denominator in lowest terms, each one machine word
// while |value| < 2^62 (no heap allocation) and a GMP integer beyond. Arithmetic on small values is an order of
// magnitude faster than GMP's mpq (which allocates for every value), and the results are the same: every
// operation returns the exact, reduced value.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <type_traits>

#include <gmp.h>

#include <flint/fmpq.h>

namespace icl {

// fmpz_set without FLINT's out-of-line call when both sides fit in a machine word (FLINT keeps such an integer in the
// word itself, below 2^62).
inline void set_fmpz(fmpz* d, const fmpz* s) {
  if (!COEFF_IS_MPZ(*s) && !COEFF_IS_MPZ(*d))
    *d = *s;
  else
    fmpz_set(d, s);
}
// fmpq_set, word by word where it can.
inline void set_fmpq(fmpq* d, const fmpq* s) {
  set_fmpz(fmpq_numref(d), fmpq_numref(s));
  set_fmpz(fmpq_denref(d), fmpq_denref(s));
}

class Rational {
 public:
  Rational() { fmpq_init(q_); }
  template <class I, std::enable_if_t<std::is_integral_v<I>, int> = 0>
  Rational(I n) {  // NOLINT: implicit, like an integer literal in a formula
    fmpq_init(q_);
    if constexpr (std::is_signed_v<I>)
      fmpz_set_si(fmpq_numref(q_), static_cast<slong>(n));
    else
      fmpz_set_ui(fmpq_numref(q_), static_cast<ulong>(n));
  }
  // num/den, reduced; den ≠ 0.
  Rational(long num, long den);
  // "p", "-p", "p/q" in base 10 (whitespace around the number allowed); throws std::invalid_argument otherwise.
  explicit Rational(const std::string& s);
  explicit Rational(const char* s) : Rational(std::string(s)) {}
  static Rational from_mpq(const mpq_t q);

  Rational(const Rational& o) {
    fmpq_init(q_);
    set(o);
  }
  Rational(Rational&& o) noexcept {
    fmpq_init(q_);
    fmpq_swap(q_, o.q_);
  }
  Rational& operator=(const Rational& o) {
    set(o);
    return *this;
  }
  Rational& operator=(Rational&& o) noexcept {
    fmpq_swap(q_, o.q_);
    return *this;
  }
  ~Rational() { fmpq_clear(q_); }

  fmpq* get() { return q_; }
  const fmpq* get() const { return q_; }
  void get_mpq(mpq_t out) const { fmpq_get_mpq(out, q_); }

  // A zero or unit operand is answered without FLINT's general path: half the entries the constructions add and
  // scale are zero (block-zero updates, selector weights) or scaled by one (λ = 1), and the general path costs a gcd.
  Rational& operator+=(const Rational& o) {
    if (o.is_zero()) return *this;
    if (is_zero())
      set(o);
    else
      fmpq_add(q_, q_, o.q_);
    return *this;
  }
  Rational& operator-=(const Rational& o) {
    if (o.is_zero()) return *this;
    if (is_zero())
      fmpq_neg(q_, o.q_);
    else
      fmpq_sub(q_, q_, o.q_);
    return *this;
  }
  Rational& operator*=(const Rational& o) {
    if (is_zero() || fmpq_is_one(o.q_)) return *this;
    if (o.is_zero() || fmpq_is_one(q_))
      set(o);
    else
      fmpq_mul(q_, q_, o.q_);
    return *this;
  }
  Rational& operator/=(const Rational& o);  // throws std::domain_error on division by zero

  friend Rational operator+(const Rational& a, const Rational& b) {
    if (a.is_zero()) return b;
    if (b.is_zero()) return a;
    Rational r;
    fmpq_add(r.q_, a.q_, b.q_);
    return r;
  }
  friend Rational operator-(const Rational& a, const Rational& b) {
    if (b.is_zero()) return a;
    Rational r;
    if (a.is_zero())
      fmpq_neg(r.q_, b.q_);
    else
      fmpq_sub(r.q_, a.q_, b.q_);
    return r;
  }
  friend Rational operator*(const Rational& a, const Rational& b) {
    if (a.is_zero() || fmpq_is_one(b.q_)) return a;
    if (b.is_zero() || fmpq_is_one(a.q_)) return b;
    Rational r;
    fmpq_mul(r.q_, a.q_, b.q_);
    return r;
  }
  friend Rational operator/(const Rational& a, const Rational& b) {
    Rational r(a);
    r /= b;
    return r;
  }
  friend Rational operator-(const Rational& a) {
    Rational r;
    fmpq_neg(r.q_, a.q_);
    return r;
  }
  friend const Rational& operator+(const Rational& a) { return a; }

  friend bool operator==(const Rational& a, const Rational& b) { return fmpq_equal(a.q_, b.q_); }
  friend bool operator!=(const Rational& a, const Rational& b) { return !fmpq_equal(a.q_, b.q_); }
  friend bool operator<(const Rational& a, const Rational& b) { return fmpq_cmp(a.q_, b.q_) < 0; }
  friend bool operator<=(const Rational& a, const Rational& b) { return fmpq_cmp(a.q_, b.q_) <= 0; }
  friend bool operator>(const Rational& a, const Rational& b) { return fmpq_cmp(a.q_, b.q_) > 0; }
  friend bool operator>=(const Rational& a, const Rational& b) { return fmpq_cmp(a.q_, b.q_) >= 0; }

  friend Rational abs(const Rational& a) {
    Rational r;
    fmpq_abs(r.q_, a.q_);
    return r;
  }

  int sign() const { return fmpq_sgn(q_); }
  bool is_zero() const { return fmpq_is_zero(q_); }
  bool is_integer() const { return fmpz_is_one(fmpq_denref(q_)); }
  // Bits of numerator and denominator together (the size of the exact value).
  std::uint64_t bits() const;
  std::string str() const;  // "p/q" or "p"

 private:
  // fmpq_set, word by word where it can (Eigen copies and zero-fills matrices of small rationals all the time).
  void set(const Rational& o) { set_fmpq(q_, o.q_); }
  fmpq_t q_;
};

std::ostream& operator<<(std::ostream& os, const Rational& x);

class Rng;
// p/q, p uniform on {p_lo, …, p_hi} drawn first, then q uniform on {q_lo, …, q_hi}. Two draws written as the two
// arguments of one call would come in the order the compiler chooses (g++ and clang++ differ), and so would the
// instances a seed names.
Rational random_fraction(Rng& rng, long p_lo, long p_hi, long q_lo, long q_hi);

}  // namespace icl
