// ding2025/MK16 — the partial derivatives of the objectives R1, R2 of Theorem 4.1 are J1 and the last column of J2.
#include <fmt/format.h>

#include "core/polynomial.hpp"
#include "core/random.hpp"
#include "properties/ding2025/family.hpp"

namespace icl::ding2025::mk16 {

// ∂q/∂v for the variable v, term by term.
Poly derivative(const Poly& q, uint32_t v) {
  Poly r;
  for (const auto& [mono, c] : q.terms()) {
    Poly::Monomial m;
    Rational coef = c;
    bool has = false;
    for (uint32_t e : mono) {
      if (Poly::var_of(e) != v) {
        m.push_back(e);
        continue;
      }
      has = true;
      const unsigned k = Poly::exp_of(e);
      coef *= Rational(static_cast<long>(k));
      if (k > 1) m.push_back((v << 8) | (k - 1));
    }
    if (has) r.add_term(m, coef);
  }
  return r;
}

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("prompts"));
  auto small = [&] { return random_fraction(rng, -9, 9, 1, 9); };
  const int prompts = ctx.budget_int("prompts");
  const bool broken = ctx.broken(defects::FlipJ2);
  std::string diff;
  long zero_branch = 0;
  for (int t = 0; t < prompts && diff.empty(); ++t) {
    const Index d = 1 + t % 4, n = 1 + t % 5;
    std::vector<Poly> w(d);
    for (Index k = 0; k < d; ++k) w[k] = Poly::variable(static_cast<uint32_t>(k));
    Mat<Rational> X(d, n);
    Vec<Rational> y(n);
    for (Index j = 0; j < n; ++j) {
      for (Index k = 0; k < d; ++k) X(k, j) = small();
      if (t % 3 == 0) X(d - 1, j) = 0;  // the other branch of R2_{d+1}
      y(j) = small();
    }
    const Poly inv_n{Rational(1, static_cast<long>(n))};
    // R1_k, R2_k averaged over the context; and J1, J2's last column from the recursion's definitions.
    std::vector<Poly> R1(d + 1, Poly(0)), R2(d + 1, Poly(0));
    Mat<Poly> J1 = Mat<Poly>::Constant(d + 1, d, Poly(0));
    Vec<Poly> J2 = Vec<Poly>::Constant(d + 1, Poly(0));
    for (Index j = 0; j < n; ++j) {
      Poly wx(0), head(0);  // ⟨w, x_j⟩ and ⟨w_{:d−1}, x_{j,:d−1}⟩
      for (Index k = 0; k < d; ++k) wx += w[k] * Poly(X(k, j));
      for (Index k = 0; k + 1 < d; ++k) head += w[k] * Poly(X(k, j));
      const Poly r = Poly(y(j)) - wx, u = Poly(y(j)) - head, wd = w[d - 1];
      const Rational xd = X(d - 1, j);
      for (Index k = 0; k < d; ++k) {
        R1[k] += Poly(-X(k, j)) * wx * inv_n;
        R2[k] += Poly(-X(k, j)) * (u * wd - Poly(xd) * wd * wd * Poly(Rational(1, 2))) * inv_n;
      }
      R1[d] += r * r * Poly(Rational(1, 2)) * inv_n;
      if (xd != 0) {
        R2[d] += r * r * r * Poly(Rational(1) / (Rational(3) * xd)) * inv_n;
      } else {
        R2[d] += Poly(-1) * u * u * wd * inv_n;
        ++zero_branch;
      }
      Vec<Poly> v(d + 1);
      for (Index k = 0; k < d; ++k) v(k) = Poly(X(k, j));
      v(d) = r;
      for (Index k = 0; k <= d; ++k) {
        for (Index c = 0; c < d; ++c) J1(k, c) -= v(k) * Poly(X(c, j)) * inv_n;
        J2(k) -= v(k) * r * inv_n;
      }
    }
    if (broken) J2(d) = -J2(d);
    for (Index k = 0; k <= d && diff.empty(); ++k) {
      for (Index c = 0; c < d; ++c)
        if (derivative(R1[k], static_cast<uint32_t>(c)) != J1(k, c))
          diff = fmt::format("d = {}, n = {}: ∂R1_{}/∂w_{} ≠ J1({}, {})", d, n, k + 1, c + 1, k + 1, c + 1);
      if (diff.empty() && derivative(R2[k], static_cast<uint32_t>(d - 1)) != J2(k))
        diff = fmt::format("d = {}, n = {}: ∂R2_{}/∂w_d ≠ the last column of J2 at row {}", d, n, k + 1, k + 1);
    }
    ++ev.cases;
  }
  ev.note("compared", fmt::format("{} prompts (d = 1…4, n = 1…5, rational entries), w symbolic: ∂R1/∂w against J1, "
                                  "∂R2/∂w_d against J2's last column, as polynomials; {} context chains with x_(j,d) = 0 "
                                  "(the second branch of R2_(d+1))",
                                  ev.cases, zero_branch));
  return decide(ev, diff, "exact polynomial identities in w on every drawn prompt (a prompt-by-prompt proof, not for all x, y)");
}

const Registration row(family(),
    ClaimRow("MK16", Kind::Identity)
        .statement("Partial derivatives of R1 and R2 equal J1 and the last column of J2 (both branches of R2_{d+1})")
        .source("Theorem 4.1 (objectives reconstructed)")
        .uses({}, {"O8"})
        .arithmetic("exact (symbolic in w)", {"exact"})
        .expect(Verdict::ProvedExactly, "∂r_j/∂w = −x_j and ∂(r³/3x_d)/∂w_d = −r²")
        .budget("prompts", Axis::Instances, 60, 1)
        .rejects(defects::FlipJ2)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk16
