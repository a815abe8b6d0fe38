// ding2025/MK07 — Theorem 3.3: for d = 1, X* = H⁻¹h lies in the image of φ (disc(X*) ≥ 0) for every n and p ∈ (0,1).
#include <fmt/format.h>

#include "oracles/bernstein.hpp"
#include "oracles/markov.hpp"
#include "oracles/moments.hpp"
#include "oracles/real_roots.hpp"
#include "properties/ding2025/family.hpp"
#include "properties/ding2025/poly_algebra.hpp"

namespace icl::ding2025::mk07 {

using realroots::sign_on;

// adj(H) h for a symmetric 3×3 H: X* = adj(H) h / det H.
Vec<Poly> adjugate_times(const Mat<Poly>& H, const Vec<Poly>& h) {
  Mat<Poly> adj(3, 3);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      const int r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;
      adj(i, j) = H(r0, c0) * H(r1, c1) - H(r0, c1) * H(r1, c0);  // cyclic cofactors carry their sign
    }
  return adj * h;
}

// Every n ≥ n0 at once. O2's H is affine in ε = 1/n (E[ggᵀ|K] = μ₂ε + (1 − ε)μ₁μ₁ᵀ) and h does not involve n, so
// disc(X*)'s numerator D and det H are polynomials in (ε, p); with ε = u/n0, p = v they are certified positive on
// [0, 1]² by Bernstein subdivision (factors vanishing on edges divided out, corner zeros blown up: O5).
constexpr uint32_t kVarEps = 3;

realroots::Bivariate in_u_v(const Poly& q, long n0) {
  realroots::Bivariate a;
  for (const auto& [mono, c] : q.terms()) {
    size_t k = 0, l = 0;
    for (uint32_t e : mono) {
      if (Poly::var_of(e) == kVarEps) k = Poly::exp_of(e);
      else if (Poly::var_of(e) == markov::kVarP) l = Poly::exp_of(e);
      else throw std::invalid_argument("in_u_v: a variable other than ε and p");
    }
    if (a.size() <= k) a.resize(k + 1);
    for (auto& row : a) row.resize(std::max(row.size(), l + 1), Rational(0));
    Rational scale(1);
    for (size_t i = 0; i < k; ++i) scale /= Rational(n0);
    a[k][l] += c * scale;
  }
  for (auto& row : a) row.resize(a.front().size(), Rational(0));
  return a;
}

struct AllLargeN {
  bool certified = false;
  std::string detail;
};

AllLargeN every_n_from(long n0) {
  const auto M1 = markov::moment_recipe(1, 1, markov::Model::RK), M2 = markov::moment_recipe(1, 2, markov::Model::RK);
  const Mat<Poly> B = (M1.H - M2.H) * Poly(2), A = M1.H - B;
  const Mat<Poly> H = A + B * Poly::variable(kVarEps);
  // The affine form reproduces O2 at a third n (a check of the structure it rests on).
  const auto M7 = markov::moment_recipe(1, 7, markov::Model::RK);
  if (!(A + B * Poly(Rational(1, 7)) == M7.H) || !(M1.h == M7.h)) return {false, "H is not affine in 1/n under O2"};
  const Vec<Poly> N = adjugate_times(H, M1.h);
  const Poly D = N(1) * N(1) - Poly(4) * N(0) * N(2);
  std::string detail;
  bool ok = true;
  for (const auto& [name, q] : {std::pair<const char*, Poly>{"det H", det(H)}, {"numerator of disc(X*)", D}}) {
    const auto sign = realroots::nonnegative_on_unit_square(in_u_v(q, n0), 3, 40);
    ok = ok && sign.positive;
    detail += fmt::format("{}{} ≥ 0: {} — {}", detail.empty() ? "" : "; ", name, sign.positive ? "certified" : "NOT certified",
                          sign.failure);
  }
  return {ok, fmt::format("ε = 1/n = u/{}, p = v: {}", n0, detail)};
}

Evidence check(Context& ctx) {
  Evidence ev;
  // Control: only n ≥ 20, where the disc numerator has no sign change on (0, 1) — the check can certify.
  const long n_min = ctx.broken(defects::LargeNOnly) ? 20 : 1, n_max = ctx.budget_int("n");
  const Rational width(1, 100000000);  // roots isolated to 1e-8
  std::string det_failure, negative, first;
  for (long n = n_min; n <= n_max; ++n) {
    const auto M = markov::moment_recipe(1, n, markov::Model::RK);
    const Poly det_H = det(M.H);
    const Vec<Poly> N = adjugate_times(M.H, M.h);
    // disc(X*) = (N₂² − 4N₁N₃)/det²: its sign on (0, 1) is that of the numerator where det ≠ 0.
    const Poly D = N(1) * N(1) - Poly(4) * N(0) * N(2);
    const auto det_sign = sign_on(coefficients_in(det_H, markov::kVarP), Rational(0), Rational(1), width);
    const auto disc_sign = sign_on(coefficients_in(D, markov::kVarP), Rational(0), Rational(1), width);
    if (!det_sign.positive() && det_failure.empty())
      det_failure = fmt::format("n = {}: det H is not positive on (0, 1): {}", n, det_sign.describe());
    if (!disc_sign.nonnegative()) {
      negative += fmt::format("{}n = {}: {}", negative.empty() ? "" : "; ", n, disc_sign.describe());
      if (first.empty()) {
        // The exact minimiser at the first negative sample point, as an instance a reader can recompute.
        size_t k = 0;
        while (disc_sign.sample_signs[k] > 0) ++k;
        const Rational p = disc_sign.samples[k];
        const Vec<Rational> X = markov::minimiser(markov::at_p(M.H, p), markov::at_p(M.h, p));
        const Rational disc = X(1) * X(1) - Rational(4) * X(0) * X(2);
        first = fmt::format("n = {}, p = {}: X* = ({}, {}, {}), disc(X*) = X₂² − 4X₁X₃ = {} ≈ {:.4f} < 0, so no (b, A) "
                            "has φ(b, A) = X* (image(φ) = {{disc ≥ 0}}, MK24)",
                            n, p.str(), X(0).str(), X(1).str(), X(2).str(), disc.str(), to_double(disc));
      }
    }
    if (n == n_min || n == n_max)
      ev.note(fmt::format("n = {}", n), fmt::format("det H: {}; numerator of disc(X*), degree {}: {}",
                                                   det_sign.describe(), coefficients_in(D, markov::kVarP).size() - 1,
                                                   disc_sign.describe()));
  }
  ev.cases = n_max - n_min + 1;
  // Every n ≥ 13 at once (13 is where the Sturm sweep above stops finding negative regions).
  const AllLargeN large = every_n_from(13);
  // Control: from n = 12 on, the same procedure must fail (disc(X*) < 0 near p = 1 at n = 12).
  const bool control_fails = !every_n_from(12).certified;
  ev.note("control", control_fails ? "from n ≥ 12 the same certification fails, as it must (n = 12 has disc < 0 near p = 1)"
                                   : "from n ≥ 12 the certification succeeds although n = 12 has disc < 0: NOT trusted");
  ev.part("X* realisable for every n ≥ 13 and p ∈ (0, 1)",
          large.certified && control_fails ? Verdict::Certified : Verdict::Inconclusive,
          large.detail + ". The divided factors vanish only at p ∈ {0, 1} and at the blown-up corner (n = ∞, p = 1), "
                         "so det H > 0 and disc(X*) ≥ 0 on all n ≥ 13, p ∈ (0, 1)");
  ev.note("n with disc(X*) < 0 somewhere on (0, 1)", negative.empty() ? "none" : negative);
  if (!det_failure.empty()) {
    ev.inconclusive(det_failure + ": X* is not defined everywhere, so the comparison is not made");
    return ev;
  }
  if (!first.empty()) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = first;
    ev.certificate = "exact: H, h from O2 (confirmed by enumeration O1 for n ≤ 5 in MK03/MK04), sign regions by Sturm "
                     "sequences over Q; the counterexample is recomputed by an exact solve at a rational p";
    return ev;
  }
  ev.verdict = Verdict::Certified;
  ev.certificate = fmt::format(
      "for each n = {}…{}: X*(p) = adj(H)h/det H with H, h exact polynomials in p (O2); Sturm sequences over Q show "
      "det H > 0 on (0, 1) and the numerator of disc(X*) ≥ 0 there (every root isolated, one rational sample per gap). "
      "Shown for these n only",
      n_min, n_max);
  return ev;
}

const Registration row(family(),
    ClaimRow("MK07", Kind::Identity)
        .statement("Theorem 3.3: for d = 1, X* lies in image(φ) for every n ≥ 1 and p ∈ (0, 1), so min_{P,Q} f = f̃*")
        .source("Theorem 3.3")
        .uses({}, {"O2", "O5"})
        .arithmetic("exact real algebra (Sturm sequences over Q)", {"exact"})
        .expect(Verdict::Refuted,
                "X* has disc < 0 — it is not realisable — for n = 1 at every p (X* = (1/3, −1/6, 1/2), disc = −23/36) and "
                "on parts of (0, 1) for n ≤ 12; for every n ≥ 13 it is realisable (certified in (1/n, p) at once)")
        .part("X* realisable for every n ≥ 13 and p ∈ (0, 1)", Verdict::Certified)
        .budget("n", Axis::Cases, 30, 1)
        .variant(defects::LargeNOnly, Verdict::Certified)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk07
