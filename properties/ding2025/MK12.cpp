// ding2025/MK12 — Remark C.15: f̃* ≤ min_{P,Q} f; for d ≥ 2, is the inequality strict?
//
// The inequality holds because min f = min of f̃ over image(φ) ⊆ R^{dm}. Strictness at (d, n, p): every S^(j) of a
// point of image(φ) has rank ≤ 2 (§2.3), a closed condition, so if some S^(j)(X*) has rank > 2 then X* is not even
// in the closure of the image and inf f > f̃*. Quantitatively, for X in the image,
//   f̃(X) − f̃* = (X − X*)ᵀH(X − X*) ≥ λ_min(H)·‖X − X*‖² ≥ λ_min(H)·Σ_j ‖S^(j)(X) − S^(j)(X*)‖²_F
//              ≥ λ_min(H)·Σ_j Σ_{i ≤ d−1} λ_(i)(S^(j)(X*))²
// (X stores 2S_kl off the diagonal, so ‖ΔX‖² ≥ ‖ΔS‖²_F; Eckart–Young with the d − 1 smallest |eigenvalues|), a lower
// bound certified from exact characteristic polynomials with Arb; O4's best point, evaluated exactly, bounds the
// gap from above.
#include <fmt/format.h>

#include "oracles/charpoly.hpp"
#include "oracles/markov.hpp"
#include "properties/ding2025/family.hpp"
#include "properties/ding2025/matrix_view.hpp"
#include "properties/ding2025/weights_fit.hpp"

namespace icl::ding2025::mk12 {

struct Point {
  Index d;
  long n;
  Rational p;
};

Evidence check(Context& ctx) {
  Evidence ev;
  const long bits = ctx.working_bits();
  const int starts = ctx.budget_int("starts");
  std::vector<Point> grid;
  for (const long n : {1L, 2L, 5L, 10L, 30L})
    for (const Rational& p : {Rational(3, 10), Rational(1, 2), Rational(7, 10)}) grid.push_back({2, n, p});
  grid.push_back({3, 10, Rational(1, 2)});
  std::string not_strict, disagreement, table, uncertified;
  long strict = 0;
  Index last_d = 0;
  long last_n = 0;
  markov::Moments M;
  for (const auto& [d, n, p] : grid) {
    if (d != last_d || n != last_n) M = markov::moment_recipe(d, n, markov::Model::RK);
    last_d = d;
    last_n = n;
    const Mat<Rational> H = markov::at_p(M.H, p);
    const Vec<Rational> h = markov::at_p(M.h, p);
    const Rational Ey2 = markov::at_p(M.Ey2, p);
    const Vec<Rational> X = markov::minimiser(H, h);
    const Rational f_star = markov::objective(H, h, Ey2, X);
    ++ev.cases;
    // Distance of each S^(j)(X*) from the rank-≤ 2 matrices, squared, certified from below.
    Ball dist2 = from_rational<Ball>(Rational(0));
    std::string shapes;
    bool rank_above_2 = false;
    for (Index j = 1; j <= d; ++j) {
      const auto cp = oracle::charpoly(matrix_view(X, d, j));
      const auto [pos, neg, zero] = inertia(cp);
      rank_above_2 = rank_above_2 || pos + neg > 2;
      shapes += fmt::format("{}S^({}): inertia (+{}, −{}, 0×{})", j > 1 ? ", " : "", j, pos, neg, zero);
      const auto eig = oracle::real_roots(cp, bits);
      if (!eig.certified) {
        uncertified = fmt::format("d = {}, n = {}, p = {}: eigenvalues of S^({}) not isolated", d, n, p.str(), j);
        continue;
      }
      std::vector<Ball> mags;
      for (const Ball& l : eig.roots) mags.push_back(abs(l));
      std::sort(mags.begin(), mags.end(), [](const Ball& a, const Ball& b) { return a.mid() < b.mid(); });
      for (Index i = 0; i + 2 < Index(mags.size()); ++i) dist2 += lower_point(mags[size_t(i)] * mags[size_t(i)]);
    }
    const auto eig_H = oracle::real_roots(oracle::charpoly(H), bits);
    if (!eig_H.certified) {
      uncertified = fmt::format("d = {}, n = {}, p = {}: eigenvalues of H not isolated", d, n, p.str());
      continue;
    }
    const Ball lambda_H = ctx.broken(defects::LambdaMaxH) ? eig_H.roots.back() : eig_H.roots.front();
    const Ball lower = lower_point(lower_point(lambda_H) * dist2);
    // O4: the best weights found, evaluated exactly — an upper bound on min f − f̃*.
    const auto fit = fit_weights(H, h, Ey2, f_star, X, d, starts, ctx.seed(fmt::format("o4 {} {} {}", d, n, p.str())));
    const Ball upper = from_rational<Ball>(fit.excess);
    if (upper.certainly_below(lower) && disagreement.empty())
      disagreement = fmt::format("d = {}, n = {}, p = {}: O4's weights give f − f̃* = {:.6g}, below the certified "
                                 "lower bound {:.6g}",
                                 d, n, p.str(), upper.mid(), lower.lower());
    if (rank_above_2 && lower.lower() > 0)
      ++strict;
    else if (not_strict.empty())
      not_strict = fmt::format("d = {}, n = {}, p = {}: {}", d, n, p.str(), shapes);
    if (p == Rational(1, 2))
      table += fmt::format("{}(d, n) = ({}, {}), p = 1/2: {}; {:.4g} ≤ min f − f̃* ≤ {:.4g}", table.empty() ? "" : "; ", d,
                           n, shapes, lower.lower(), upper.mid());
  }
  ev.note("grid", fmt::format("d = 2: n ∈ {{1, 2, 5, 10, 30}} × p ∈ {{3/10, 1/2, 7/10}}; d = 3: (n, p) = (10, 1/2); RK "
                              "moments (O2), exact X*; {} starts of O4 per point",
                              starts));
  ev.note("values (lower bound certified; upper bound O4's weights evaluated exactly)", table);
  if (!uncertified.empty()) {
    ev.inconclusive(uncertified);
    return ev;
  }
  if (!disagreement.empty()) {
    ev.inconclusive("the certified lower bound and O4 disagree: " + disagreement);
    return ev;
  }
  ev.precision_bits = ctx.working_bits();
  ev.part("strict at every grid point", not_strict.empty() ? Verdict::Certified : Verdict::Refuted,
          not_strict.empty() ? fmt::format("{} of {} points: some S^(j)(X*) has rank > 2, so X* is outside the closure "
                                           "of image(φ); the gap is bounded below as above",
                                           strict, ev.cases)
                             : "not strict at " + not_strict);
  ev.verdict = Verdict::ProvedExactly;
  ev.certificate = "f̃* ≤ min f: min f is the minimum of f̃ over image(φ) ⊆ R^{dm}. Strictness: inertia of each "
                   "S^(j)(X*) from its exact characteristic polynomial (Descartes' rule, exact for real-rooted "
                   "polynomials); the gap's lower bound from Arb enclosures of the eigenvalues of S^(j)(X*) and H";
  return ev;
}

const Registration row(family(),
    ClaimRow("MK12", Kind::Inequality)
        .statement("Remark C.15: f̃* ≤ min_{P,Q} f; decide for d ≥ 2 whether the inequality is strict")
        .source("Remark C.15, Example C.16")
        .uses({"K2"}, {"O2", "O4"})
        .arithmetic("exact rational; Arb; O4 in double with exact evaluation", {"exact", "arb", "double"})
        .expect(Verdict::ProvedExactly, "image(φ) ⊆ R^{dm}; for d = 2, 3 the S^(j)(X*) have rank d + 1 > 2")
        .part("strict at every grid point", Verdict::Certified)
        .budget("starts", Axis::Instances, 8, 1)
        .inconclusive_under(defects::LambdaMaxH, "the certified lower bound and O4 disagree")
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk12
