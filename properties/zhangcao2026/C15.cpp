// zhangcao2026/C15 — the learned blocks approach K1 and the product of their scales equals the teacher's η.
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/teacher.hpp"

namespace icl::zhangcao2026::c15 {

Evidence check(Context& ctx) {
  Evidence ev;
  const Size s = size_from(ctx);
  const Index d = s.d;
  const Mat<double> I = Mat<double>::Identity(d, d);
  double worst = 0;
  std::string table;
  std::vector<double> products;
  for (const Trained* t : trained(ctx)) {
    const double a = -t->p.A.trace() / d, b = t->p.B.trace() / d;
    const double errA = (t->p.A + a * I).norm() / t->p.A.norm(), errB = (t->p.B - b * I).norm() / t->p.B.norm();
    worst = std::max({worst, errA, errB, std::abs(a * b - s.eta) / s.eta});
    products.push_back(a * b);
    table += fmt::format("{}a = {:.5f}, b = {:.5f}, ab = {:.5f}, ‖A + aI‖/‖A‖ = {:.1e}, ‖B − bI‖/‖B‖ = {:.1e}",
                         table.empty() ? "" : "; ", a, b, a * b, errA, errB);
    ++ev.cases;
  }
  const auto [lo, hi] = std::minmax_element(products.begin(), products.end());
  ev.note("per training seed", table);
  ev.note("learned ab over seeds", fmt::format("{:.5f} … {:.5f} (teacher η = {})", *lo, *hi, s.eta));
  ev.note("identification", "the teacher w ↦ w + ηg(w) fixes a = 1 and b = η (a layer with (a, b) computes w + b·g(aw))");
  ev.max_error = worst;
  const bool ok = worst < kBlockShape;
  ev.verdict = ok ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (!ok) ev.counterexample = fmt::format("learned ab in [{:.4f}, {:.4f}] vs η = {}; worst relative error {:.2e}", *lo, *hi, s.eta, worst);
  if (std::string why; !ctx.enough_budget(&why)) ev.inconclusive(why);  // an unfinished run is not evidence
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
        .budget(kTeacherSteps)
        .budget(kTeacherPrompts)
        .budget(kTeacherSeeds)
        .rejects(defects::WrongTeacher)
        .fixture("zhangcao2026/teacher-layer")
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c15
