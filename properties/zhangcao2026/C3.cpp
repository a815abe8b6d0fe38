// zhangcao2026/C3 — g(w) = −∇L/L, and NGD is the same for mean- and sum-normalised L.
#include "oracles/series.hpp"
#include "properties/zhangcao2026/identity_common.hpp"

namespace icl::zhangcao2026::c3 {

// −∇L/L from the Taylor series of L(w + t e_k), L = (scale/N)·Σ_i e^{−m_i} (scale = 1: mean; N: sum).
// Written with the common factor e^{−min m} taken out, which cancels in the ratio.
Vec<Mpfr> series_direction(const Mat<Mpfr>& Z, const Vec<Mpfr>& w, const Mpfr& scale) {
  const Index d = Z.rows(), N = Z.cols();
  Vec<Mpfr> m(N);
  for (Index i = 0; i < N; ++i) m(i) = Z.col(i).dot(w);
  const Mpfr m_min = m.minCoeff();
  Vec<Mpfr> dir(d);
  for (Index k = 0; k < d; ++k) {
    oracle::Taylor<Mpfr> total(1);
    for (Index i = 0; i < N; ++i) {
      oracle::Taylor<Mpfr> s(1);
      s.c[1] = -Z(k, i);  // e^{−m_i(w + t e_k)} = e^{−m_i} e^{−t z_ik}
      oracle::Taylor<Mpfr> e = oracle::expm1_series(s);
      e.c[0] = Mpfr(1);
      total += e.scaled(Mpfr(exp(Mpfr(m_min - m(i)))));
    }
    total = total.scaled(scale / Mpfr(N));
    dir(k) = -total.c[1] / total.c[0];
  }
  return dir;
}

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  const PropertyParams params(ev.seed, ctx.budget_int("cases"));
  const auto direction = check::ladder_property(
      ctx.id(), params, ctx.bits(), "C3 |g(w) + ∇L/L| vs precision",
      [&] {
        const Instance in = draw_instance(0);
        return check::LadderCase{in.shown, [in, defect] {
                                   const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
                                   const Vec<Mpfr> w = vec<Mpfr>(in.w0);
                                   Vec<Mpfr> g = oracle::ngd_direction<Mpfr>(Z, w);
                                   if (defect == defects::WrongBound) g *= Mpfr(in.N()) / Mpfr(in.N() + 1);  // a mis-normalised g
                                   return mixed_error(g, series_direction(Z, w, Mpfr(1)));
                                 },
                                 ops(1, in.N(), in.d())};
      });
  constexpr int T = 10;
  const auto iterates = check::ladder_property(
      ctx.id() + ":iterates", params, ctx.bits(), "C3 |NGD(mean L) − NGD(sum L)| after 10 steps",
      [&] {
        const Instance in = draw_instance(T);
        return check::LadderCase{in.shown, [in] {
                                   const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
                                   Vec<Mpfr> a = vec<Mpfr>(in.w0), b = a;
                                   for (const Rational& eta_t : in.etas) {
                                     const Mpfr eta = from_rational<Mpfr>(eta_t);
                                     a += eta * series_direction(Z, a, Mpfr(1));
                                     b += eta * series_direction(Z, b, Mpfr(in.N()));
                                   }
                                   return mixed_error(a, b);
                                 },
                                 ops(T, in.N(), in.d())};
      });
  check::conclude(ev, direction, "g(w) = Σ p_i z_i against −∇L/L from the Taylor series of L (O5)", ctx.bits());
  check::conclude(ev, iterates, "NGD with mean-normalised and with sum-normalised L, 10 steps", ctx.bits());
  ev.cases = (direction.property.successes + iterates.property.successes * T) * 4L;
  return ev;
}

const Registration row(family(),
    ClaimRow("C3", Kind::Identity)
        .statement("g(w) = −∇L(w)/L(w) = Σ p_i z_i; NGD iterates coincide for mean- and sum-normalised L")
        .source("§3 (normalized GD on the exponential loss)")
        .uses({"—"}, {"O1", "O5"})
        .arithmetic("MPFR rising precision", {"mpfr"})
        .expect(Verdict::HoldsNumerically,
                "∇L = −(1/N)Σ e^{−m_i} z_i; a constant factor on L cancels in ∇L/L")
        .budget("cases", Axis::Cases, 8)
        .rejects_by_property(defects::WrongBound, 0.25)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c3
