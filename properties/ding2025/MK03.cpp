// ding2025/MK03 — d = 1: h = (p²/2, p²/3, p²/12 + p/4) (Theorem 3.3 as stated).
#include "properties/ding2025/d1_forms.hpp"

namespace icl::ding2025::mk03 {

Evidence check(Context& ctx) {
  const bool wrong = ctx.broken(defects::WrongMoment);
  return compare_d1(
      ctx, "h", [&](long) { return Mat<Poly>(h_closed(wrong)); }, [](const markov::Moments& m) { return Mat<Poly>(m.h); });
}

const Registration row(family(),
    ClaimRow("MK03", Kind::Identity)
        .statement("d = 1: h = (p²/2, p²/3, p²/12 + p/4)")
        .source("Theorem 3.3 (statement)")
        .uses({}, {"O1", "O2"})
        .arithmetic("exact rational (polynomials in p)", {"exact"})
        .expect(Verdict::ProvedExactly, "h₁ = E_K[E[xy|K]·E[x|K]] = E[p(1 − b')·p] = p²/2, and likewise")
        .budget("n", Axis::Cases, 30, 2)
        .budget("brute n", Axis::Cases, 5, 1)
        .rejects(defects::WrongMoment)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk03
