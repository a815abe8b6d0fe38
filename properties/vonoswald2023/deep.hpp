// von Oswald family: K-step baselines for the deeper models (K > 3), run as the code runs them — every token entry
// clipped to [−10, 10] after every step, for the transformer and for the GD baseline alike (spec §2.3).
// State per task (O2's, with the code's clip): inputs x_j (context and query), residuals r_j (r = y on the context,
// 0 on the query; ŷ = −r_query). Step k with (η_k, γ_k), both from the pre-step inputs:
//   r_j ← r_j − (η_k/N) Σ_i r_i x_iᵀ x_j,   x_j ← (I − γ_k Σ_i x_i x_iᵀ) x_j,   then clip every x_j and r_j entry.
// γ_k = 0 is K steps of GD (O1 as residuals: the x's never move, the query's label slot is −W_k x_test).
// With `jacobian`, ∂ŷ/∂(η_1 … η_K, γ_1 … γ_K) by forward-mode differentiation of the same steps (0 through a clipped
// entry). Checked where used against O2 run step by step (no clip) and against the K1/K3 construction layers run
// through the trainer's model with its clip.
#pragma once

#include <vector>

#include "properties/vonoswald2023/training.hpp"

namespace icl::vonoswald2023 {

struct StepParameters {
  std::vector<double> eta, gamma;  // per step
  long steps() const { return long(eta.size()); }
};

inline constexpr double kTokenClip = 10;

// ŷ per task after the steps; with jacobian, B × 2K.
Vec<double> gdpp_untied(const Tasks& t, const StepParameters& p, bool clip, Mat<double>* jacobian = nullptr);

// K steps of GD with one η, the code's grid line search on t (η ∈ {0.001 + 0.1k ≤ 25}, ½-MSE), with the clip.
LineSearch gd_steps_line_search(const Tasks& t, long K, bool clip);

// Per-step (η_k, γ_k) of K-step GD++ fitted to the ½-MSE on t by Levenberg–Marquardt from (η_k, γ_k) = (η0, γ0) (the
// code fits by Adam on fresh batches from the same start, `pre_train_gd_hps`, 30000 steps for untied models; the
// objective is the same, the optimum found need not be the one Adam reaches).
struct UntiedFit {
  StepParameters p;
  double loss = 0;
  int iterations = 0;
  bool converged = false;
};
UntiedFit fit_gdpp_untied(const Tasks& t, long K, double eta0, double gamma0, bool clip, int max_iterations = 200);

}  // namespace icl::vonoswald2023
