// Zhang & Cao family: separable prompts shared by every check.
#pragma once

#include <cmath>

#include "core/random.hpp"
#include "core/scalar.hpp"
#include "properties/zhangcao2026/family.hpp"

namespace icl::zhangcao2026 {

// Separable prompts: β uniform on the sphere, x_i ~ N(0, I_d) rounded to a 2^-12 grid (exact rationals), kept when
// |⟨β, x_i⟩| ≥ γ_0; z_i = sign(⟨β, x_i⟩)·x_i are the columns of Z.
struct SeparablePrompt {
  Mat<Rational> Z;
  Vec<double> beta;
};

inline SeparablePrompt draw_separable(Rng& rng, Index d, Index N, double gamma0, bool sphere = false) {
  SeparablePrompt p;
  p.beta.resize(d);
  for (Index k = 0; k < d; ++k) p.beta(k) = rng.normal();
  p.beta /= p.beta.norm();
  p.Z.resize(d, N);
  const double grid = 4096;
  for (Index i = 0; i < N;) {
    Vec<double> x(d);
    for (Index k = 0; k < d; ++k) x(k) = rng.normal();
    if (sphere) x /= x.norm();
    for (Index k = 0; k < d; ++k) x(k) = std::round(x(k) * grid) / grid;
    const double margin = x.dot(p.beta);
    if (std::abs(margin) < gamma0) continue;
    for (Index k = 0; k < d; ++k)
      p.Z(k, i) = Rational(static_cast<long>(std::lround(x(k) * grid)) * (margin > 0 ? 1 : -1)) / Rational(4096);
    ++i;
  }
  return p;
}

}  // namespace icl::zhangcao2026
