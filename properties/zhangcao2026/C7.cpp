// zhangcao2026/C7 — B1: the NGD iterates stay in the cone of the z_i with coefficient sum ηt.
#include "properties/zhangcao2026/bounds_common.hpp"

namespace icl::zhangcao2026::c7 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed();
  const auto ps = prompts(ev.seed, ctx.budget_int("prompts"), false, 0.1);
  const int T = 40;
  double min_c = 1e300;
  const check::Ladder recon = check::precision_ladder(ctx.bits(), "C7 |Z c_t − w_t(NGD)| and |Σc − ηt|", [&] {
    double worst = 0;
    for (const auto& Zr : ps) {
      const Mat<Mpfr> Z = cast_matrix<Mpfr>(Zr);
      const Mpfr eta(0.7);
      Vec<Mpfr> c = Vec<Mpfr>::Zero(Zr.cols()), w = Vec<Mpfr>::Zero(Zr.rows());
      for (int t = 1; t <= T; ++t) {
        c = oracle::cone_step<Mpfr>(Z, c, eta);
        w = oracle::ngd_step<Mpfr>(Z, w, eta);
        const Mpfr target = (defect == defects::WrongBound ? 2 : 1) * eta * t;
        worst = std::max({worst, to_double(Mpfr((Z * c - w).cwiseAbs().maxCoeff())), std::abs(to_double(Mpfr(c.sum() - target)))});
        min_c = std::min(min_c, to_double(c.minCoeff()));
      }
    }
    return worst;
  }, 16.0 * T * 25);
  ev.note("c_i > 0", fmt::format("smallest coefficient {:.3g} (softmax weights are positive)", min_c));
  ev.note("reconstruction and coefficient sum", recon.summary());
  ev.series.push_back(recon.series);
  ev.precision_bits = ctx.bits();
  ev.cases = static_cast<long>(ps.size()) * T * 4;
  for (size_t i = 0; i < recon.series.x.size(); ++i)
    if (recon.series.x[i] >= ctx.bits()) {
      ev.max_error = recon.series.y[i];  // at the working precision
      break;
    }
  ev.verdict = check::identity_holds(recon) && min_c > 0 ? Verdict::HoldsNumerically : Verdict::Refuted;
  if (ev.verdict == Verdict::Refuted) ev.counterexample = "the cone tracker disagrees with NGD or Σc ≠ ηt: " + recon.summary();
  return ev;
}

const Registration row(family(),
    ClaimRow("C7", Kind::Identity)
        .statement("B1 (cone): w_t = Σ_i c_i z_i with c_i ≥ 0 and Σ_i c_i = ηt")
        .source("§5 (B1)")
        .uses({"—"}, {"O1", "O4"})
        .arithmetic("MPFR rising precision", {"mpfr"})
        .expect(Verdict::HoldsNumerically,
                "each step adds η times a probability vector of coefficients")
        .budget("prompts", Axis::Instances, 6)
        .rejects(defects::WrongBound, 0.34)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c7
