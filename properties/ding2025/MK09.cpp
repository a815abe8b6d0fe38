// ding2025/MK09 — Theorem 3.4 (initial states correlated, independent of K): h (printed) and H (reconstructed) in terms
// of (n, p, c1, c2), checked on Example C.5 by enumeration; c1, c2 of the example; reduction to MK03/MK04.
#include <algorithm>

#include <fmt/format.h>

#include "oracles/markov.hpp"
#include "properties/ding2025/d1_forms.hpp"
#include "properties/ding2025/limits.hpp"

namespace icl::ding2025::mk09 {

struct Theorem34 {
  long n;
  Poly p, c1, c2;
  Vec<Poly> h() const {
    const Poly inv_n{Rational(1, n)};
    Vec<Poly> v(3);
    v << c1 * inv_n * Poly(Rational(1, 2)), c1 * inv_n * Poly(Rational(1, 3)),
        p * Poly(Rational(1, 4)) + c1 * inv_n * Poly(Rational(1, 12));
    return v;
  }
  Mat<Poly> H() const {
    const Poly N{Rational(n)}, n1{Rational(n - 1)}, half{Rational(1, 2)}, third{Rational(1, 3)};
    Mat<Poly> S(3, 3), C(3, 3);
    S << c1, c1 * half, c1 * half, c1 * half, c1 * half, c1 * half, c1 * half, c1 * half, N * p * half;
    C(0, 0) = c2;
    C(0, 1) = c2 * half;
    C(0, 2) = n1 * c1 * half;
    C(1, 1) = c2 * third;
    C(1, 2) = c2 * third + (n1 * c1 - c2) * Poly(Rational(1, 4));
    C(2, 2) = c2 * third + (n1 * c1 - c2) * half + (N * n1 * p - Poly(2) * n1 * c1 + c2) * third;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < i; ++j) {
        S(i, j) = S(j, i);
        C(i, j) = C(j, i);
      }
    Mat<Poly> H = S + C;
    const Poly inv_n2{Rational(1, n * n)};
    for (Index i = 0; i < H.size(); ++i) H(i) = H(i) * inv_n2;
    return H;
  }
};

Evidence check(Context& ctx) {
  Evidence ev;
  const long n_max = std::min<long>(ctx.budget_int("brute n"), kBruteMaxN);
  const Poly p = p_var(), one_p = Poly(1) - p;
  std::string diff;
  for (long n = 1; n <= n_max && diff.empty(); ++n) {
    // Example C.5: c1 = n p (1 − p)² (printed), c2 = n(n − 1) p (1 − p)⁴ (reconstructed).
    const Poly c1 = Poly(Rational(n)) * p * one_p * one_p;
    const Poly c2 = Poly(Rational(n * (n - 1))) * p * one_p * one_p * one_p * one_p *
                    (ctx.broken(defects::WrongC2) ? Poly(2) : Poly(1));
    const Theorem34 T{n, p, c1, c2};
    const auto O1 = markov::brute_force_correlated(n);
    ++ev.cases;
    for (Index i = 0; i < 3 && diff.empty(); ++i)
      if (O1.h(i) != T.h()(i))
        diff = fmt::format("n = {}, h entry {}: enumeration {}, Theorem 3.4 {}", n, i + 1, show_poly_p(O1.h(i)),
                           show_poly_p(T.h()(i)));
    const Mat<Poly> H = T.H();
    for (Index i = 0; i < 9 && diff.empty(); ++i)
      if (O1.H(i) != H(i))
        diff = fmt::format("n = {}, H entry ({}, {}): enumeration {}, the reconstructed form {}", n, i % 3 + 1, i / 3 + 1,
                           show_poly_p(O1.H(i)), show_poly_p(H(i)));
  }
  // Reduction: with independent initial states (c1 = n p², c2 = n(n − 1)p³) the forms are MK03's h and MK04's H.
  for (long n = 1; n <= 30 && diff.empty(); ++n) {
    const Theorem34 T{n, p, Poly(Rational(n)) * p * p, Poly(Rational(n * (n - 1))) * p * p * p};
    if (T.h() != h_closed(false) || T.H() != H_closed(n, false))
      diff = fmt::format("n = {}: at c1 = np², c2 = n(n − 1)p³ the forms differ from MK03/MK04's", n);
  }
  ev.note("compared", fmt::format("Example C.5 by enumeration of all 4^(n+1) prompts (n = 1…{}) against Theorem 3.4's h "
                                  "(printed) and H (reconstructed) with the example's c1 (printed) and c2 "
                                  "(reconstructed), as polynomials in p; the reduction to MK03/MK04 for n = 1…30",
                                  n_max));
  return decide(ev, diff, fmt::format("exact polynomial identities in p (Example C.5, n ≤ {}; reduction, n ≤ 30); other "
                               "correlated laws not covered",
                               n_max));
}

const Registration row(family(),
    ClaimRow("MK09", Kind::Identity)
        .statement("Theorem 3.4: h (printed) and H (reconstructed) in terms of (n, p, c1, c2); they reduce to MK03/MK04 "
                   "at c1 = np², c2 = n(n−1)p³; Example C.5's c1, c2")
        .source("Theorem 3.4, Example C.5")
        .uses({}, {"O1 (correlated initial states)"})
        .arithmetic("exact rational (polynomials in p)", {"exact"})
        .expect(Verdict::ProvedExactly, "the context inputs enter only through c1 and c2")
        .budget("brute n", Axis::Cases, 4, 1)
        .rejects(defects::WrongC2)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk09
