// giannou2024/RELU1 — the sign-product gadget K7, proved on [0, 1] × {±1} by checking every piece end.
#include <algorithm>

#include <fmt/format.h>

#include "properties/giannou2024/exact_common.hpp"

namespace icl::giannou2024::relu1 {

MlpBlock<Rational> sign_gadget(Defect defect) {
  MlpBlock<Rational> m = gi::sign_product_mlp<Rational>();
  if (defect == defects::BadSignGadget) m.b1(1) = 1;  // relu(x − y + 1)
  return m;
}

Rational gadget(const MlpBlock<Rational>& m, const Rational& x, const Rational& y) {
  Mat<Rational> h(3, 1);
  h << x, y, 0;
  return forward(m, h)(2, 0);
}

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  const MlpBlock<Rational> m = sign_gadget(defect);
  // Proof by linearity: for fixed y the network is piecewise linear in x with kinks where a unit's
  // pre-activation vanishes; between consecutive kinks both sides are linear, so equality at the ends of
  // every piece of [0, 1] proves equality on all of [0, 1].
  long points = 0;
  std::string failure;
  for (const Rational& y : {Rational(1), Rational(-1)}) {
    std::vector<Rational> cuts{0, 1};
    for (Index u = 0; u < m.W1.rows(); ++u) {
      if (m.W1(u, 0) == 0) continue;
      const Rational kink = -(m.W1(u, 1) * y + m.b1(u)) / m.W1(u, 0);
      if (kink > 0 && kink < 1) cuts.push_back(kink);
    }
    std::sort(cuts.begin(), cuts.end());
    for (const Rational& x : cuts) {
      ++points;
      if (gadget(m, x, y) != x * y && failure.empty())
        failure = fmt::format("x = {}, y = {}: gadget {} ≠ x·y = {}", x.str(), y.str(), gadget(m, x, y).str(), (x * y).str());
    }
  }
  ev.note("proof by linearity", fmt::format("{} piece ends checked exactly (kinks of every unit inside [0, 1] and the "
                                            "boundary points 0 and 1), for y = ±1",
                                            points));
  ev.seed = ctx.seed();
  const auto outcome = check_property(
      ctx.id(),
      [&] {
        const long num = *rc::gen::inRange(0, 1001);
        const Rational x = Rational(num) / 1000, y = *rc::gen::element(Rational(1), Rational(-1));
        if (gadget(m, x, y) != x * y) RC_FAIL("x = " + x.str() + ", y = " + y.str());
      },
      PropertyParams(ev.seed, ctx.budget_int("cases")));
  ev.cases = points + outcome.successes;
  ev.max_error = 0;
  if (!failure.empty() || outcome.failed()) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = failure.empty() ? outcome.description : failure;
    ev.reproduce = outcome.reproduce;
  } else {
    ev.verdict = outcome.passed() ? Verdict::ProvedExactly : Verdict::Inconclusive;
    ev.certificate = "exact equality at every piece end of a piecewise-linear identity: a proof on [0, 1] × {±1}";
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("RELU1", Kind::Identity)
        .statement("K7 identity: x·y = relu(x + y − 1) − relu(x − y − 1) for x ∈ [0,1], y ∈ {±1}")
        .source("K7 (the sign-product gadget of §5)")
        .uses({"K7"}, {"direct"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly,
                "y = 1: relu(x) − relu(x − 2) = x; y = −1: relu(x − 2) − relu(x) = −x")
        .budget("cases", Axis::Cases, 200, 1)  // the proof is by linearity at the piece ends
        .rejects_by_property(defects::BadSignGadget, 0.1)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::relu1
