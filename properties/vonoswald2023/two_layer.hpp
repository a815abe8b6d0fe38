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
TrainConfig two_layer_config(long steps);
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

}  // namespace icl::vonoswald2023
