// Giannou family: helpers of the certified (Arb) checks — drawn instances with exact entries, norm-bounded logistic
// data, and the certified Newton–Schulz residual rate ρ.
#pragma once

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "core/ball.hpp"
#include "core/context.hpp"
#include "core/random.hpp"
#include "methods/certify.hpp"
#include "methods/identity.hpp"
#include "oracles/certified.hpp"
#include "oracles/logistic.hpp"
#include "oracles/newton.hpp"
#include "properties/giannou2024/family.hpp"

namespace icl::giannou2024 {

using certified::norm2_lower;
using certified::norm2_upper;
using certified::to_balls;

inline Rational draw(Rng& rng, long range, long den) { return Rational(rng.integer(-range, range)) / Rational(den); }

inline Mat<Rational> draw_matrix(Rng& rng, Index r, Index c, long range, long den) {
  Mat<Rational> m(r, c);
  for (Index i = 0; i < m.size(); ++i) m(i) = draw(rng, range, den);
  return m;
}

inline bool invertible(const Mat<Rational>& A) {
  try {
    oracle::flint_inverse(A);
    return true;
  } catch (const std::domain_error&) {
    return false;
  }
}

inline Mat<Rational> invertible_matrix(Rng& rng, Index d) {
  for (;;) {
    const Mat<Rational> A = draw_matrix(rng, d, d, 16, 16);
    if (invertible(A)) return A;
  }
}

// Logistic data with ‖a_i‖ ≤ 1 exactly (each row divided by an integer m with m² ≥ ‖a_i‖²), labels ±1.
inline oracle::Logistic<Rational> logistic_data(Rng& rng, Index n, Index d, const Rational& mu) {
  oracle::Logistic<Rational> L{draw_matrix(rng, n, d, 8, 8), Vec<Rational>(n), mu};
  for (Index i = 0; i < n; ++i) {
    const Rational sq = L.A.row(i).squaredNorm();
    long m = 1;
    while (Rational(m * m) < sq) ++m;
    L.A.row(i) /= Rational(m);
    L.y(i) = rng.integer(0, 1) ? 1 : -1;
  }
  return L;
}

template <class S>
oracle::Logistic<S> cast(const oracle::Logistic<Rational>& L) {
  return {cast_matrix<S>(L.A), Vec<S>(cast_matrix<S>(L.y)), from_rational<S>(L.mu)};
}

inline Vec<Ball> balls(const Mat<Rational>& v) { return Vec<Ball>(to_balls(v)); }

using Tally = check::Comparisons;
using check::conclude;

// ρ bounds for the Newton–Schulz residual E_0 = I − α M M^T with G = M^T M (same spectrum as MM^T).
struct Rho {
  Ball low, up;
};
inline Rho residual_rate(const Mat<Ball>& G, const Ball& alpha) {
  const Ball lmin_low = certified::lambda_min_lower(G), lmin_up = certified::lambda_min_upper(G);
  const Ball lmax_low = certified::lambda_max_lower(G), lmax_up = certified::lambda_max_upper(G);
  const auto bigger = [](const Ball& a, const Ball& b) { return a.certainly_below(b) ? b : a; };
  // ρ = max(1 − α λ_min, α λ_max − 1): lower bound from λ_min ≤ upper, λ_max ≥ lower, and vice versa.
  Rho r;
  r.low = lower_point(bigger(Ball(1) - alpha * lmin_up, alpha * lmax_low - Ball(1)));
  r.up = upper_point(bigger(Ball(1) - alpha * lmin_low, alpha * lmax_up - Ball(1)));
  return r;
}

inline Ball power2k(Ball x, int k) {
  for (int i = 0; i < k; ++i) x = x * x;
  return x;
}

}  // namespace icl::giannou2024
