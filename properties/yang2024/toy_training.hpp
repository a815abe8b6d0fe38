// O7 on the suite's toy configuration (spec §6, not from the paper): d = 4, K = 8, N = 4, m = 3, τ = 0.1, Gaussian
// dictionaries (v_k, z_k ~ N(0, I)), Q_h^(0) ~ N(0, 1) entrywise, w^(0) = 0, plain GD on the exact population loss
// with η_w = γ²η_Q. The forward pass is the figure trainer's S_h = softmax_col(VᵀQ_h V_all) (figure_loss.hpp), checked
// against K1's C_k at the first and the last step of every run; the gradient is heads_gradient.hpp's (C22's formula).
// Δ(t) = L(θ_t) − L* = (1/2K) Σ_k δ_kᵀGδ_k (Lemma 5, C2), recorded every `every` steps.
#pragma once

#include <functional>
#include <vector>

#include "constructions/attention.hpp"
#include "core/random.hpp"
#include "core/scalar.hpp"

namespace icl::yang2024 {

struct ToyConfig {
  Index d = 4, K = 8, N = 4, m = 3;
  double tau = 0.1;
};

struct ToyProblem {
  ToyConfig cfg;
  Mat<double> V_all, G, A;  // d × K; N × N; N × K (a_k* as columns)
  Mat<double> Z_all;        // m × K (kept for drawing prompts)
};

ToyProblem toy_problem(const ToyConfig& cfg, Rng& rng);

struct ToyRun {
  std::vector<double> t, delta;  // Δ at the recorded steps
  std::vector<double> trace;     // Δ at every step
  bool finite = true;
  double k1_discrepancy = 0;     // the trainer's S_h against K1's C_k, in units of the tolerance (first and last step)
};

// max |S_h − K1's columns| against its rounding bound: the logits VᵀQ_h v_k are d-term dot products, computed in a
// different order by K1 (through its (d+1) × (d+1) blocks), so they differ by ≤ 2(d + 1)·u·max|logit| and the softmax
// by that much relatively; 64 units of it allowed.
double toy_k1_discrepancy(const Prompt<double>& E, const Mat<double>& V, const Mat<double>& V_all,
                          const std::vector<Mat<double>>& Q, const std::vector<Mat<double>>& S);

// The first step at which Δ falls below Δ(0)·fraction (the run's length if it never does).
long steps_to(const ToyRun& r, double fraction);

// The mean per-step factor (Δ(T)/Δ(0))^(1/T) at step T of the run.
double factor_at(const ToyRun& r, long T);

// `observe(step, Â)` sees Â = [a_1 … a_K] (N × K) at every recorded step.
using Observer = std::function<void(long, const Mat<double>&)>;

ToyRun train_toy(const ToyProblem& p, Index H, double eta_Q, double gamma, long steps, long every, Rng& rng,
                 const Observer& observe = nullptr);

// The largest per-step contraction factor over consecutive recorded points, leaving out points at the rounding floor
// (Δ below Δ(0)·floor); +∞ for a run that overflowed.
double largest_contraction(const ToyRun& r, double floor);

// "η_Q small" (η_Q ≤ 1/L_smooth, a constant the paper does not give): a run whose Δ grows had too large a step for its
// instance, outside Theorem 1's hypothesis; the step is halved (at most `halvings` times) and the run repeated from the
// same initialisation. Returns the last run and the step it used.
struct StableRun {
  ToyRun run;
  double eta_Q = 0;
  int halvings = 0;
};
// `observe` sees every attempt; each attempt starts again at step 0.
StableRun train_toy_small_step(const ToyProblem& p, Index H, double eta_Q, double gamma, long steps, long every,
                               const Rng& init, int halvings, double floor, const Observer& observe = nullptr);

}  // namespace icl::yang2024
