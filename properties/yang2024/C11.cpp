// yang2024/C11 — Prop. 1: H ≥ N with Gaussian Q gives σ_min(C_k) > 0 for all k (a.s.) under Assumption 3; for H < N,
// rank(C_k) ≤ H.
// C_k is computed in Arb ball arithmetic (K1 on balls); σ_min(C_k)² = λ_min(C_kC_kᵀ) is bounded below with a certified
// lower bound (oracles/certified). H < N: C_k is N × H, so its rank is at most H by shape — reported, not computed.
#include <cmath>

#include "oracles/certified.hpp"
#include "properties/yang2024/model_loss.hpp"

namespace icl::yang2024::c11 {

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("instances"));
  const int instances = ctx.budget_int("instances");
  const PrecisionScope bits(ctx.bits());
  std::string undecided;
  double least = INFINITY;
  long matrices = 0, assumption3 = 0, zero_token = 0;
  for (int t = 0; t < instances; ++t) {
    const Index N = 3 + t % 3, H = N + t % 2;
    const ModelCase c = model_case(ctx, rng, 4, 3, N, N + 4, H);
    // Assumption 3: some coordinate of v_1 … v_N takes N distinct values.
    bool distinct = false;
    for (Index a = 0; a < c.V_all.rows() && !distinct; ++a) {
      distinct = true;
      for (Index i = 0; i < N; ++i)
        for (Index j = i + 1; j < N; ++j) distinct = distinct && c.V_all(a, i) != c.V_all(a, j);
    }
    if (!distinct) continue;
    // The theory's tokens have ‖v_k‖ = 1; the drawn small rationals can give v_k = 0, which no scaling makes a unit
    // vector: outside the hypotheses (there every head's softmax column is uniform and C_k has rank 1), reported apart.
    if ((c.V_all.array() == Rational(0)).colwise().all().any()) {
      ++zero_token;
      continue;
    }
    ++assumption3;
    std::vector<Mat<Ball>> Q;
    for (const auto& q : c.Q) Q.push_back(q.cast<Ball>());
    const Prompt<Ball> E = yang::token_layout<Ball>(certified::to_balls(c.V_all), Vec<Ball>::Zero(N));
    for (const auto& Ck : yang::attention_columns<Ball>(E, Q)) {
      const Ball lower = certified::lambda_min_lower(Mat<Ball>(Ck * Ck.transpose()));
      ++matrices;
      if (!Ball(0).certainly_below(lower)) {
        if (undecided.empty()) undecided = c.str() + ": λ_min(C_kC_kᵀ) not certified positive";
        continue;
      }
      least = std::min(least, std::sqrt(to_double(to_mpfr(lower_point(lower)))));
    }
    ++ev.cases;
  }
  ev.drawn = instances;
  ev.qualified = assumption3;
  ev.note("certified", fmt::format("{} matrices C_k (N = 3…5, H = N, N + 1): σ_min ≥ {:.3g} for all, in Arb at {} bits",
                                   matrices, least, ctx.bits()));
  if (zero_token)
    ev.note("outside the hypotheses", fmt::format("{} drawn dictionar{} with a zero token v_k (not a unit vector): its "
                                                  "C_k has rank 1 (uniform softmax in every head), left out",
                                                  zero_token, zero_token == 1 ? "y" : "ies"));
  ev.note("H < N", "C_k is N × H: rank ≤ H < N by its shape, so Assumption 2 fails for every k");
  if (!undecided.empty() || matrices == 0) {
    ev.inconclusive(!undecided.empty() ? undecided : "no drawn dictionary satisfied Assumption 3");
    return ev;
  }
  ev.verdict = Verdict::Certified;
  ev.certificate = fmt::format("σ_min(C_k) ≥ {:.3g} certified (ball arithmetic) for all {} C_k of {} dictionaries that "
                               "satisfy Assumption 3 — the drawn instances, not almost surely",
                               least, matrices, assumption3);
  return ev;
}

const Registration row(family(),
    ClaimRow("C11", Kind::Identity)
        .statement("Prop. 1: H ≥ N with Gaussian Q gives σ_min(C_k) > 0 for all k (a.s.) under Assumption 3; for H < N "
                   "rank(C_k) ≤ H")
        .source("Proposition 1")
        .uses({"K1"}, {"direct SVD"})
        .arithmetic("Arb", {"arb"})
        .expect(Verdict::Certified, "softmax columns of distinct logits are linearly independent generically")
        .budget("instances", Axis::Instances, 12, 1)
        .hypothesis("Assumption 3 checked on every drawn dictionary; no zero token (the theory's ‖v_k‖ = 1)")
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c11
