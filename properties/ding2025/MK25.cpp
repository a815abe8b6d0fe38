// ding2025/MK25 — T-bin and T-prob give the same minimiser X*; their losses differ by E[Var(y_{n+1} | K, x_{n+1})].
#include <fmt/format.h>

#include "oracles/markov.hpp"
#include "properties/ding2025/d1_forms.hpp"

namespace icl::ding2025::mk25 {

Evidence check(Context& ctx) {
  Evidence ev;
  const long n_max = std::min<long>(ctx.budget_int("brute n"), kBruteMaxN);
  // E[Var(y | K, x)] = E[π(1 − π)], π = K(x_d, 1): at d = 1, x = s_1 ~ Bern(p) is independent of K, so it is
  // p·E[(1 − b')b'] + (1 − p)·E[a(1 − a)], integrated over the kernel.
  const Poly a = Poly::variable(markov::kVarA), b = Poly::variable(markov::kVarB), p = p_var();
  const Poly expected_offset = markov::integrate_kernel(p * (Poly(1) - b) * b + (Poly(1) - p) * a * (Poly(1) - a));
  std::string diff;
  for (long n = 1; n <= n_max; ++n) {
    const auto bin = markov::brute_force(1, n, markov::Target::Label);
    const auto prob = markov::brute_force(1, n, ctx.broken(defects::SameTarget) ? markov::Target::Label
                                                                                 : markov::Target::Probability);
    ++ev.cases;
    // Same H (it does not involve the target) and the same h give the same X* for every p; f̃* = E[t²] − hᵀX*, so
    // the difference of the minimal losses is E[y²] − E[π²].
    const bool same_X = bin.H == prob.H && bin.h == prob.h;
    const Poly offset = bin.Ey2 - prob.Ey2;
    if ((!same_X || offset != expected_offset) && diff.empty())
      diff = fmt::format("n = {}: {}", n,
                         !same_X ? "h differs between T-bin and T-prob" : "loss offset " + show_poly_p(offset) + ", not E[π(1 − π)] = " + show_poly_p(expected_offset));
  }
  ev.note("compared", fmt::format("d = 1, n = 1…{}, by enumeration (O1) with the query's label and with K(x, 1) as "
                                  "target, as polynomials in p: h equal, E[y²] − E[π²] against E[π(1 − π)] = {}",
                                  n_max, show_poly_p(expected_offset)));
  return decide(ev, diff, fmt::format("exact polynomial identities in p for n ≤ {} (d = 1)", n_max));
}

const Registration row(family(),
    ClaimRow("MK25", Kind::Identity)
        .statement("T-bin and T-prob give the same minimiser X*; their losses differ by E[Var(y_{n+1} | K, x_{n+1})]")
        .source("Lemma C.1")
        .uses({}, {"O1"})
        .arithmetic("exact rational (polynomials in p)", {"exact"})
        .expect(Verdict::ProvedExactly, "E[y φ_q] = E[π φ_q] because y is independent of the context given (K, x)")
        .budget("brute n", Axis::Cases, 4, 1)
        .rejects(defects::SameTarget)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk25
