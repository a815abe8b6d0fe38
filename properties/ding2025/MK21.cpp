// ding2025/MK21 — d = 1: the first entry of h is p² (the form in one line of the Lemma C.1 proof).
#include "properties/ding2025/d1_forms.hpp"

namespace icl::ding2025::mk21 {

Evidence check(Context& ctx) {
  // The control compares the statement's p²/2 instead (MK03's form): the same check then holds.
  const bool p2 = !ctx.broken(defects::WrongMoment);
  return compare_d1(
      ctx, "h", [&](long) { return Mat<Poly>(h_closed(p2)); }, [](const markov::Moments& m) { return Mat<Poly>(m.h); });
}

const Registration row(family(),
    ClaimRow("MK21", Kind::Identity)
        .statement("d = 1: the first entry of h equals p²")
        .source("Lemma C.1, proof (one line)")
        .uses({}, {"O1", "O2"})
        .arithmetic("exact rational (polynomials in p)", {"exact"})
        .expect(Verdict::Refuted, "h₁ = p²/2 for every n and p (O1 and O2 agree): the proof line drops the E[1 − b'] = 1/2")
        .budget("n", Axis::Cases, 30, 1)
        .budget("brute n", Axis::Cases, 5, 1)
        .variant(defects::WrongMoment, Verdict::ProvedExactly)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk21
