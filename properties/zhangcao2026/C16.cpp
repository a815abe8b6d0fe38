// zhangcao2026/C16 — the looped trained layer out of distribution tracks exact NGD and tends to u*.
#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/teacher.hpp"

namespace icl::zhangcao2026::c16 {

Evidence check(Context& ctx) {
  Evidence ev;
  const Size s = size_from(ctx);
  const auto runs = trained(ctx);
  Rng rng = ctx.rng();
  std::string table;
  double worst_ngd = 1, worst_star = 1;
  struct Shift {
    const char* name;
    Index N;
    bool sphere;
    double gamma0;
  };
  for (const Shift sh : {Shift{"N×2, Gaussian x", 2 * s.N, false, 0.05}, Shift{"N×4, x on the sphere", 4 * s.N, true, 0.05},
                         Shift{"N/2, margin ≥ 0.3", std::max<Index>(2, s.N / 2), false, 0.3}}) {
    const Mat<Rational> Zr = draw_separable(rng, s.d, sh.N, sh.gamma0, sh.sphere).Z;
    const Mat<double> Z = cast_matrix<double>(Zr);
    const Vec<double> v = cast_matrix<double>(Mat<Rational>(oracle::hard_margin_qp(Zr).v));
    const Vec<double> u = v / v.norm();
    std::string row;
    for (size_t k = 0; k < runs.size(); ++k) {  // every trained layer, looped on the same shifted prompt
      const Mat<double> A = ctx.broken(defects::FlipScoreSign) ? Mat<double>(-runs[k]->p.A) : runs[k]->p.A;
      const SoftmaxLayer<double> layer = block_layer<double>(A, runs[k]->p.B);
      Prompt<double> p = zc::ngd_prompt<double>(Z, Vec<double>::Zero(s.d), Vec<double>::Zero(s.d));
      Vec<double> w = Vec<double>::Zero(s.d);
      for (long T = 1; T <= 1000; ++T) {
        p = forward(layer, p);
        w = oracle::ngd_step<double>(Z, w, s.eta);
        if (T == 1 || T == 10 || T == 100 || T == 1000) {
          const Vec<double> what = zc::state(p);
          const double c_ngd = what.dot(w) / (what.norm() * w.norm()), c_star = what.dot(u) / what.norm();
          worst_ngd = std::min(worst_ngd, c_ngd);
          if (T == 1000) worst_star = std::min(worst_star, c_star);
          if (k == 0)
            row += fmt::format("{}T={}: cos(ŵ, w_NGD) {:.6f}, cos(ŵ, u*) {:.4f}", row.empty() ? "" : ", ", T, c_ngd, c_star);
        }
      }
      ev.cases += 1000;
    }
    table += fmt::format("{}{}: {}", table.empty() ? "" : "; ", sh.name, row);
  }
  ev.note("looped learned layer on shifted prompts (d = " + std::to_string(s.d) + ", from w_0 = 0), training seed 0", table);
  ev.note("over every training seed", fmt::format("{} layers: min cos(ŵ_T, w_T^NGD) {:.6f}; min cos(ŵ_1000, u*) {:.4f}",
                                                  runs.size(), worst_ngd, worst_star));
  ev.bound = worst_ngd;
  ev.bound_label = "min cos(ŵ_T, w_T^NGD)";
  const bool ok = worst_ngd > kMinCosine && worst_star > kMinCosine;
  ev.verdict = ok ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (!ok) ev.counterexample = fmt::format("min cos with NGD {:.4f}, with u* at T = 1000 {:.4f}", worst_ngd, worst_star);
  if (std::string why; !ctx.enough_budget(&why)) ev.inconclusive(why);  // an unfinished run is not evidence
  return ev;
}

const Registration row(family(),
    ClaimRow("C16", Kind::Empirical)
        .statement("The looped trained layer generalises OOD (new N, x law, margin, T ≫ 1): its output tracks "
                    "exact NGD and its direction tends to u*")
        .source("§8 (out-of-distribution loop)")
        .uses({"K6"}, {"O1", "O3"})
        .arithmetic("double", {"double"})
        .expect(Verdict::HoldsNumerically,
                "the learned layer is K1 to 1e-4, so its loop is NGD on any prompt")
        .budget(kTeacherSteps)
        .budget(kTeacherPrompts)
        .budget(kTeacherSeeds)
        .fixture("zhangcao2026/teacher-layer")
        .rejects(defects::FlipScoreSign)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c16
