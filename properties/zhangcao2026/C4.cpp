// zhangcao2026/C4 — from w_0 = 0 the first layer outputs η·mean(z_i), exactly.
#include "properties/zhangcao2026/identity_common.hpp"

namespace icl::zhangcao2026::c4 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  // At w_0 = 0 every score is 0, so softmax is exactly uniform and the layer runs in exact rationals.
  const auto outcome = check_property(
      ctx.id(),
      [&] {
        const int d = check::pick_dim(1, 4), N = check::pick_dim(1, 8);
        check::RcSource src;
        const Mat<Rational> Z = src.matrix(d, N, "z_i = y_i x_i (columns)"), xq = src.matrix(d, 1, "x_q");
        const Rational eta = src.nonzero("η");
        const Prompt<Rational> out =
            forward(k1<Rational>(d, eta, defect), zc::ngd_prompt<Rational>(Z, Vec<Rational>::Zero(d), xq.col(0)));
        const Vec<Rational> expected = eta * Z.rowwise().sum() / Rational(N);
        if (zc::state(out) != expected)
          RC_FAIL(src.instance() + "layer output " + check::show(Mat<Rational>(zc::state(out))) + " ≠ η·mean(z) = " +
                  check::show(Mat<Rational>(expected)));
      },
      PropertyParams(ev.seed, ctx.budget_int("cases")));
  ev.cases = outcome.successes;
  ev.max_error = 0;
  if (!record_failure(ev, outcome)) {
    ev.verdict = outcome.passed() ? Verdict::ProvedExactly : Verdict::Inconclusive;
    ev.certificate = "exact rational forward passes (all scores 0, so exp(0 − 0) = 1 exactly) on every case";
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("C4", Kind::Identity)
        .statement("From w_0 = 0 the first layer outputs η·(1/N)Σ_i y_i x_i")
        .source("§4 (first layer from w_0 = 0)")
        .uses({"K1"}, {"direct"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly,
                "all scores are 0, so the softmax is uniform")
        .budget("cases", Axis::Cases, 100)
        .rejects_by_property(defects::DropEta, 0.3)
        .rejects_by_property(defects::QueryAmongKeys, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c4
