// Giannou family: inexact damped-Newton runs (LOG6, LOG11, LOG12, ACC2) on a standard logistic instance.
#pragma once

#include <cmath>

#include "core/random.hpp"
#include "oracles/logistic.hpp"
#include "properties/giannou2024/family.hpp"

namespace icl::giannou2024 {

// The standard instance of the runs: d = 3, n = 8, ‖a_i‖ ≤ 1 exactly (rows on a 10^-6 grid, rescaled in exact
// arithmetic if rounding pushed a norm above 1), labels from a teacher.
template <class S>
oracle::Logistic<S> run_instance(uint64_t seed, const Rational& mu, Index d = 3, Index n = 8) {
  Rng rng(seed);
  Mat<Rational> A(n, d);
  Vec<Rational> y(n);
  Vec<double> teacher(d);
  for (Index k = 0; k < d; ++k) teacher(k) = rng.normal();
  for (Index i = 0; i < n; ++i) {
    Vec<double> a(d);
    for (Index k = 0; k < d; ++k) a(k) = rng.normal();
    a /= a.norm() * rng.uniform(1.0, 1.5);  // norms in (2/3, 1]
    for (Index k = 0; k < d; ++k) A(i, k) = Rational(std::llround(a(k) * 1e6)) / Rational(1000000);
    if (A.row(i).squaredNorm() > 1) A.row(i) *= rational(99999, 100000);
    y(i) = a.dot(teacher) >= 0 ? 1 : -1;
  }
  return {cast_matrix<S>(A), Vec<S>(cast_matrix<S>(y)), from_rational<S>(mu)};
}

template <class S>
S g_value(const oracle::Logistic<S>& L, const Vec<S>& x) {
  return oracle::objective(L, x) / (S(4) * L.mu);
}

inline Vec<Mpfr> unit(const Vec<Mpfr>& v) { return v / sqrt(Mpfr(v.squaredNorm())); }

// One inexact step: exact damped Newton step plus an error of norm ε, random or adversarial (along ∇g(x⁺),
// the direction that increases g fastest).
enum class ErrorMode { Random, Adversarial, Outward };
inline Vec<Mpfr> inexact_step(const oracle::Logistic<Mpfr>& L, const Vec<Mpfr>& x, const Mpfr& eps, ErrorMode mode, Rng& rng,
                       bool damped = true) {
  const auto s = oracle::damped_newton_step(L, x);
  const Vec<Mpfr> next = damped ? s.next : Vec<Mpfr>(x - s.direction);
  Vec<Mpfr> dir(x.size());
  if (mode == ErrorMode::Random) {
    for (Index k = 0; k < dir.size(); ++k) dir(k) = Mpfr(rng.normal());
  } else if (mode == ErrorMode::Adversarial) {
    dir = oracle::gradient(L, next);
  } else {
    dir = next;
  }
  if (dir.squaredNorm() == 0) return next;
  return next + eps * unit(dir);
}

}  // namespace icl::giannou2024
