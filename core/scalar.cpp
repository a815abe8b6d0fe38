#include "core/scalar.hpp"

#include <cmath>
#include <stdexcept>

#include "core/ball.hpp"

#ifdef ICL_ARB_IN_FLINT
#include <flint/fmpq.h>
#else
#include <fmpq.h>
#endif

namespace icl {

namespace {
// Boost sets MPFR precision in decimal digits; find the smallest digit count whose precision is ≥ bits.
unsigned digits10_for_bits(int bits) {
  unsigned d = static_cast<unsigned>(std::floor(bits * 0.30102999566398120)) ;
  if (d < 1) d = 1;
  for (;; ++d) {
    Mpfr::default_precision(d);
    Mpfr probe(0);
    if (precision_bits(probe) >= bits) return d;
  }
}
}  // namespace

PrecisionScope::PrecisionScope(int bits)
    : saved_digits10_(Mpfr::default_precision()), saved_ball_bits_(Ball::precision()), bits_(bits) {
  if (bits < 2) throw std::invalid_argument("precision must be at least 2 bits");
  Mpfr::default_precision(digits10_for_bits(bits));
  bits_ = precision_bits(Mpfr(0));
  Ball::set_precision(bits_);
}

PrecisionScope::~PrecisionScope() {
  Mpfr::default_precision(saved_digits10_);
  Ball::set_precision(saved_ball_bits_);
}

int precision_bits(const Mpfr& x) { return static_cast<int>(mpfr_get_prec(x.backend().data())); }

double ScalarTraits<Mpfr>::unit_roundoff() { return std::ldexp(1.0, -precision_bits(Mpfr(0))); }

double to_double(const Rational& x) {
  mpfr_t m;
  mpfr_init2(m, 53);
  fmpq_get_mpfr(m, x.get(), MPFR_RNDN);
  const double d = mpfr_get_d(m, MPFR_RNDN);
  mpfr_clear(m);
  return d;
}

template <>
Mpfr from_rational<Mpfr>(const Rational& r) {
  Mpfr m;  // at the current default precision
  fmpq_get_mpfr(m.backend().data(), r.get(), MPFR_RNDN);
  return m;
}
double to_double(const Mpfr& x) { return x.convert_to<double>(); }

std::string to_string(const Rational& x) { return x.str(); }

Rational exact_rational(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("exact_rational: non-finite double");
  int e = 0;
  const double m = std::frexp(x, &e);  // x = m·2^e, |m| ∈ [1/2, 1): m·2^53 is an integer
  Rational r(static_cast<long>(std::ldexp(m, 53)));
  if (e >= 53)
    fmpq_mul_2exp(r.get(), r.get(), static_cast<ulong>(e - 53));
  else
    fmpq_div_2exp(r.get(), r.get(), static_cast<ulong>(53 - e));
  return r;
}

template <>
Ball from_rational<Ball>(const Rational& r) {
  return Ball(r.get());
}

Ball to_ball(const Mpfr& x) {
  Ball b;
  arf_t f;
  arf_init(f);
  arf_set_mpfr(f, x.backend().data());
  arb_set_arf(b.get(), f);
  arf_clear(f);
  return b;
}

Mpfr to_mpfr(const Ball& x) {
  Mpfr m(0);
  arf_get_mpfr(m.backend().data(), arb_midref(x.get()), MPFR_RNDN);
  return m;
}

Rational midpoint_rational(const Ball& x) {
  Rational r;
  arf_get_fmpq(r.get(), arb_midref(x.get()));
  return r;
}

Rational rational(long num, long den) {
  if (den == 0) throw std::invalid_argument("rational: zero denominator");
  return Rational(num) / Rational(den);
}

}  // namespace icl
