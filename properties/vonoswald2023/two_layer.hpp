// von Oswald family: the tied 2-layer LSA of §2.5 (S-code, d = N = 10, 1 head, clip 0.001, lr 10⁻³, init 0.002/2)
// and its two baselines on the run's 10⁴ evaluation tasks (C16):
//   2-step GD (O1) with one shared η, line-searched on the evaluation set as the code's `scan_lrs` does (the
//   prediction is quadratic in η, ŷ(η) = η·a + η²·b, read off O1 at η = 1 and 2);
//   tied GD++ (O2) with (η, γ) fitted on 4096 separate fitting tasks (the code fits by Adam on fresh batches,
//   `pre_train_gd_hps`; the suite minimises the same ½-MSE deterministically: for each γ the loss is a quartic in η,
//   minimised exactly, over a γ grid refined by golden section — a deviation in procedure, not in objective).
#pragma once

#include <string>

#include "core/context.hpp"
#include "properties/vonoswald2023/training.hpp"

namespace icl::vonoswald2023 {

// The default report trains 25 steps per seed (≈ 0.5 s each); the paper's 5000 (`--effort 200`) decide.
inline constexpr StepBudget kTwoLayerBudget{25, 5000, "seed"};
inline const Budget kTwoLayerSteps = kTwoLayerBudget.budget();
TrainConfig two_layer_config(long steps, Index N = 10);
std::string two_layer_fixture(long s);

struct Baseline {
  double eta = 0, gamma = 0, loss = 0;
  Vec<double> y_hat;
  Mat<double> g;  // implicit models ∂ŷ/∂x_test, d × B
};
// 2-step GD at the line-searched η and tied GD++ at the fitted (η, γ), on the evaluation tasks of `law`.
struct TwoLayerBaselines {
  Baseline gd, gdpp;
  double L_zero = 0;
};
const TwoLayerBaselines& two_layer_baselines(const RunConfig& run, const TaskLaw& law);
// K steps of GD++ (O2) with tied (η, γ) on every task: predictions and implicit models.
Baseline gdpp_predictions(const Tasks& t, double eta, double gamma, long steps);

// Two tied GD++ steps in closed form, derived from O2's definition (and checked against it where used): with
// H = XXᵀ, v = Xyᵀ, w_k = H^k v, the implicit model is
//   g(η, γ) = (η/N)(2w₀ − 2γw₁ + γ²w₂) − (η/N)²(w₁ − 2γw₂ + γ²w₃),   ŷ = gᵀx_test,
// a polynomial of degree 2 in η and in γ: one pass over the tasks serves every (η, γ) of a fit.
struct GdppMoments {
  Index N = 0;
  Mat<double> w;       // d × 4B: w₀ … w₃ of task b in columns 4b … 4b + 3
  Mat<double> x_test;  // d × B
  Vec<double> y;
  Mat<double> models(double eta, double gamma) const;  // d × B
  Vec<double> predictions(double eta, double gamma) const;
  Mat<double> moments() const;  // 4 × B: m_k = w_kᵀ x_test
};
GdppMoments gdpp_moments(const Tasks& t);

// The fitted (η, γ) of tied 2-step GD++ on tasks t, minimising the ½-MSE: for each γ the exact best η (a quartic),
// γ over a grid up to 2/λ_max(XXᵀ), then golden section. The code fits by Adam on fresh batches (`pre_train_gd_hps`);
// the objective is the same, the procedure deterministic.
struct GdppFit {
  double eta = 0, gamma = 0, loss = 0;
};
GdppFit fit_gdpp(const Tasks& t);

}  // namespace icl::vonoswald2023
