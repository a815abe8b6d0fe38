// von Oswald family: the sine task of §4 (spec §3 K5, §7; C21) — a transformer with an embedding MLP against the
// same embedding MLP meta-learned through one fixed gradient-descent step.
// Tasks: y = a·sin(x + ρ), x ~ U(−5, 5), N = 10 context pairs. The code's law: a ~ U(0.1, 0.5) with the phase drawn
// from the same PRNG key, ρ = π(a − 0.1)/0.4 (a one-parameter family); the paper's: a ~ U(0.1, 5), ρ ~ U(0, π).
// Tokens t_i = (x_i, y_i), the query (x_test, 0).
// Model (the code's Transformer with in_proj and input_mlp): e = E t (E ∈ R^{40×2}, no bias), h = e + W2 gelu(W1 e + b1)
// + b2 (40 → 160 → 40, the tanh GELU of jax.nn.gelu), then one linear self-attention layer over the N context tokens
// (keys and values exclude the query), h_q ← h_q + P W_V Σ_j h_j (W_K h_j)ᵀ(W_Q h_q), and ŷ = −h_q[39]. Before the
// attention, ŷ₀ = −h_q[39] is the model's initial prediction (the code's first stack entry).
//   TF: every matrix trained (W_K, W_Q, W_V, P ∈ R^{40×40}).
//   Baseline ("meta-learned MLP + one GD step"): the attention is K1 at η = 0.1 on features h[0..38] with the label in
//   h[39] — W_K = W_Q = diag(I_39, 0), W_V = −e₃₉e₃₉ᵀ, P = (η/N)e₃₉e₃₉ᵀ — fixed; E and the MLP trained.
// Training (spec K5): TF AdamW(0.9, 0.98, wd 0) lr 1e-3, the baseline Adam(0.9, 0.999) lr 3e-4, both batch 2048 fresh
// tasks, global-norm clip 100, 20000 steps. Init: the TF's weights VarianceScaling(0.002) (fan-in truncated normal);
// the baseline's as the code's create_weights, plain normals N(0, 0.001) for E and W1, N(0, 5·10⁻⁵) for W2, biases 0.
#pragma once

#include <string>
#include <vector>

#include "core/claim.hpp"
#include "core/random.hpp"
#include "core/scalar.hpp"
#include "properties/vonoswald2023/training.hpp"

namespace icl::vonoswald2023::sine {

inline constexpr Index kContext = 10, kWidth = 40, kHidden = 160, kLabel = kWidth - 1;
inline constexpr double kBaselineEta = 0.1;

enum class Law { Code, Paper };
const char* law_name(Law law);

struct SineTasks {
  Mat<double> C;  // 2 × B·N: (x_i, y_i), task b in columns bN … bN + N − 1
  Mat<double> Q;  // 2 × B: (x_test, 0)
  Vec<double> y;  // a·sin(x_test + ρ)
  Index tasks() const { return Q.cols(); }
  SineTasks first(Index n) const { return {C.leftCols(n * kContext), Q.leftCols(n), y.head(n)}; }
};
SineTasks draw_sine_tasks(Rng& rng, Law law, Index B);

template <class S>
struct SineModel {
  Mat<S> E, W1, b1, W2, b2;  // biases as one-column matrices
  Mat<S> WK, WQ, WV, P;
  bool attention_trained = true;
  // The trained matrices, in one order.
  template <class F>
  void for_each_trained(F&& f) {
    for (Mat<S>* w : {&E, &W1, &b1, &W2, &b2}) f(*w);
    if (attention_trained)
      for (Mat<S>* w : {&WK, &WQ, &WV, &P}) f(*w);
  }
  template <class T>
  SineModel<T> cast() const {
    return {E.template cast<T>(),  W1.template cast<T>(), b1.template cast<T>(), W2.template cast<T>(),
            b2.template cast<T>(), WK.template cast<T>(), WQ.template cast<T>(), WV.template cast<T>(),
            P.template cast<T>(),  attention_trained};
  }
};

// The tokens h after the embedding MLP, context then queries (40 × B(N + 1)).
template <class S>
Mat<S> embed(const SineModel<S>& m, const Mat<S>& C, const Mat<S>& Q);
// ½·mean (ŷ − y)², and with `grad` its gradient (the fixed attention of the baseline gets none).
template <class S>
S loss_and_gradient(const SineModel<S>& m, const Mat<S>& C, const Mat<S>& Q, const Vec<S>& y, SineModel<S>* grad);
// Per task: ŷ, the initial prediction ŷ₀ and the slope ∂ŷ/∂x_test (the code's first-order `analyse`).
struct Readout {
  Vec<double> y_hat, y_init, slope;
};
Readout readout(const SineModel<double>& m, const SineTasks& t);

// The K1 weights of the baseline's fixed attention.
SineModel<double> initial_tf(Rng& rng);
SineModel<double> initial_baseline(Rng& rng);

enum class Model { Tf, Baseline };
struct SineRun {
  SineModel<double> model;
  std::vector<double> t, eval_loss;  // ½-MSE on the code's 2048 evaluation tasks at steps 0, every, …
};
// The 20000 steps of the paper; the default report trains 1 per run (a step costs ≈ 2 GFLOP: the MLP on 2048 × 11
// tokens, forward and backward).
inline constexpr StepBudget kSineBudget{1, 20000, "run (TF or baseline, per seed)"};
// The code's evaluation batch: the learning curves' tasks.
inline constexpr Index kCurveTasks = 2048;
inline const Budget kSineSteps = kSineBudget.budget();
// Trains (or reads the fixture of) one run.
const SineRun& trained_sine(Model kind, Law law, long steps, long seed, const RunConfig& run);
// The run's fixed evaluation tasks (10⁴, drawn from the run's seed); the learning curves read the first 2048 (the
// code's evaluation batch).
const SineTasks& sine_evaluation(const RunConfig& run, Law law);
std::string sine_fixture(long s);

}  // namespace icl::vonoswald2023::sine
