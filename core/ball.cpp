#include "core/ball.hpp"

#include <cmath>
#include <stdexcept>

#ifdef ICL_ARB_IN_FLINT
#include <flint/fmpq.h>
#else
#include <fmpq.h>
#endif

namespace icl {

namespace {
thread_local long working_bits = 256;
}

long Ball::precision() { return working_bits; }
void Ball::set_precision(long bits) { working_bits = bits; }

Ball::Ball() { arb_init(v_); }
Ball::Ball(long v) {
  arb_init(v_);
  arb_set_si(v_, v);
}
Ball::Ball(double v) {
  if (!std::isfinite(v)) throw std::invalid_argument("Ball: non-finite double");
  arb_init(v_);
  arb_set_d(v_, v);
}
Ball::Ball(const fmpq* q) {
  arb_init(v_);
  arb_set_fmpq(v_, q, working_bits);
}
Ball::Ball(const Ball& o) {
  arb_init(v_);
  arb_set(v_, o.v_);
}
Ball::Ball(Ball&& o) noexcept {
  arb_init(v_);
  arb_swap(v_, o.v_);
}
Ball& Ball::operator=(const Ball& o) {
  if (this != &o) arb_set(v_, o.v_);
  return *this;
}
Ball& Ball::operator=(Ball&& o) noexcept {
  arb_swap(v_, o.v_);
  return *this;
}
Ball::~Ball() { arb_clear(v_); }

Ball operator+(const Ball& a, const Ball& b) {
  Ball r;
  arb_add(r.v_, a.v_, b.v_, working_bits);
  return r;
}
Ball operator-(const Ball& a, const Ball& b) {
  Ball r;
  arb_sub(r.v_, a.v_, b.v_, working_bits);
  return r;
}
Ball operator*(const Ball& a, const Ball& b) {
  Ball r;
  arb_mul(r.v_, a.v_, b.v_, working_bits);
  return r;
}
Ball operator/(const Ball& a, const Ball& b) {
  Ball r;
  arb_div(r.v_, a.v_, b.v_, working_bits);
  return r;
}
Ball operator-(const Ball& a) {
  Ball r;
  arb_neg(r.v_, a.v_);
  return r;
}

bool Ball::certainly_below(const Ball& other) const { return arb_lt(v_, other.v_) != 0; }
bool Ball::contains_zero() const { return arb_contains_zero(v_) != 0; }
bool Ball::is_finite() const { return arb_is_finite(v_) != 0; }
double Ball::mid() const { return arf_get_d(arb_midref(v_), ARF_RND_NEAR); }
double Ball::rad() const { return mag_get_d(arb_radref(v_)); }
double Ball::upper() const {
  arf_t u;
  arf_init(u);
  arb_get_ubound_arf(u, v_, 53);
  const double d = arf_get_d(u, ARF_RND_CEIL);
  arf_clear(u);
  return d;
}
double Ball::lower() const {
  arf_t l;
  arf_init(l);
  arb_get_lbound_arf(l, v_, 53);
  const double d = arf_get_d(l, ARF_RND_FLOOR);
  arf_clear(l);
  return d;
}
std::string Ball::str(int digits) const {
  char* s = arb_get_str(v_, digits, 0);
  std::string out(s);
  flint_free(s);
  return out;
}

Ball exp(const Ball& x) {
  Ball r;
  arb_exp(r.get(), x.get(), working_bits);
  return r;
}
Ball log(const Ball& x) {
  Ball r;
  arb_log(r.get(), x.get(), working_bits);
  return r;
}
Ball sqrt(const Ball& x) {
  Ball r;
  arb_sqrt(r.get(), x.get(), working_bits);
  return r;
}
Ball abs(const Ball& x) {
  Ball r;
  arb_abs(r.get(), x.get());
  return r;
}
Ball midpoint(const Ball& x) {
  Ball r;
  arb_get_mid_arb(r.get(), x.get());
  return r;
}
Ball upper_point(const Ball& x) {
  Ball r;
  arf_t u;
  arf_init(u);
  arb_get_ubound_arf(u, x.get(), 2 * working_bits);
  arb_set_arf(r.get(), u);
  arf_clear(u);
  return r;
}
Ball lower_point(const Ball& x) {
  Ball r;
  arf_t l;
  arf_init(l);
  arb_get_lbound_arf(l, x.get(), 2 * working_bits);
  arb_set_arf(r.get(), l);
  arf_clear(l);
  return r;
}
Ball hull(const Ball& a, const Ball& b) {
  Ball r;
  arb_union(r.get(), a.get(), b.get(), working_bits);
  return r;
}
Ball larger_by_midpoint(const Ball& a, const Ball& b) {
  return arf_cmp(arb_midref(a.get()), arb_midref(b.get())) >= 0 ? a : b;
}

}  // namespace icl
