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

double to_double(const Rational& x) { return x.convert_to<double>(); }
double to_double(const Mpfr& x) { return x.convert_to<double>(); }

std::string to_string(const Rational& x) { return x.str(); }

Rational exact_rational(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("exact_rational: non-finite double");
  Rational r;
  mpq_set_d(r.backend().data(), x);
  return r;
}

template <>
Ball from_rational<Ball>(const Rational& r) {
  return Ball(r.backend().data());
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
  fmpq_t q;
  fmpq_init(q);
  arf_get_fmpq(q, arb_midref(x.get()));
  Rational r;
  fmpq_get_mpq(r.backend().data(), q);
  fmpq_clear(q);
  return r;
}

Rational rational(long num, long den) {
  if (den == 0) throw std::invalid_argument("rational: zero denominator");
  return Rational(num) / Rational(den);
}

}  // namespace icl
