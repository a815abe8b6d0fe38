// ding2025/MK02 — Lemma 3.1: H is positive definite for p ∈ (0, 1), under RK and FK.
#include <algorithm>

#include <fmt/format.h>

#include "oracles/charpoly.hpp"
#include "oracles/markov.hpp"
#include "oracles/moments.hpp"
#include "oracles/real_roots.hpp"
#include "properties/ding2025/family.hpp"
#include "properties/ding2025/limits.hpp"
#include "properties/ding2025/poly_algebra.hpp"

namespace icl::ding2025::mk02 {

// Pivots of LDLᵀ (elimination without row exchanges), the ratios of consecutive leading principal minors, up to the
// first that is not positive: all > 0 ⇔ positive definite.
std::vector<Rational> ldl_pivots(const Mat<Rational>& H) {
  const std::vector<Rational> minors = oracle::leading_minors(H);
  std::vector<Rational> d;
  for (size_t k = 0; k < minors.size(); ++k) {
    d.push_back(k == 0 ? minors[0] : minors[k] / minors[k - 1]);
    if (d.back() <= 0) break;
  }
  return d;
}

Evidence check(Context& ctx) {
  Evidence ev;
  const Rational ps[] = {Rational(1, 10), Rational(3, 10), Rational(1, 2), Rational(9, 10)};
  const long ns[] = {1, 2, 10, 100};
  const std::pair<Rational, Rational> kernels[] = {
      {Rational(1, 3), Rational(1, 4)}, {Rational(1, 2), Rational(1, 2)}, {Rational(9, 10), Rational(1, 10)}};
  const int d_max = static_cast<int>(std::min<long>(ctx.budget_int("d"), kMaxD));
  std::string failure;
  Rational smallest(-1);
  long checked = 0;
  auto record = [&](const Mat<Rational>& H, const std::string& where) {
    const auto piv = ldl_pivots(H);
    ++checked;
    const Rational last = piv.back();
    if ((int)piv.size() < H.rows() || last <= 0) {
      if (failure.empty()) failure = where + fmt::format(": pivot {} of LDLᵀ is {}", piv.size(), last.str());
      return;
    }
    for (const auto& v : piv)
      if (smallest < 0 || v < smallest) smallest = v;
  };
  const markov::Model rk_model = ctx.broken(defects::FactForRk) ? markov::Model::FactH : markov::Model::RK;
  // The RK moments the pivots rest on, against enumeration (O1) where it is feasible: d = 2, n ≤ 2 and d = 3, n = 1.
  std::string o1;
  for (const auto& [d, n] : {std::pair<Index, Index>{2, 1}, {2, 2}, {3, 1}}) {
    const auto a = markov::brute_force(d, n), b = markov::moment_recipe(d, n, rk_model);
    const bool same = a.H == b.H && a.h == b.h;
    o1 += fmt::format("{}(d, n) = ({}, {}): {}", o1.empty() ? "" : ", ", d, n, same ? "equal" : "DIFFERENT");
    if (!same && failure.empty())
      failure = fmt::format("d = {}, n = {}: O2's RK moments differ from enumeration (O1) as polynomials in p", d, n);
  }
  ev.note("O2 (RK) against O1 as polynomials in p", o1);
  for (int d = 1; d <= d_max; ++d)
    for (long n : ns) {
      const auto rk = markov::moment_recipe(d, n, rk_model);
      for (const auto& p : ps) record(markov::at_p(rk.H, p), fmt::format("RK d = {}, n = {}, p = {}", d, n, p.str()));
      for (const auto& K : kernels) {
        const auto fk = markov::moment_recipe(d, n, markov::Model::FK, K);
        for (const auto& p : ps)
          record(markov::at_p(fk.H, p),
                 fmt::format("FK (a, b') = ({}, {}) d = {}, n = {}, p = {}", K.first.str(), K.second.str(), d, n, p.str()));
      }
    }
  ev.note("grid", fmt::format("d = 1…{}, n ∈ {{1, 2, 10, 100}}, p ∈ {{1/10, 3/10, 1/2, 9/10}}, RK and FK at (a, b') ∈ "
                              "{{(1/3, 1/4), (1/2, 1/2), (9/10, 1/10)}}: {} matrices; smallest LDLᵀ pivot {:.3e}",
                              d_max, checked, to_double(smallest)));
  // d = 1 under RK for every p ∈ (0, 1): the three leading minors of H(p) are positive on (0, 1) (Sturm), n = 1…30.
  std::string d1;
  for (long n = 1; n <= 30 && failure.empty(); ++n) {
    const auto rk = markov::moment_recipe(1, n, markov::Model::RK);
    for (Index k = 1; k <= 3; ++k) {
      const auto s = realroots::sign_on(coefficients_in(det(rk.H.topLeftCorner(k, k)), markov::kVarP), Rational(0),
                                        Rational(1), Rational(1, 100000000));
      if (!s.positive() && failure.empty())
        failure = fmt::format("RK d = 1, n = {}: leading minor {} is not positive on (0, 1): {}", n, k, s.describe());
    }
  }
  ev.note("d = 1, RK, every p ∈ (0, 1)", failure.empty() ? "leading minors 1–3 positive on (0, 1) for n = 1…30 (Sturm)"
                                                          : "see counterexample");
  ev.cases = checked + 30;
  if (!failure.empty()) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = failure;
    return ev;
  }
  ev.verdict = Verdict::Certified;
  ev.certificate = fmt::format("exact LDLᵀ pivots > 0 on the grid (d ≤ {}); for d = 1 under RK, for every p ∈ (0, 1) "
                               "and n ≤ 30 by Sturm sequences. Other (d, n, p) are not covered",
                               d_max);
  return ev;
}

const Registration row(family(),
    ClaimRow("MK02", Kind::Inequality)
        .statement("H is positive definite for p ∈ (0, 1) (Lemma 3.1), under RK and FK")
        .source("Lemma 3.1")
        .uses({}, {"O1", "O2", "O5"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::Certified, "every pivot positive on the grid; d = 1 minors positive on all of (0, 1)")
        .budget("d", Axis::Instances, 4, 1)
        .rejects(defects::FactForRk)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk02
