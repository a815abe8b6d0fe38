// yang2024/C12 — H = 1 cannot reach the optimum whenever some a_k* has mixed signs.
// With one head a_k = w_{1,k} s_{1,k}, s ∈ Δ^{N−1}: a_k ranges over the nonnegative and the nonpositive orthant, so
// by Lemma 5 (C2) every θ has Δ(θ) ≥ (1/2K) Σ_k min(dist_G(a_k*, R^N_+)², dist_G(a_k*, R^N_−)²) =: LB. Each distance
// is computed exactly (O8): the minimum of (u − a)ᵀG(u − a) over u ≥ 0 is attained on some support S, where
// u_S = a_S − G_SS⁻¹G_{S,S̄}a_S̄ (the unconstrained minimiser with u_S̄ = 0); every feasible candidate is a point of the
// orthant, and the minimiser's support gives one, so the least feasible candidate over all 2^N supports is the
// minimum. LB > 0 exactly on every drawn dictionary with a mixed-sign a_k* proves the claim there. A trained H = 1
// run (O7 on the same dictionary, 2000 steps) must stay above LB.
#include <fmt/format.h>

#include "methods/identity.hpp"
#include "properties/yang2024/family.hpp"
#include "properties/yang2024/ridge_forms.hpp"
#include "properties/yang2024/toy_training.hpp"

namespace icl::yang2024::c12 {

// min over u ≥ 0 of (u − a)ᵀG(u − a), exactly.
Rational orthant_distance(const Mat<Rational>& G, const Vec<Rational>& a) {
  const Index N = a.size();
  Rational best(-1);
  for (long mask = 0; mask < (1L << N); ++mask) {
    std::vector<Index> S, T;
    for (Index i = 0; i < N; ++i) (mask >> i & 1 ? S : T).push_back(i);
    Vec<Rational> u = Vec<Rational>::Zero(N);
    if (!S.empty()) {
      Mat<Rational> GSS(S.size(), S.size()), GST(S.size(), T.size());
      Vec<Rational> aS(S.size()), aT(T.size());
      for (size_t r = 0; r < S.size(); ++r) {
        aS(r) = a(S[r]);
        for (size_t c = 0; c < S.size(); ++c) GSS(r, c) = G(S[r], S[c]);
        for (size_t c = 0; c < T.size(); ++c) GST(r, c) = G(S[r], T[c]);
      }
      for (size_t c = 0; c < T.size(); ++c) aT(c) = a(T[c]);
      const Vec<Rational> uS = T.empty() ? aS : Vec<Rational>(aS + oracle::flint_solve(GSS, Mat<Rational>(GST * aT)).col(0));
      bool feasible = true;
      for (size_t r = 0; r < S.size(); ++r) feasible = feasible && uS(r) >= 0;
      if (!feasible) continue;
      for (size_t r = 0; r < S.size(); ++r) u(S[r]) = uS(r);
    }
    const Vec<Rational> d = u - a;
    const Rational f = d.dot(G * d);
    if (best < 0 || f < best) best = f;
  }
  return best;
}

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("dictionaries"));
  const int instances = ctx.budget_int("dictionaries");
  const long steps = ctx.budget("training steps");
  std::string zero_bound, below;
  Rational least(-1);
  double closest = INFINITY;  // trained Δ(T) / LB
  for (int t = 0; t < instances; ++t) {
    const Instance in = draw_instance(rng, 3, 4, 8, Rational(1, 10));
    const Mat<Rational> A = A_star(in), g = G(in);
    ++ev.drawn;
    bool mixed = false;
    Rational lb(0);
    for (Index k = 0; k < in.K(); ++k) {
      const Vec<Rational> a = A.col(k);
      mixed = mixed || (a.maxCoeff() > 0 && a.minCoeff() < 0);
      const Rational plus = orthant_distance(g, a), minus = orthant_distance(g, Vec<Rational>(-a));
      lb += (plus < minus ? plus : minus);
    }
    lb /= Rational(2 * long(in.K()));
    if (!mixed) continue;  // outside the claim's hypothesis
    ++ev.qualified;
    ++ev.cases;
    if (lb <= 0 && zero_bound.empty()) zero_bound = fmt::format("{}, Z_all = {}: LB = {}", in.str(), check::show(in.Z_all), lb.str());
    if (least < 0 || lb < least) least = lb;
    // A trained H = 1 model on this dictionary (v_k Gaussian, independent of z_k).
    if (t < 3) {
      ToyProblem p{ToyConfig{}, Mat<double>(4, in.K()), cast_matrix<double>(g), cast_matrix<double>(A),
                   cast_matrix<double>(in.Z_all)};
      for (Index i = 0; i < p.V_all.size(); ++i) p.V_all(i) = rng.normal();
      const ToyRun r = train_toy(p, 1, 2e-3, 10, steps, steps, rng);
      const double ratio = r.delta.back() / to_double(lb);
      closest = std::min(closest, ratio);
      if (ratio < 1 - 1e-9 && below.empty())
        below = fmt::format("{}: trained Δ(T) = {:.6g} below the bound {:.6g}", in.str(), r.delta.back(), to_double(lb));
    }
  }
  ev.note("bound", fmt::format("LB = (1/2K)Σ_k min(dist_G(a_k*, R₊ᴺ)², dist_G(a_k*, R₋ᴺ)²) ≥ {:.4g} (exact) on {} of {} "
                               "dictionaries with a mixed-sign a_k* (m = 3, N = 4, K = 8, τ = 1/10)",
                               to_double(least), ev.qualified, ev.drawn));
  ev.note("trained H = 1", fmt::format("Δ(T) / LB ≥ {:.4g} over 3 runs of {} GD steps (must be ≥ 1)", closest, steps));
  if (!below.empty()) {
    ev.inconclusive("the trained model went below the exact bound — the suite's pieces disagree: " + below);
    return ev;
  }
  return decide(ev, zero_bound,
                fmt::format("LB > 0 exactly on all {} dictionaries with a mixed-sign a_k* (least {}), so no H = 1 model "
                            "reaches the optimum there",
                            ev.cases, least.str().size() < 40 ? least.str() : fmt::format("{:.6g}", to_double(least))));
}

const Registration row(family(),
    ClaimRow("C12", Kind::Inequality)
        .statement("H = 1 cannot reach the optimum whenever some a_k* has mixed signs")
        .source("§2.4 interpretation")
        .uses({"K1"}, {"O8", "O7"})
        .arithmetic("exact rational (bound); double (training)", {"exact", "double"})
        .expect(Verdict::ProvedExactly, "w_{1,k}s_{1,k} has entries of one sign")
        .budget("dictionaries", Axis::Instances, 12, 1)
        .budget("training steps", Axis::Steps, 2000, 1)
        .hypothesis("some a_k* has entries of both signs (checked per dictionary)")
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c12
