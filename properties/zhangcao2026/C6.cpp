// zhangcao2026/C6 — K3 looped gives NGD with step ab, divided by a; the direction depends on ab only.
#include "properties/zhangcao2026/identity_common.hpp"

namespace icl::zhangcao2026::c6 {

struct ScaledInstance {
  Instance in;
  Rational a, b, c;  // (a, b) and (c·a, b/c) have the same product
};

ScaledInstance draw_scaled() {
  ScaledInstance s{draw_instance(0, true), 0, 0, 0};
  check::RcSource src;
  s.a = src.positive("a");
  s.b = src.positive("b");
  s.c = src.positive("c");
  s.in.shown += src.instance();
  return s;
}

// K3 with scales (a, b) looped T times from w_0 = 0.
Vec<Mpfr> looped_k3(const Instance& in, const Mpfr& a, const Mpfr& b, int T, Defect defect) {
  SoftmaxLayer<Mpfr> layer = zc::scaled_layer<Mpfr>(in.d(), a, b);
  if (defect == defects::DropEta) layer.heads[0].P /= b;
  Prompt<Mpfr> p = zc::ngd_prompt<Mpfr>(cast_matrix<Mpfr>(in.Z), vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
  for (int t = 0; t < T; ++t) p = forward(layer, p);
  return zc::state(p);
}

// w/|w|, and 0 for w = 0 (a prompt with z = 0 never moves).
Vec<Mpfr> direction_of(const Vec<Mpfr>& w) {
  const Mpfr n = sqrt(Mpfr(w.squaredNorm()));
  return n == 0 ? w : Vec<Mpfr>(w / n);
}

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  constexpr int T = 30;
  const PropertyParams params(ev.seed, ctx.budget_int("cases"));
  const auto loop = check::ladder_property(
      ctx.id(), params, ctx.bits(), "C6 |K3^T(0) − NGD_{ab}^T(0)/a|",
      [&] {
        const ScaledInstance s = draw_scaled();
        return check::LadderCase{s.in.shown, [s, defect] {
                                   const Mpfr a = from_rational<Mpfr>(s.a), b = from_rational<Mpfr>(s.b);
                                   const Mat<Mpfr> Z = cast_matrix<Mpfr>(s.in.Z);
                                   Vec<Mpfr> v = Vec<Mpfr>::Zero(s.in.d());
                                   for (int t = 0; t < T; ++t) v = oracle::ngd_step<Mpfr>(Z, v, Mpfr(a * b));
                                   return mixed_error(looped_k3(s.in, a, b, T, defect), Vec<Mpfr>(v / a));
                                 },
                                 ops(T, s.in.N(), s.in.d())};
      });
  const auto direction = check::ladder_property(
      ctx.id() + ":direction", params, ctx.bits(), "C6 direction for (a, b) and (ca, b/c)",
      [&] {
        const ScaledInstance s = draw_scaled();
        return check::LadderCase{s.in.shown, [s] {
                                   // c = 2 would scale exactly in binary; a drawn c makes the runs round differently
                                   const Mpfr a = from_rational<Mpfr>(s.a), b = from_rational<Mpfr>(s.b);
                                   const Mpfr ca = from_rational<Mpfr>(s.c * s.a), b_c = from_rational<Mpfr>(s.b / s.c);
                                   return mixed_error(direction_of(looped_k3(s.in, a, b, T, Defect{})),
                                                      direction_of(looped_k3(s.in, ca, b_c, T, Defect{})));
                                 },
                                 ops(T, s.in.N(), s.in.d())};
      });
  check::conclude(ev, loop, fmt::format("random prompts, K3 with random (a, b) looped {} times from w_0 = 0", T), ctx.bits());
  check::conclude(ev, direction, "the same with (ca, b/c): equal directions", ctx.bits());
  ev.cases = (loop.property.successes + direction.property.successes * 2L) * T * 4L;
  return ev;
}

const Registration row(family(),
    ClaimRow("C6", Kind::Identity)
        .statement("K3 looped from w_0 = 0 gives w_t = NGD_{step ab}(t)/a; the direction depends on ab only")
        .source("§4 (K3 scaling)")
        .uses({"K3"}, {"O1"})
        .arithmetic("MPFR rising precision", {"mpfr"})
        .expect(Verdict::HoldsNumerically,
                "v = a·S follows v ← v + ab·g(v)")
        .budget("cases", Axis::Cases, 6)
        .rejects_by_property(defects::DropEta, 0.34)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c6
