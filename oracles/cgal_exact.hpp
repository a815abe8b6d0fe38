// Conversions between the suite's exact rationals (FLINT) and CGAL's GMP number types, for the oracles that call
// CGAL's exact QP/LP solver (maxmargin, exact_lp). Include only from oracle .cpp files.
#pragma once

#include <CGAL/Gmpz.h>
#include <CGAL/QP_solution.h>

#include "core/scalar.hpp"

namespace icl::oracle::cgal {

using ET = CGAL::Gmpz;

inline Rational to_rational(const CGAL::Quotient<ET>& q) {
  Rational r;
  fmpz_set_mpz(fmpq_numref(r.get()), q.numerator().mpz());
  fmpz_set_mpz(fmpq_denref(r.get()), q.denominator().mpz());
  if (fmpz_sgn(fmpq_denref(r.get())) < 0) {
    fmpz_neg(fmpq_numref(r.get()), fmpq_numref(r.get()));
    fmpz_neg(fmpq_denref(r.get()), fmpq_denref(r.get()));
  }
  fmpq_canonicalise(r.get());
  return r;
}

inline ET to_gmpz(const fmpz_t z) {
  mpz_t m;
  mpz_init(m);
  fmpz_get_mpz(m, z);
  ET e(m);
  mpz_clear(m);
  return e;
}

}  // namespace icl::oracle::cgal
