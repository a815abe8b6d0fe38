// C7, C8, C9: ŷ* (ridge with penalty mτ) against ŷ_best (noise-averaged, penalty Nτ) on the same prompt, exactly.
#pragma once

#include <fmt/format.h>

#include "methods/identity.hpp"
#include "properties/yang2024/family.hpp"
#include "properties/yang2024/ridge_forms.hpp"

namespace icl::yang2024 {

struct GapCase {
  Instance in;
  PromptDraw p;
  Vec<Rational> lambda_hat, lambda_tau;
  Rational gap;  // (1/K)‖ŷ* − ŷ_best‖²
  std::string str() const {
    return fmt::format("{}, Z_all = {}, y = {}", in.str(), check::show(in.Z_all), check::show(p.y));
  }
};

// A prompt with N = m + offset (N ≥ 1), m = 1 … 4, τ = 1/10.
inline GapCase gap_case(Context& ctx, Rng& rng, Index m, Index offset) {
  const Index N = std::max<Index>(1, m + offset);
  GapCase c{draw_instance(rng, m, N, N + 3, Rational(1, 10)), {}, {}, {}, {}};
  c.p = draw_prompt(c.in, rng);
  if (ctx.broken(defects::PenaltyNTau))
    c.lambda_hat = ridge_noise_averaged(c.in, c.p.y);
  else if (ctx.broken(defects::MissingMTau))  // Z(ZᵀZ)⁻¹y: interpolation, no penalty (N ≤ m only)
    c.lambda_hat = c.in.Z() * oracle::flint_solve(G(c.in, false), Mat<Rational>(c.p.y)).col(0);
  else
    c.lambda_hat = ridge_dual(c.in, c.p.y);
  c.lambda_tau = ridge_noise_averaged(c.in, c.p.y);
  const Vec<Rational> d = predictor(c.in, c.p.y, c.lambda_hat) - predictor(c.in, c.p.y, c.lambda_tau);
  c.gap = d.squaredNorm() / Rational(long(c.in.K()));
  return c;
}

}  // namespace icl::yang2024
