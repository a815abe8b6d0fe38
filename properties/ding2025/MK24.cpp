// ding2025/MK24 — "φ maps onto R^{dm}" (Sec. 3 wording).
#include <fmt/format.h>

#include "constructions/ding2025/markov_lsa.hpp"
#include "core/polynomial.hpp"
#include "properties/ding2025/family.hpp"
#include "properties/ding2025/poly_algebra.hpp"

namespace icl::ding2025::mk24 {

// Symbolic b, A: φ(b, A) expanded by the construction K2 on polynomial entries.
struct Symbolic {
  Vec<Poly> b;
  Mat<Poly> A;
};
Symbolic symbols(Index d) {
  Symbolic s{Vec<Poly>(d + 1), Mat<Poly>(d + 1, d)};
  uint32_t id = 0;
  for (Index k = 0; k <= d; ++k) s.b(k) = Poly::variable(id++);
  for (Index i = 0; i < s.A.size(); ++i) s.A(i) = Poly::variable(id++);
  return s;
}

Evidence check(Context& ctx) {
  Evidence ev;
  // d = 1: disc(φ(b, a)) = X2² − 4X1X3 expands to (b1a2 − b2a1)², a square, so disc < 0 is never reached.
  const Symbolic s1 = symbols(1);
  const Vec<Poly> X = ding::phi<Poly>(s1.b, s1.A);
  const Poly disc = X(1) * X(1) - Poly(4) * X(0) * X(2);
  Poly minor = s1.b(0) * s1.A(1, 0) - s1.b(1) * s1.A(0, 0);
  if (ctx.broken(defects::PerturbedDisc)) minor = minor + Poly(Rational(1, 1000));
  const bool square = disc == minor * minor;
  ev.note("d = 1", square ? "disc(φ(b, a)) = (b₁a₂ − b₂a₁)² as polynomials (expanded exactly): the image lies in "
                            "{disc ≥ 0}"
                          : "disc(φ(b, a)) is not the square (b₁a₂ − b₂a₁)²");
  // d = 2: S^(1) = (b a₁ᵀ + a₁ bᵀ)/2 from φ's j = 1 block has determinant 0 as a polynomial (rank ≤ 2).
  const Symbolic s2 = symbols(2);
  const Vec<Poly> X2 = ding::phi<Poly>(s2.b, s2.A);
  Mat<Poly> S(3, 3);
  for (Index k = 1; k <= 3; ++k)
    for (Index l = k; l <= 3; ++l) {
      const Poly v = X2(ding::pair_index(k, l, 2) - 1);
      S(k - 1, l - 1) = k == l ? v : v * Poly(Rational(1, 2));
      S(l - 1, k - 1) = S(k - 1, l - 1);
    }
  const bool singular = det(S).is_zero();
  ev.note("d = 2", singular ? "det S^(1)(φ(b, A)) = 0 as a polynomial: every image point has a singular S^(1)"
                            : "det S^(1) is not identically 0");
  ev.cases = 2;
  if (square && singular) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample =
        "d = 1: X = (1, 0, 1) has disc = −4 < 0, and disc(φ(b, a)) = (b₁a₂ − b₂a₁)² ≥ 0, so no (b, a) maps to it; "
        "d = 2: any X with S^(1) = I (det 1) is outside the image, since det S^(1)(φ(b, A)) ≡ 0";
    ev.certificate = "exact polynomial identities (symbolic expansion of K2), no sampling";
  } else {
    ev.verdict = Verdict::Inconclusive;
    ev.reason = "the expected polynomial identities did not hold; no non-image point is certified";
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("MK24", Kind::Identity)
        .statement("φ maps onto R^{dm}")
        .source("Sec. 3 (wording)")
        .uses({"K2"}, {"§2.3 facts"})
        .arithmetic("exact rational (polynomials)", {"exact"})
        .expect(Verdict::Refuted, "each S^(j) has rank ≤ 2 with one positive and one negative eigenvalue: for d = 1 "
                                  "the image is {disc ≥ 0} (Theorem 3.3 itself needs realisability)")
        .inconclusive_under(defects::PerturbedDisc, "the expected polynomial identities did not hold")
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk24
