// zhangcao2026/C22 — the landscape of the teacher-matching objective: stationary points, and whether every local minimum is global.
#include <Eigen/Eigenvalues>

#include "properties/zhangcao2026/tolerances.hpp"
#include "properties/zhangcao2026/teacher.hpp"

namespace icl::zhangcao2026::c22 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  const Size s = size_from(ctx);
  // The scalar map runs on the spec grid's d = 5, N = 20; the block multistart at the run's size.
  const Size scalar_size{5, 20, ctx.budget("scalar prompts"), s.steps, s.eta, s.lr};
  const Sample sample = teacher_sample(scalar_size, ctx.seed("sample"), defect);
  const Sample block_sample = teacher_sample(s, ctx.seed("block-sample"), defect);
  const Index d = scalar_size.d;
  const Mat<double> I = Mat<double>::Identity(d, d);
  // Scalar parameterisation A = −aI, B = bI. For fixed a the layer's output is w_0 + b·u_m(a) (u_m read off the
  // forward pass with b = 1), so the loss is a convex quadratic in b with the closed-form minimiser
  // b*(a) = Σ⟨u_m, t_m − w_0⟩/Σ‖u_m‖². The stationary points of L(a, b) are the critical points of the profile
  // f(a) = L(a, b*(a)): minima of f are minima of L, maxima of f are saddles of L.
  const auto profile = [&](double a, double* b_star) {
    const SoftmaxLayer<double> layer = block_layer<double>(Mat<double>(-a * I), I);
    double num = 0, den = 0;
    std::vector<Vec<double>> u;
    for (size_t m = 0; m < sample.Z.size(); ++m) {
      const Prompt<double> out = forward(layer, zc::ngd_prompt<double>(sample.Z[m], sample.w0[m], Vec<double>::Zero(d)));
      u.push_back(zc::state(out) - sample.w0[m]);
      num += u.back().dot(sample.target[m] - sample.w0[m]);
      den += u.back().squaredNorm();
    }
    const double b = num / den;
    double loss = 0;
    for (size_t m = 0; m < sample.Z.size(); ++m)
      loss += (sample.w0[m] + b * u[m] - sample.target[m]).squaredNorm() / static_cast<double>(sample.Z.size());
    if (b_star) *b_star = b;
    return loss;
  };
  const double lo = ctx.broken(defects::PositiveScan) ? 0 : -10, hi = 5;
  const int grid = 301;
  std::vector<double> as, fs;
  for (int i = 0; i < grid; ++i) {
    as.push_back(lo + (hi - lo) * i / (grid - 1));
    fs.push_back(profile(as.back(), nullptr));
  }
  struct Point {
    double a, b, loss;
    const char* kind;
  };
  std::vector<Point> found;
  for (int i = 1; i + 1 < grid; ++i) {
    const bool minimum = fs[i] <= fs[i - 1] && fs[i] <= fs[i + 1], maximum = fs[i] >= fs[i - 1] && fs[i] >= fs[i + 1];
    if (!minimum && !maximum) continue;
    // Golden-section refinement on [a_{i−1}, a_{i+1}].
    double x0 = as[i - 1], x1 = as[i + 1];
    const double phi = (std::sqrt(5.0) - 1) / 2;
    for (int k = 0; k < 60; ++k) {
      const double c = x1 - phi * (x1 - x0), e = x0 + phi * (x1 - x0);
      const double fc = profile(c, nullptr), fe = profile(e, nullptr);
      if ((fc < fe) == minimum) x1 = e;
      else x0 = c;
    }
    double b;
    const double a = (x0 + x1) / 2, loss = profile(a, &b);
    found.push_back({a, b, loss, minimum ? "minimum" : "saddle"});
  }
  ev.cases += grid;
  Series prof{"C22 profile loss f(a) = min_b L(a, b)", "a", "loss", as, fs};
  ev.series.push_back(prof);
  std::string list, inertia;
  bool all_global = true, saddle_in_blocks = true;
  for (const auto& p : found) {
    list += fmt::format("{}(a, b) = ({:.5f}, {:.5f}): loss {:.3e}, {}", list.empty() ? "" : "; ", p.a, p.b, p.loss, p.kind);
    if (std::string(p.kind) != "minimum" || p.loss <= kGlobalLoss) continue;
    all_global = false;
    // The same point in both landscapes: the 2×2 Hessian in (a, b) and the (2d²)×(2d²) Hessian in the blocks (A, B),
    // each by central differences of the analytic gradient (double).
    const Blocks at{Mat<double>(-p.a * I), Mat<double>(p.b * I)};
    const Mat<double> Hs = scalar_hessian(at, sample), Hb = block_hessian(at, sample);
    const Inertia is = inertia_of(Hs), ib = inertia_of(Hb);
    saddle_in_blocks = saddle_in_blocks && ib.negative > 0;
    inertia += fmt::format("{}a = {:.4f}: scalar Hessian inertia (+{}, −{}, 0×{}), eigenvalues {:.3g} … {:.3g}; block "
                           "Hessian inertia (+{}, −{}, 0×{}), most negative eigenvalue {:.3g}",
                           inertia.empty() ? "" : "; ", p.a, is.positive, is.negative, is.zero, is.lowest, is.highest,
                           ib.positive, ib.negative, ib.zero, ib.lowest);
  }
  // Block parameterisation: multistart from random blocks.
  std::string blocks;
  double worst_block = 0;
  long most_steps = 0;
  for (int start = 0; start < 4; ++start) {
    Trained t = train_blocks(s, block_sample, random_blocks(s.d, ctx.seed(std::to_string(start)), 0.5), s.steps, ctx.config());
    long steps = s.steps;
    // A start still above zero loss at the budget goes on from where it stopped, up to 10× the budget in all (as
    // ding2025/MK14 draws past its budget): under the default seed one start stopped at 3.2·10⁻⁶, under --seed 4242
    // every start was below 10⁻⁶, so a verdict read at the budget alone moved with the seed.
    if (t.curve.back() > kReachedZero) t = train_blocks(s, block_sample, t.p, 9 * s.steps, ctx.config()), steps += 9 * s.steps;
    most_steps = std::max(most_steps, steps);
    worst_block = std::max(worst_block, t.curve.back());
    blocks += fmt::format("{}{:.2e} ({} steps)", blocks.empty() ? "" : ", ", t.curve.back(), steps);
    ev.cases += steps;
  }
  ev.note(fmt::format("blocks (A, B), d = {}, N = {}: final losses of 4 random starts", s.d, s.N), blocks);
  if (!inertia.empty()) ev.note("the non-global scalar minima in both landscapes", inertia);
  const Verdict scalar = all_global ? Verdict::HoldsNumerically : Verdict::Refuted;
  ev.part("scalar (a, b): every local minimum global", scalar, list);
  ev.part("blocks (A, B): the scalar minima are saddles", all_global ? Verdict::Inconclusive
                                                         : saddle_in_blocks ? Verdict::HoldsNumerically : Verdict::Refuted,
          inertia);
  ev.part("blocks (A, B): random starts reach zero loss",
          worst_block <= kReachedZero ? Verdict::HoldsNumerically : Verdict::Inconclusive,
          fmt::format("worst final loss {:.2e} from 4 starts (at most {} steps)", worst_block, most_steps));
  ev.verdict = scalar;
  if (!all_global)
    ev.counterexample = "in the scalar parameterisation A = −aI, B = bI the objective has a local minimum with positive "
                        "loss at a < 0 (positive definite 2×2 Hessian); in the block parameterisation the same point is "
                        "a saddle (negative Hessian eigenvalues): the refutation concerns the scalar landscape; see details";
  std::string why;
  if (!ctx.enough("scalar prompts", &why)) ev.inconclusive(why);  // the landscape of a smaller sample is another one
  return ev;
}

const Registration row(family(),
    ClaimRow("C22", Kind::Empirical)
        .statement("Landscape of the teacher-matching objective: stationary points in the scalar (a, b) and "
                    "block parameterisations, and whether every local minimum is global")
        .source("§8 (optimisation landscape)")
        .uses({"K6"}, {"O1"})
        .arithmetic("double", {"double"})
        .expect(Verdict::Refuted,
                "the scalar objective has a non-global local minimum at a < 0 (loss ≈ 0.5–0.9, found in 7 of 8 "
                "probed (d, N, seed)) besides the global (1, η); every block-parameterised start reaches zero "
                "loss")
        .budget(kTeacherSteps)
        .budget(kTeacherPrompts)
        .part("scalar (a, b): every local minimum global", Verdict::Refuted)
        .part("blocks (A, B): the scalar minima are saddles", Verdict::HoldsNumerically)
        .part("blocks (A, B): random starts reach zero loss", Verdict::HoldsNumerically)
        .budget("scalar prompts", Axis::Tasks, 64, 64)
        .variant(defects::PositiveScan, Verdict::HoldsNumerically)
        .check(check),
    __FILE__);

}  // namespace icl::zhangcao2026::c22
