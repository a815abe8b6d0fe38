// zhangcao2026/C19 — the ReLU label gadget K5 equals y·x on |x| ≤ 2C, proved piece by piece.
#include "properties/zhangcao2026/identity_common.hpp"

namespace icl::zhangcao2026::c19 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  const Rational C = 2;
  MlpBlock<Rational> gadget = zc::label_gadget<Rational>(1, C);
  if (defect == defects::WrongBound) gadget.b1.setConstant(-C / 2);  // a gadget built for half the range
  // Proof by linearity on x ∈ [−2C, 2C] for y = ±1: equality at every kink and both ends.
  long points = 0;
  std::string failure;
  for (const Rational& y : {Rational(1), Rational(-1)}) {
    std::vector<Rational> cuts{-2 * C, 2 * C};
    for (Index u = 0; u < gadget.W1.rows(); ++u) {
      const Rational kink = -(gadget.W1(u, 1) * y + gadget.b1(u)) / gadget.W1(u, 0);
      if (kink > -2 * C && kink < 2 * C) cuts.push_back(kink);
    }
    for (const Rational& x : cuts) {
      Mat<Rational> h(3, 1);
      h << x, y, 0;
      ++points;
      if (forward(gadget, h)(2, 0) != x * y && failure.empty())
        failure = fmt::format("x = {}, y = {}: gadget gives {} ≠ x·y", x.str(), y.str(), forward(gadget, h)(2, 0).str());
    }
  }
  ev.note("gadget, proof by linearity", fmt::format("{} kinks and ends of [−2C, 2C] (C = 2, boundary |x| = 2C included) "
                                                     "checked exactly for y = ±1", points));
  // K5 = K1 after preprocessing: raw tokens [x_i; y_i] → z_i; the K1 prompts coincide exactly, so the layers agree.
  Rng rng = ctx.rng();
  const int prompts = ctx.budget_int("prompts");
  bool same_tokens = true;
  for (int c = 0; c < prompts; ++c) {
    const Index d = static_cast<Index>(rng.integer(1, 4)), N = static_cast<Index>(rng.integer(1, 8));
    MlpBlock<Rational> g = zc::label_gadget<Rational>(d, C);
    if (defect == defects::WrongBound) g.b1.setConstant(-C / 2);
    Mat<Rational> raw = Mat<Rational>::Zero(2 * d + 1, N), z(d, N);
    for (Index i = 0; i < N; ++i) {
      const Rational y = rng.integer(0, 1) ? 1 : -1;
      for (Index k = 0; k < d; ++k) {
        raw(k, i) = Rational(rng.integer(-4096, 4096)) / 1024;  // |x| ≤ 2C = 4, boundary included
        z(k, i) = y * raw(k, i);
      }
      raw(d, i) = y;
    }
    same_tokens = same_tokens && forward(g, raw).bottomRows(d) == z;
    ++points;
  }
  ev.note(fmt::format("K5 preprocessing on {} random prompts (|x| ≤ 2C)", prompts), same_tokens ? "the produced z_i equal y_i x_i exactly, so K5 "
                                                                            "and K1 see identical prompts"
                                                                          : "z_i differ from y_i x_i");
  ev.cases = points;
  ev.max_error = 0;
  if (!failure.empty() || !same_tokens) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = failure.empty() ? "the preprocessed tokens differ from y·x" : failure;
  } else {
    ev.verdict = Verdict::ProvedExactly;
    ev.certificate = "exact at every kink and end of a piecewise-linear identity: a proof on [−2C, 2C] × {±1}";
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("C19", Kind::Identity)
        .statement("The ReLU gadget of K5 equals y·x for |x| ≤ 2C, y ∈ {±1}, and K5 equals K1 after "
                    "preprocessing")
        .source("§4 (K5 label preprocessing)")
        .uses({"K5"}, {"direct"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly,
                "y = 1: ρ(x) − ρ(−x) − ρ(x − 2C) + ρ(−x − 2C) = x on |x| ≤ 2C; y = −1 symmetric")
        .budget("prompts", Axis::Instances, 20)
        .rejects(defects::WrongBound, 0.2)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c19
