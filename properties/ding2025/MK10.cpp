// ding2025/MK10 — Lemma 3.2 (reconstructed, spec §2.5): the fixed-kernel entries of H and h by chain probabilities.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "oracles/markov.hpp"
#include "properties/ding2025/d1_forms.hpp"
#include "properties/ding2025/limits.hpp"

namespace icl::ding2025::mk10 {

// The lemma's ingredients at a fixed kernel K = [[1 − a, a], [b', 1 − b']], as polynomials in p.
struct Lemma32 {
  Index d;
  long n;
  Rational a, b;
  bool wrong;  // broken variant: c(t, t') read from K^{t'−t+1}
  // q_t = P(s_t = 1) = (π₁ K^{t−1})_1 with π₁ = (1 − p, p).
  Poly q(Index t) const {
    Poly p0 = Poly(1) - p_var(), p1 = p_var();
    for (Index s = 1; s < t; ++s) {
      const Poly n0 = p0 * Poly(Rational(1) - a) + p1 * Poly(b), n1 = p0 * Poly(a) + p1 * Poly(Rational(1) - b);
      p0 = n0;
      p1 = n1;
    }
    return p1;
  }
  // c(t, t') = [K^{t'−t}]_{1→1}.
  Rational c(Index t, Index t2) const {
    Rational x0(0), x1(1);  // start in state 1
    for (Index s = t; s < t2 + (wrong ? 1 : 0); ++s) {
      const Rational n0 = x0 * (Rational(1) - a) + x1 * b, n1 = x0 * a + x1 * (Rational(1) - b);
      x0 = n0;
      x1 = n1;
    }
    return x1;
  }
  Poly all_ones(std::vector<Index> t) const {  // Pr(s_t = 1 for every t listed), repeats allowed
    std::sort(t.begin(), t.end());
    Poly r = q(t[0]);
    for (size_t k = 1; k < t.size(); ++k) r *= Poly(c(t[k - 1], t[k]));
    return r;
  }
  Mat<Poly> H() const {
    const Index m = markov::pairs(d);
    std::vector<std::array<Index, 2>> pr(m);
    for (Index k = 1; k <= d + 1; ++k)
      for (Index l = k; l <= d + 1; ++l) pr[markov::rho(k, l, d) - 1] = {k, l};
    Mat<Poly> out(d * m, d * m);
    for (Index j = 1; j <= d; ++j)
      for (Index k = 1; k <= d; ++k)
        for (Index r = 0; r < m; ++r)
          for (Index s = 0; s < m; ++s) {
            const Poly Exx = all_ones({j, k});
            const Poly EGG = all_ones({pr[r][0], pr[r][1], pr[s][0], pr[s][1]}) * Poly(Rational(1, n)) +
                             all_ones({pr[r][0], pr[r][1]}) * all_ones({pr[s][0], pr[s][1]}) * Poly(Rational(n - 1, n));
            out((j - 1) * m + r, (k - 1) * m + s) = Exx * EGG;
          }
    return out;
  }
  Vec<Poly> h() const {
    const Index m = markov::pairs(d);
    Vec<Poly> out(d * m);
    for (Index j = 1; j <= d; ++j)
      for (Index k = 1; k <= d + 1; ++k)
        for (Index l = k; l <= d + 1; ++l)
          out((j - 1) * m + markov::rho(k, l, d) - 1) = all_ones({j, d + 1}) * all_ones({k, l});
    return out;
  }
};

Evidence check(Context& ctx) {
  Evidence ev;
  const std::pair<Rational, Rational> kernels[] = {
      {Rational(1, 3), Rational(1, 4)}, {Rational(1, 2), Rational(1, 2)}, {Rational(9, 10), Rational(1, 10)}, {Rational(1, 7), Rational(5, 6)}};
  const long ns[] = {1, 3, 10};
  const int d_max = static_cast<int>(std::min<long>(ctx.budget_int("d"), kMaxDFixedKernel));
  std::string diff;
  for (int d = 1; d <= d_max; ++d)
    for (long n : ns)
      for (const auto& K : kernels) {
        const Lemma32 L{d, n, K.first, K.second, ctx.broken(defects::WrongPower)};
        const auto fk = markov::moment_recipe(d, n, markov::Model::FK, K);
        ++ev.cases;
        const bool same = L.H() == fk.H && L.h() == fk.h;
        if (!same && diff.empty())
          diff = fmt::format("d = {}, n = {}, (a, b') = ({}, {}): the §2.5 entries differ from O2 (FK)", d, n,
                             K.first.str(), K.second.str());
      }
  ev.note("compared", fmt::format("every entry of H and h as polynomials in p: d = 1…{}, n ∈ {{1, 3, 10}}, four kernels "
                                  "(a, b') ∈ {{(1/3, 1/4), (1/2, 1/2), (9/10, 1/10), (1/7, 5/6)}}",
                                  d_max));
  return decide(ev, diff, "equal as polynomials in p at each (d, n, K) listed; other kernels not covered");
}

const Registration row(family(),
    ClaimRow("MK10", Kind::Identity)
        .statement("Lemma 3.2 fixed-kernel entries (§2.5): E[x_i x_j] = q_min c(min, max), E[GG] by sorted quadruples, "
                   "h by q_j c(j, d+1) q_i' c(i', j') — equal to the moment recipe")
        .source("Lemma 3.2 (reconstructed)")
        .uses({}, {"O2 (FK)"})
        .arithmetic("exact rational (polynomials in p)", {"exact"})
        .expect(Verdict::ProvedExactly, "a Markov chain's joint probabilities factor along sorted times")
        .budget("d", Axis::Instances, 3, 1)
        .rejects(defects::WrongPower)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk10
