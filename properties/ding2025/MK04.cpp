// ding2025/MK04 — d = 1: H has the closed form of spec §2.6 (reconstructed).
#include "properties/ding2025/d1_forms.hpp"

namespace icl::ding2025::mk04 {

Evidence check(Context& ctx) {
  const bool wrong = ctx.broken(defects::WrongMoment);
  return compare_d1(
      ctx, "H", [&](long n) { return H_closed(n, wrong); }, [](const markov::Moments& m) { return m.H; });
}

const Registration row(family(),
    ClaimRow("MK04", Kind::Identity)
        .statement("d = 1: H = E[φ_q φ_qᵀ] has the closed form of §2.6 (H11 = p²(1 + (n−1)p)/n, …)")
        .source("Theorem 3.3 (reconstructed H)")
        .uses({}, {"O1", "O2"})
        .arithmetic("exact rational (polynomials in p)", {"exact"})
        .expect(Verdict::ProvedExactly, "the reconstruction follows from E[ggᵀ|K] = μ2/n + (1 − 1/n)μ1μ1ᵀ")
        .budget("n", Axis::Cases, 30, 2)
        .budget("brute n", Axis::Cases, 5, 1)
        .rejects(defects::WrongMoment)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk04
