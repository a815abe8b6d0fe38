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

// ŷ per task after the steps; with jacobian, ∂ŷ/∂(η_1 … η_K, γ_1 … γ_K) (B × 2K), or with Tying::Tied ∂ŷ/∂(η, γ)
// of one (η, γ) shared by every step (B × 2).
enum class Tying { PerStep, Tied };
Vec<double> gdpp_untied(const Tasks& t, const StepParameters& p, bool clip, Mat<double>* jacobian = nullptr,
                        Tying tying = Tying::PerStep);

// O2 run step by step (oracles/gd.hpp) with per-step (η_k, γ_k), no clip: what the steps above are checked against.
Vec<double> o2_steps(const Tasks& t, const StepParameters& p);
// The same (η, γ) at every one of K steps.
inline StepParameters tied_steps(long K, double eta, double gamma) {
  return {std::vector<double>(size_t(K), eta), std::vector<double>(size_t(K), gamma)};
}
// max |a − b| over max |b|.
inline double relative_difference(const Vec<double>& a, const Vec<double>& b) {
  return (a - b).cwiseAbs().maxCoeff() / b.cwiseAbs().maxCoeff();
}

// The largest relative error of the Jacobian of gdpp_untied against central differences, per column relative to its
// largest entry, each entry's error less the difference's own error estimate. The differences are Ridders' extrapolation
// of central differences (h from 10⁻⁴ relative, shrinking 1.4× per stage, at most 10; Numerical Recipes' dfridr), whose
// error estimate covers truncation and the rounding of ŷ itself: that rounding is amplified where 12 untied steps fit
// late η_k of 10⁵–10⁶, whose columns are ≈ 10⁻⁶, and a single step h = 10⁻⁶ then errs by 10⁻⁵ relative. A Jacobian off
// by a factor stays far above both; kJacobianAgreement leaves room for what the estimate misses. With the clip, a
// quotient is only as good as its steps are clear of the clip's kinks: at such extreme (η_k, γ_k) they need not be, so
// C33(b) checks its fit's Jacobian at the fit's start.
double jacobian_error(const Tasks& t, const StepParameters& p, bool clip, Tying tying);
// The same for a given Jacobian J (B × 2K, or B × 2 tied) of those steps: what the tests break.
double jacobian_error(const Mat<double>& J, const Tasks& t, const StepParameters& p, bool clip, Tying tying);
inline constexpr double kJacobianAgreement = 1e-5;

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
// The same with one (η, γ) shared by every step (tied).
UntiedFit fit_gdpp_tied(const Tasks& t, long K, double eta0, double gamma0, bool clip, int max_iterations = 200);

// (η, γ) read off a GD++-shaped layer's weights (head 0 of layer l), after β-normalisation (K6): a K3 layer has
// W_KQ = diag(I, 0) and W_PV = P·W_V = diag(−γI, −η/N), so γ = −β·mean diag(W_PV)_xx and η = −N·β·(W_PV)_yy with
// β = mean diag(W_KQ)_xx.
struct GdppReading {
  double eta = 0, gamma = 0;
};
GdppReading read_gdpp(const LsaModel<double>& m, Index N, Index l = 0);

}  // namespace icl::vonoswald2023
