// ding2025/MK14 — On tiny instances: Bennett–Mangasarian separability ⇔ zero optimum of the bilinear program (§2.7),
// and Lemma C.12 (C.10 feasible ⇔ C.11 attains 0), on the suite's reduction instances K5.
//
// Per instance, three exact decisions (properties/ding2025/bilinear_separability.hpp): geometric (convex hulls),
// the B&M system (13) with its complementarity enumerated, and the K5 bilinear-form instance read through its
// D^(r) only. Where K5's program attains 0, its witness (b, A) is checked exactly against every row of the
// instance with the objective row as an equation — a C.10-form solution (the Lemma C.12 direction "attains 0 ⇒
// feasible"); where it does not, no choice of zero factors is feasible, so the C.10-form system with z1ᵀz2 = 0 has
// no solution either. Lemma C.12 itself is immediate from the definitions (C.11's objective is ≥ 0 on its feasible
// set); what is checked is that the instances and witnesses behave as it says.
#include <fmt/format.h>

#include "core/random.hpp"
#include "properties/ding2025/bilinear_separability.hpp"
#include "properties/ding2025/family.hpp"

namespace icl::ding2025::mk14 {

std::string show_points(const Mat<Rational>& P) {
  std::string s;
  for (Index i = 0; i < P.rows(); ++i) {
    s += i ? ", (" : "(";
    for (Index t = 0; t < P.cols(); ++t) s += (t ? ", " : "") + P(i, t).str();
    s += ")";
  }
  return s;
}

Evidence check(Context& ctx) {
  Evidence ev;
  const int instances = ctx.budget_int("instances");
  Rng rng(ctx.seed("points"));
  long separable = 0, not_separable = 0, witnesses = 0;
  std::string disagreement;
  // The budget's instances, then further draws (at most kCoverageFactor × the budget) until both separable and
  // non-separable sets have been seen: about 1 draw in 8 is not separable (57 of 480 at `--effort 20`), so 24 draws miss
  // that kind under ≈ 5% of seeds (0.88²⁴; `--seed 777` was one), and the verdict would move with the seed.
  constexpr int kCoverageFactor = 10;
  for (int k = 0; k < instances || ((separable == 0 || not_separable == 0) && k < kCoverageFactor * instances); ++k) {
    const Index mp = rng.integer(1, 3), kp = rng.integer(1, 3), np = 2;
    Mat<Rational> Ap(mp, np), B(kp, np);
    for (Index i = 0; i < Ap.size(); ++i) Ap(i) = Rational(long(rng.integer(-3, 3)));
    for (Index i = 0; i < B.size(); ++i) B(i) = Rational(long(rng.integer(-3, 3)));
    const bool geo = separable_geometric(Ap, B), bm = separable_bm_system(Ap, B);
    auto sys = ding::bennett_mangasarian_instance(Ap, B);
    if (ctx.broken(defects::MispairedObjective)) {  // z1_i paired with z2_{i+1}
      Mat<Rational>& D = sys.rows.front().D;
      const Mat<Rational> old = D;
      D.setZero();
      for (Index r = 0; r < D.rows(); ++r)
        for (Index c = 0; c < D.cols(); ++c)
          if (old(r, c) != 0) D(r, 1 + (c - 1 + 1) % kp) = old(r, c);
    }
    const auto k5 = decide_k5(sys);
    bool witness_ok = true;
    if (k5.zero_optimum) {
      const auto v = ding::row_values(sys, k5.b, k5.A);
      for (size_t r = 0; r < v.size(); ++r) {
        const auto& row = sys.rows[r];
        const bool ok = r == 0 ? v[r] == 0
                        : row.cmp == ding::Cmp::Equal ? v[r] == row.X
                        : row.cmp == ding::Cmp::LessEqual ? v[r] <= row.X
                                                          : v[r] >= row.X;
        witness_ok = witness_ok && ok;
      }
      witnesses += witness_ok;
    }
    ++ev.cases;
    (geo ? separable : not_separable) += 1;
    if ((geo != bm || geo != k5.zero_optimum || !witness_ok) && disagreement.empty())
      disagreement = fmt::format("A' = {{{}}}, B = {{{}}}: geometric {}, B&M system {}, K5 program {}{}", show_points(Ap),
                                 show_points(B), geo ? "separable" : "not separable",
                                 bm ? "attains 0" : "positive optimum", k5.zero_optimum ? "attains 0" : "positive optimum",
                                 witness_ok ? "" : "; the K5 witness violates a row");
  }
  const auto example = ding::bennett_mangasarian_instance(Mat<Rational>::Zero(2, 2), Mat<Rational>::Zero(2, 2));
  ev.note("instances", fmt::format("{} random point sets in Z², coordinates in −3…3, |A'|, |B| ∈ 1…3: {} separable, {} "
                                   "not; every decision an enumeration of exact LPs (CGAL, GMP)",
                                   ev.cases, separable, not_separable));
  ev.note("K5", fmt::format("the (m′, n′, k′) = (2, 2, 2) instance has d = {} (the paper's worked case also has d = 8), "
                            "dm = {} rows; {} zero-optimum witnesses satisfy every row exactly with z1ᵀz2 = 0",
                            example.d, example.rows.size(), witnesses));
  if (!disagreement.empty()) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = disagreement;
    return ev;
  }
  if (separable == 0 || not_separable == 0) {
    ev.inconclusive("the drawn instances did not include both separable and non-separable sets");
    return ev;
  }
  ev.verdict = Verdict::ProvedExactly;
  ev.certificate = fmt::format("on all {} instances the geometric, B&M-system and K5 decisions agree, each by exact "
                               "LPs; K5 witnesses verified row by row in rationals",
                               ev.cases);
  return ev;
}

const Registration row(family(),
    ClaimRow("MK14", Kind::Identity)
        .statement("On tiny instances: B&M separability ⇔ zero optimum of the bilinear program (§2.7), and Lemma C.12")
        .source("§2.7, Lemma C.12; Bennett & Mangasarian (1993) Thm 3.1")
        .uses({"K5"}, {"O7"})
        .arithmetic("exact rational (CGAL LP over GMP)", {"exact"})
        .expect(Verdict::ProvedExactly, "z ≥ 0, so z1ᵀz2 = 0 iff one factor of each product vanishes: separation by "
                                        "two planes of each B point")
        .budget("instances", Axis::Instances, 24, 4)
        .rejects(defects::MispairedObjective)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk14
