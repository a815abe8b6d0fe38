// vonoswald2023/C12 — after β-normalisation the trained weights are K1's: W_KQ ≈ diag(I_d, ·), W_PV's label row
// ≈ (0, −η*/N); in C27's notation u ≈ 0, m ≈ 0, b·M ≈ −(η*/N) I_d.
// Per seed, β = mean of the first d diagonal entries of W_KQ = W_Kᵀ W_Q (code `interpolate_weights`); M, m from W_KQ/β,
// (u, b) the label row of β·W_PV, W_PV = P W_V. Against the K1 construction at η* (vonoswald::gd_stack, the code's P):
//   structure: ‖M − I‖_F/√d, ‖m‖ and ‖u‖/(|b|√d) (u multiplies x_i where b multiplies y_i = wᵀx_i, ‖w‖ ≈ √d) ≤ 10%;
//   step: −b·mean diag(M) against the construction's −W_PV(y, y)·mean diag(W_KQ) = η*/N, within 10% relative;
// 10% = √kReach, the parameter accuracy C10's 1% loss gap implies (one_layer.hpp). Decided over the seeds trained to
// GD*'s loss (every seed at the paper's scale); drop-1/N in the construction is rejected through the step.
#include <fmt/format.h>

#include "properties/vonoswald2023/common.hpp"
#include "properties/vonoswald2023/one_layer.hpp"

namespace icl::vonoswald2023::c12 {

constexpr Index kD = 10, kN = 10;

struct Normalised {
  double structure, key_label, value_x, step;
};

Normalised normalise(const OneLayerSeed& s) {
  const double beta = s.WKQ.topLeftCorner(kD, kD).diagonal().mean();
  const Mat<double> M = s.WKQ.topLeftCorner(kD, kD) / beta;
  const double b = s.WPV(kD, kD) * beta;
  return {(M - Mat<double>::Identity(kD, kD)).norm() / std::sqrt(double(kD)), s.WKQ.row(kD).head(kD).norm() / std::abs(beta),
          s.WPV.row(kD).head(kD).norm() * std::abs(beta) / (std::abs(b) * std::sqrt(double(kD))), -b * M.diagonal().mean()};
}

Evidence check(Context& ctx) {
  Evidence ev;
  const OneLayerStudy st = one_layer_study(ctx);
  auto stack = vo::gd_stack<double>(Mat<double>::Zero(1, kD), {st.eta_star}, kN, vo::PForm::Code);
  damage(stack, ctx.defect(), kN);
  const auto& h = stack.at(0).heads.at(0);
  const Mat<double> KQ = h.WK.transpose() * h.WQ, PV = h.P * h.WV;
  const double gd = -PV(kD, kD) * KQ.topLeftCorner(kD, kD).diagonal().mean();
  std::string runs;
  for (const auto& s : st.seeds) {
    const Normalised n = normalise(s);
    runs += fmt::format("{}seed {}: ‖M − I‖/√d {:.3f}, ‖m‖ {:.3f}, ‖u‖/(|b|√d) {:.3f}, −b·diag M = {:.5f} (N· = {:.4f})",
                        runs.empty() ? "" : "; ", s.s, n.structure, n.key_label, n.value_x, n.step, kN * n.step);
  }
  ev.note("setting", one_layer_setting(st));
  ev.note("weights", runs);
  ev.note("construction", fmt::format("K1 at η* = {:.4f}: W_KQ = diag(I_d, 0), W_PV(y, y) = {:.5f}, step η*/N = {:.5f}",
                                      st.eta_star, PV(kD, kD), gd));
  const auto structure = trained_part(
      ev, st, "W_KQ ≈ diag(I, ·), u ≈ 0, m ≈ 0 (each ≤ 10%)",
      [](const OneLayerSeed& s) {
        const Normalised n = normalise(s);
        return n.structure <= kReachRelative && n.key_label <= kReachRelative && n.value_x <= kReachRelative;
      },
      [](const OneLayerSeed& s) {
        const Normalised n = normalise(s);
        return fmt::format("‖M − I‖/√d {:.3f}, ‖m‖ {:.3f}, ‖u‖/(|b|√d) {:.3f}", n.structure, n.key_label, n.value_x);
      });
  const auto step = trained_part(
      ev, st, "−b·M ≈ (η*/N) I (within 10%)",
      [&](const OneLayerSeed& s) { return std::abs(normalise(s).step / gd - 1) <= kReachRelative; },
      [&](const OneLayerSeed& s) {
        return fmt::format("−b·mean diag M = {:.5f} against the construction's {:.5f}", normalise(s).step, gd);
      });
  one_layer_verdict(ev, st, {structure, step}, "the normalised trained weights are K1's at η*: " + runs);
  return ev;
}

const Registration row(family(),
    one_layer_row("C12")
        .statement("After β-normalisation, trained W_KQ ≈ diag(I_d, ·) and W_PV ≈ diag(0, −η*/N), i.e. u ≈ 0, m ≈ 0, "
                   "b·M ≈ −(η*/N)I_d in the C27 notation")
        .uses({"K1"}, {"C7", "O7"})
        .expect(Verdict::Inconclusive, kOneLayerBudget.expectation() + ": "
                                       "structure and step within 10% in every seed (README)")
        .rejects(defects::DropOneOverN)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c12
