// vonoswald2023/C14 — OOD, 1 layer: under input scaling α ∈ [0.5, 2] (step 0.03), teacher scaling α ∈ [0.5, 5]
// (step 0.1) and the mixed normal/exponential/Laplace inputs (α ∈ [0.5, 5], step 0.1) the trained TF's loss ≈ GD*'s
// at every α, both degrading away from α = 1.
// The trained 1-layer models of C10 (5 seeds) and GD* = one GD step (O1) at the in-distribution line-searched η̂, on
// fresh tasks per α (S-code convention: input scaling draws x ~ U(−α/2, α/2); teacher scaling W → αW; mixed: each
// task's (N + 1) × d input matrix drawn N(0, 1), Exp(1) or Laplace(0, 1) with probability 1/3, divided by its
// Frobenius norm and scaled by α, spec §7). "≈" is C11's reading carried to each α: by Minkowski,
// |√(2L_TF) − √(2L_GD)| ≤ rms(ŷ_TF − ŷ_GD), and the reading is rms(ŷ_TF − ŷ_GD) ≤ √kReach·rms(ŷ_GD), so a seed agrees
// at α when |√L_TF − √L_GD| ≤ √kReach·rms(ŷ_GD)/√2. "Degrading": under input scaling L/L_0 (L_0 the zero predictor)
// is larger at α = 0.5 and α = 2 than at α = 1, for both. Decided over the seeds trained to GD*'s loss.
// Noted beside: a 1-layer LSA and one GD step are both homogeneous — degree 3 in the inputs, 1 in the teacher — so
// the scaling axes rescale the in-distribution comparison exactly (in population); only the mixed law is new.
#include <cmath>

#include <fmt/format.h>

#include "properties/vonoswald2023/one_layer.hpp"

namespace icl::vonoswald2023::c14 {

enum class Shift { Input, Teacher, Mixed };

struct Grid {
  Shift axis;
  const char* name;
  double from, to, step;
};
const Grid kGrids[] = {{Shift::Input, "input scaling", 0.5, 2.0, 0.03},
                       {Shift::Teacher, "teacher scaling", 0.5, 5.0, 0.1},
                       {Shift::Mixed, "mixed normal/exponential/Laplace", 0.5, 5.0, 0.1}};

Tasks draw(Rng& rng, Shift axis, double alpha, Index B) {
  const TaskLaw law = s_code_tasks();
  if (axis == Shift::Input) return input_scaled_tasks(rng, law, alpha, B);  // x ~ U(−α/2, α/2)
  Tasks t = draw_tasks(rng, law, B);
  const Index d = law.d, N = law.N;
  if (axis == Shift::Teacher) {
    t.tokens.C.row(d) *= alpha;
    t.y *= alpha;
  } else {
    Vec<double> w(d);
    Mat<double> X(d, N + 1);
    for (Index b = 0; b < B; ++b) {
      const int kind = int(rng.integer(0, 2));
      for (Index i = 0; i < X.size(); ++i) {
        const double u = rng.uniform01();
        X(i) = kind == 0 ? rng.normal() : kind == 1 ? -std::log1p(-u) : (u < 0.5 ? std::log(2 * u) : -std::log(2 - 2 * u));
      }
      X *= alpha / X.norm();
      for (Index k = 0; k < d; ++k) w(k) = rng.normal();
      t.tokens.C.block(0, b * N, d, N) = X.leftCols(N);
      t.tokens.C.block(d, b * N, 1, N) = w.transpose() * X.leftCols(N);
      t.tokens.Q.col(b).head(d) = X.col(N);
      t.y(b) = w.dot(X.col(N));
    }
  }
  return t;
}

struct Point {
  double L_tf, L_gd, L_zero, rms_gd;
  bool agrees() const { return std::abs(std::sqrt(L_tf) - std::sqrt(L_gd)) <= kReachRelative * rms_gd / std::sqrt(2.0); }
};

Point measure(const LsaModel<double>& m, const Tasks& t, const GdPredictions& gd) {
  const double B = double(t.y.size());
  return {0.5 * (predict(m, t.tokens) - t.y).squaredNorm() / B, 0.5 * (gd.y_hat - t.y).squaredNorm() / B,
          0.5 * t.y.squaredNorm() / B, std::sqrt(gd.y_hat.squaredNorm() / B)};
}

Evidence check(Context& ctx) {
  Evidence ev;
  const OneLayerStudy st = one_layer_study(ctx);
  const long tasks = ctx.budget("tasks");
  const double eta = st.seeds.front().eta_hat;  // the same evaluation set, so the same η̂ for every seed
  // agree[g][s]: seed s agrees with GD* at every α of grid g; worst ratio per grid for the evidence.
  std::vector<std::vector<bool>> agree(3, std::vector<bool>(st.seeds.size(), true));
  std::vector<bool> degrade(st.seeds.size(), true);
  std::vector<std::string> first_apart(3);
  std::string curves;
  for (int g = 0; g < 3; ++g) {
    const Grid& grid = kGrids[g];
    Rng rng(ctx.seed(grid.name));
    double worst = 1;
    std::vector<double> alphas, gd_curve;
    std::vector<std::vector<double>> tf_curves(st.seeds.size());
    for (int k = 0;; ++k) {
      const double alpha = grid.from + k * grid.step;
      if (alpha > grid.to + 1e-9) break;
      const Tasks t = draw(rng, grid.axis, alpha, tasks);
      const GdPredictions gd = gd_predictions(t, eta);
      alphas.push_back(alpha);
      for (size_t s = 0; s < st.seeds.size(); ++s) {
        const Point p = measure(st.seeds[s].run->model, t, gd);
        if (s == 0) gd_curve.push_back(p.L_gd);
        tf_curves[s].push_back(p.L_tf);
        worst = std::max(worst, std::max(p.L_tf / p.L_gd, p.L_gd / p.L_tf));
        if (!p.agrees() && agree[g][s] && first_apart[g].empty())
          first_apart[g] = fmt::format("{}, α = {:.2f}: L_TF {:.4g} against L_GD {:.4g} (allowed |√L_TF − √L_GD| ≤ {:.3g})",
                                       grid.name, alpha, p.L_tf, p.L_gd, kReachRelative * p.rms_gd / std::sqrt(2.0));
        agree[g][s] = agree[g][s] && p.agrees();
      }
    }
    ev.series.push_back({fmt::format("{}: GD* loss", grid.name), "α", "½-MSE", alphas, gd_curve});
    for (size_t s = 0; s < st.seeds.size(); ++s)
      ev.series.push_back({fmt::format("{}: seed {} TF loss", grid.name, s), "α", "½-MSE", alphas, tf_curves[s]});
    curves += fmt::format("{}{}: {} α values, L_GD {:.4g} (α = {:.2f}) … {:.4g} (α = {:.2f}), worst L_TF/L_GD or inverse "
                          "{:.4f}",
                          curves.empty() ? "" : "; ", grid.name, alphas.size(), gd_curve.front(), alphas.front(),
                          gd_curve.back(), alphas.back(), worst);
  }
  // Degrading under input scaling: L/L_0 at α = 0.5 and 2 against α = 1, for TF and GD.
  {
    Rng rng(ctx.seed("degrading"));
    std::vector<Tasks> at;
    for (const double alpha : {0.5, 1.0, 2.0}) at.push_back(draw(rng, Shift::Input, alpha, tasks));
    std::string rel;
    for (size_t s = 0; s < st.seeds.size(); ++s) {
      double tf[3], gd[3];
      for (int i = 0; i < 3; ++i) {
        const Point p = measure(st.seeds[s].run->model, at[size_t(i)], gd_predictions(at[size_t(i)], eta));
        tf[i] = p.L_tf / p.L_zero, gd[i] = p.L_gd / p.L_zero;
      }
      degrade[s] = tf[0] > tf[1] && tf[2] > tf[1] && gd[0] > gd[1] && gd[2] > gd[1];
      if (s == 0)
        rel = fmt::format("seed 0, L/L_0 at α = 0.5, 1, 2: TF {:.3f}, {:.3f}, {:.3f}; GD {:.3f}, {:.3f}, {:.3f}", tf[0], tf[1],
                          tf[2], gd[0], gd[1], gd[2]);
    }
    ev.note("degrading", rel);
  }
  ev.note("setting", one_layer_setting(st) + fmt::format("; {} fresh tasks per α, GD* at η̂ = {:.3f}", tasks, eta));
  ev.note("curves", curves);
  ev.note("observation", "a 1-layer LSA with W_0 = 0 and one GD step are homogeneous of degree 3 in the inputs and 1 in "
                         "the teacher, so input and teacher scaling rescale the in-distribution comparison exactly in "
                         "population; under teacher scaling both losses are α²·L (C24): below α = 1 they fall, they do not "
                         "degrade");
  std::vector<std::pair<Verdict, std::string>> parts;
  for (int g = 0; g < 3; ++g) {
    const auto part = trained_part(
        ev, st, fmt::format("TF ≈ GD* at every α, {}", kGrids[g].name),
        [&](const OneLayerSeed& s) { return bool(agree[size_t(g)][size_t(s.s)]); },
        [&](const OneLayerSeed&) { return first_apart[size_t(g)]; });
    parts.push_back(part);
  }
  parts.push_back(trained_part(
      ev, st, "input scaling: L/L_0 larger at α = 0.5 and 2 than at 1, TF and GD",
      [&](const OneLayerSeed& s) { return bool(degrade[size_t(s.s)]); },
      [](const OneLayerSeed&) { return std::string("L/L_0 is not larger at α = 0.5 and 2 than at α = 1"); }));
  one_layer_verdict(ev, st, parts, "every seed trained to GD*'s loss tracks GD* at every α of the three axes: " + curves);
  ev.cases = long(st.seeds.size()) * tasks;
  return ev;
}

const Registration row(family(),
    one_layer_row("C14")
        .statement("OOD (1 layer): input scaling α ∈ [0.5, 2] (step 0.03), teacher scaling α ∈ [0.5, 5] (step 0.1) and the "
                   "mixed normal/exponential/Laplace inputs give TF loss ≈ GD* loss at every α, both degrading away from "
                   "α = 1")
        .uses({"K1"}, {"O1", "O7", "C24"})
        .budget("tasks", Axis::Tasks, 200, 200)  // the paper's 10⁴ tasks per α at the paper's steps (`--effort 50`)
        .expect(Verdict::Inconclusive, kOneLayerBudget.expectation() + ": "
                                       "every seed tracks GD* at every α (README)")
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c14
