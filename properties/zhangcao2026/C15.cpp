// zhangcao2026/C15 — the learned blocks approach K1 and the product of their scales equals the teacher's η.
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/teacher.hpp"

namespace icl::zhangcao2026::c15 {

Evidence check(Context& ctx) {
  Evidence ev;
  const Size s = size_from(ctx);
  const Trained& t = trained(ctx);
  const Index d = s.d;
  const double a = -t.p.A.trace() / d, b = t.p.B.trace() / d;
  const Mat<double> I = Mat<double>::Identity(d, d);
  const double errA = (t.p.A + a * I).norm() / t.p.A.norm(), errB = (t.p.B - b * I).norm() / t.p.B.norm();
  ev.cases = 1;
  ev.note("fitted scales", fmt::format("A ≈ −a·I with a = {:.5f}; B ≈ b·I with b = {:.5f}; ab = {:.5f} (teacher η = {})", a, b,
                                       a * b, s.eta));
  ev.note("relative Frobenius errors", fmt::format("‖A + aI‖/‖A‖ = {:.2e}, ‖B − bI‖/‖B‖ = {:.2e}", errA, errB));
  ev.note("identification", "the teacher w ↦ w + ηg(w) fixes a = 1 and b = η (a layer with (a, b) computes w + b·g(aw))");
  ev.max_error = std::max({errA, errB, std::abs(a * b - s.eta) / s.eta});
  const bool ok = errA < kBlockShape && errB < kBlockShape && std::abs(a * b - s.eta) < kBlockShape * s.eta;
  ev.verdict = ok ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (!ok) ev.counterexample = fmt::format("learned ab = {:.4f} vs η = {}; block errors {:.2e}, {:.2e}", a * b, s.eta, errA, errB);
  return ev;
}

const Registration row(family(),
    ClaimRow("C15", Kind::Empirical)
        .statement("Learned parameters approach K1: W_KQ[F,S] ∝ −I, W_V[S,F] ∝ I; the product of the learned "
                    "scale coefficients equals the teacher's η (P6)")
        .source("§8, P6")
        .uses({"K6"}, {"O1"})
        .arithmetic("double", {"double"})
        .expect(Verdict::HoldsNumerically,
                "the teacher identifies a = 1 and b = η; training reaches them to 1e-4")
        .budget("steps", Axis::Steps, 400)
        .budget("prompts", Axis::Tasks, 64)
        .rejects(defects::WrongTeacher)
        .fixture("zhangcao2026/teacher-layer")
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c15
