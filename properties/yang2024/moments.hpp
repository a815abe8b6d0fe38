// C1, C17: the prompt's label second moments E[yyᵀ] from the data model (O2, exact; O1, Monte Carlo) against the
// paper's G = ZᵀZ + mτI_N, under a noise variance the claim names (τ for C1, τ² for C17).
#pragma once

#include <fmt/format.h>

#include "methods/identity.hpp"
#include "methods/mc_acceptance.hpp"
#include "oracles/ridge.hpp"
#include "properties/yang2024/family.hpp"
#include "properties/yang2024/ridge_forms.hpp"

namespace icl::yang2024 {

// First difference between O2's E[yyᵀ] (noise variance `variance(τ)`) and G, over drawn instances; "" if none.
template <class Variance>
std::string moments_against_G(Context& ctx, Evidence& ev, Variance variance) {
  Rng rng(ctx.seed("instances"));
  const bool scalar = ctx.broken(defects::ScalarLabelNoise), no_m_tau = ctx.broken(defects::MissingMTau);
  const Rational taus[] = {Rational(1, 10), Rational(1, 100), Rational(1, 3), Rational(2)};
  const int instances = ctx.budget_int("instances");
  for (int t = 0; t < instances; ++t) {
    // The smallest instance first (m = N = 1), so a refutation reads at its simplest.
    const Instance in = draw_instance(rng, 1 + t % 5, 1 + (t / 5) % 5, 1 + (t / 5) % 5 + 2, taus[t % 4]);
    const Mat<Rational> E = oracle::label_second_moments(in.Z_all, {variance(in.tau), scalar});
    const Mat<Rational> g = G(in, !no_m_tau);
    ++ev.cases;
    for (Index i = 0; i < in.N; ++i)
      for (Index j = 0; j < in.N; ++j)
        if (E(i, j) != g(i, j))
          return fmt::format("{}, Z = {}: E[y_{} y_{}] = {} but G_{}{} = {} (difference {})", in.str(),
                             check::show(in.Z()), i + 1, j + 1, E(i, j).str(), i + 1, j + 1, g(i, j).str(),
                             (E(i, j) - g(i, j)).str());
  }
  return "";
}

// O1 at one instance (m = 3, N = 3, K = 5, τ = 1/10) under C1's noise model (variance τ): every entry of E[yyᵀ]
// within the Bonferroni z of G.
inline void monte_carlo_part(Context& ctx, Evidence& ev) {
  Rng rng(ctx.seed("monte carlo"));
  const Instance in = draw_instance(rng, 3, 3, 5, Rational(1, 10));
  const long samples = ctx.budget("Monte Carlo prompts");
  const auto mc = oracle::label_second_moments_mc(cast_matrix<double>(in.Z_all), to_double(in.tau),
                                                  ctx.broken(defects::ScalarLabelNoise), samples, rng);
  const Mat<Rational> g = G(in, !ctx.broken(defects::MissingMTau));
  const double z = check::mc_sigmas(int(in.N * in.N));
  double worst = 0;
  for (Index i = 0; i < in.N; ++i)
    for (Index j = 0; j < in.N; ++j) worst = std::max(worst, std::abs(mc.mean(i, j) - to_double(g(i, j))) / mc.se(i, j));
  const bool enough = samples >= check::kMcMinTasks;
  ev.part("O1 Monte Carlo agrees with G", !enough ? Verdict::Inconclusive
                                          : worst <= z ? Verdict::HoldsNumerically
                                                       : Verdict::Refuted,
          fmt::format("{} prompts (Gaussian λ, ε), m = N = 3, τ = 1/10: max |mean − G|/SE = {:.2f} (Bonferroni bound "
                      "{:.2f} over {} entries){}",
                      samples, worst, z, in.N * in.N, enough ? "" : " — too few prompts for the normal approximation"));
}

}  // namespace icl::yang2024
