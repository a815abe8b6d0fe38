// ding2025/MK06 — d = 1: image(φ) = {X : disc(X) ≥ 0}, and for disc ≥ 0 the preimage K3 reproduces X.
#include <cmath>

#include <fmt/format.h>

#include "constructions/ding2025/markov_lsa.hpp"
#include "core/polynomial.hpp"
#include "core/random.hpp"
#include "properties/ding2025/family.hpp"

namespace icl::ding2025::mk06 {

// K3, optionally broken: a = (X1, X2 + tX1).
template <class S>
std::pair<Vec<S>, Mat<S>> k3(const Vec<S>& X, const S& t, bool broken) {
  auto [b, a] = ding::preimage_d1<S>(X, t);
  if (broken && !(X(0) == S(0))) a(1, 0) = X(1) + t * X(0);
  return {b, a};
}

Evidence check(Context& ctx) {
  Evidence ev;
  const bool broken = ctx.broken(defects::FlipPreimage);
  // (i) ⊆: disc(φ(b, a)) = (b₁a₂ − b₂a₁)², as polynomials.
  Vec<Poly> b(2);
  b << Poly::variable(0), Poly::variable(1);
  Mat<Poly> a(2, 1);
  a << Poly::variable(2), Poly::variable(3);
  const Vec<Poly> Xb = ding::phi<Poly>(b, a);
  const Poly minor = b(0) * a(1, 0) - b(1) * a(0, 0);
  const bool inside = Xb(1) * Xb(1) - Poly(4) * Xb(0) * Xb(2) == minor * minor;
  // (ii) ⊇: for X₁ ≠ 0, φ(K3(X, t)) − X = (0, 0, −(X₁t² − X₂t + X₃)) as polynomials in (X, t), so a real root t — one
  // exists iff disc ≥ 0 — gives a preimage; for X₁ = 0, φ(K3(X)) = X identically.
  Vec<Poly> X(3), X0(3);
  X << Poly::variable(10), Poly::variable(11), Poly::variable(12);
  X0 << Poly(0), Poly::variable(11), Poly::variable(12);
  const Poly t = Poly::variable(13);
  const auto [kb, ka] = k3<Poly>(X, t, broken);
  Vec<Poly> expected_gap = Vec<Poly>::Constant(3, Poly(0));
  expected_gap(2) = -(X(0) * t * t - X(1) * t + X(2));
  const bool root_identity = ding::phi<Poly>(kb, ka) - X == expected_gap;
  const auto [kb0, ka0] = k3<Poly>(X0, Poly(0), broken);
  const bool zero_branch = ding::phi<Poly>(kb0, ka0) == X0;
  ev.note("identities", fmt::format("disc(φ(b, a)) = (b₁a₂ − b₂a₁)²: {}; φ(K3(X, t)) − X = (0, 0, −(X₁t² − X₂t + X₃)): "
                                    "{}; X₁ = 0 branch reproduces X: {}",
                                    inside ? "yes" : "NO", root_identity ? "yes" : "NO", zero_branch ? "yes" : "NO"));
  // (iii) Drawn instances, as a demonstration of the construction at work: X = φ(b, a) from small rationals (both
  // roots rational, exact), and X with disc > 0 not a square (roots irrational, MPFR at 256 bits).
  Rng rng(ctx.seed("instances"));
  const int instances = ctx.budget_int("instances");
  auto small = [&] { return random_fraction(rng, -9, 9, 1, 9); };
  long exact_ok = 0, exact_n = 0, mpfr_ok = 0, mpfr_n = 0;
  double worst_rel = 0;
  for (int k = 0; k < instances; ++k) {
    Vec<Rational> bb(2), aa(2);
    bb << small(), small();
    aa << small(), small();
    const Vec<Rational> Xr = ding::phi<Rational>(bb, Mat<Rational>(aa));
    if (Xr(0) == 0) continue;
    for (const Rational& root : {bb(1) / bb(0), aa(1) / aa(0)}) {
      if (bb(0) == 0 || aa(0) == 0) continue;
      const auto [pb, pa] = k3<Rational>(Xr, root, broken);
      ++exact_n;
      exact_ok += ding::phi<Rational>(pb, pa) == Xr;
    }
    // An X with disc > 0 and irrational roots.
    Vec<Rational> Xi(3);
    Xi << small(), small(), small();
    const Rational disc = Xi(1) * Xi(1) - Rational(4) * Xi(0) * Xi(2);
    if (Xi(0) == 0 || disc <= 0) continue;
    const PrecisionScope bits(256);
    Vec<Mpfr> Xm(3);
    for (int i = 0; i < 3; ++i) Xm(i) = from_rational<Mpfr>(Xi(i));
    const Mpfr root = (Xm(1) + sqrt(from_rational<Mpfr>(disc))) / (2 * Xm(0));
    const auto [mb, ma] = k3<Mpfr>(Xm, root, broken);
    const Vec<Mpfr> gap = ding::phi<Mpfr>(mb, ma) - Xm;
    const double rel = to_double(Mpfr(gap.cwiseAbs().maxCoeff() / Xm.cwiseAbs().maxCoeff()));
    worst_rel = std::max(worst_rel, rel);
    ++mpfr_n;
    // A handful of roundings of numbers of size ≤ |X|·|t|²: 2^-240 leaves 16 bits of room.
    mpfr_ok += rel < std::ldexp(1.0, -240);
  }
  ev.note("drawn", fmt::format("{} of {} exact preimages (rational roots) reproduce X; {} of {} irrational cases within "
                               "2^-240 relative at 256 bits (worst {:.2e})",
                               exact_ok, exact_n, mpfr_ok, mpfr_n, worst_rel));
  ev.cases = 3 + exact_n + mpfr_n;
  if (inside && root_identity && zero_branch && exact_ok == exact_n && mpfr_ok == mpfr_n) {
    ev.verdict = Verdict::ProvedExactly;
    ev.certificate = "exact polynomial identities: every image point has disc ≥ 0, and K3 maps any X with a real root t "
                     "(disc ≥ 0) back to X; drawn instances agree";
    return ev;
  }
  ev.verdict = Verdict::Refuted;
  ev.counterexample = !root_identity ? "φ(K3(X, t)) − X is not −(X₁t² − X₂t + X₃)e₃: K3 does not reproduce X"
                                     : (!inside ? "disc(φ(b, a)) is not a square" : "a drawn instance is not reproduced");
  return ev;
}

const Registration row(family(),
    ClaimRow("MK06", Kind::Identity)
        .statement("d = 1: image(φ) = {X : disc(X) ≥ 0}; when disc ≥ 0, K3 reproduces X")
        .source("Theorem 3.3 (eq. 10, replaced by K3)")
        .uses({"K2", "K3"}, {"polynomial identities"})
        .arithmetic("exact rational (polynomials); MPFR 256 bits", {"exact", "mpfr"})
        .expect(Verdict::ProvedExactly, "(b₁t − b₂)(a₁t − a₂) = X₁t² − X₂t + X₃ factors the quadratic")
        .budget("instances", Axis::Instances, 200, 1)
        .rejects(defects::FlipPreimage)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk06
