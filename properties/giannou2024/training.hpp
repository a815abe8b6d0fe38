// Giannou family: the training experiments EXP1–EXP3 at reduced scale (spec §6).
// The model is the paper's code model without read-in: causal linear attention ("NanoGPT block without
// softmax"), H heads per layer, tokens (x_i, y_i, 1) and the query (x_test, 0, 1) — the constant channel stands
// in for the code's biases (a query of zeros can never move under linear attention) — and the prediction is the
// query's label slot.
// Each head is trained in the product parameterisation W_K = I, W_V = I, W_Q = W_KQ, P = W_PV, λ = 1/N.
// Reduced scale (documented in the evidence): d = 5, N = 20, κ = 5, λ_max(Σ) = 1, 2 heads, no read-in, no
// curriculum, Adam with cosine decay; the `steps` budget sets the training steps (500 × batch 32 at effort 1).
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <fmt/format.h>

#include "constructions/attention.hpp"
#include "core/context.hpp"
#include "core/random.hpp"
#include "oracles/logistic.hpp"
#include "oracles/newton.hpp"
#include "properties/giannou2024/family.hpp"
#include "training/adam.hpp"
#include "training/gradient_check.hpp"
#include "training/transformer.hpp"

namespace icl::giannou2024 {

struct Task {
  Mat<double> X;  // d×N
  Vec<double> y, xt, w;
  double yt = 0;
};

// x ~ N(0, Σ), Σ = U diag(λ) U^T with U Haar-orthogonal, λ_max = 1, λ_min = 1/κ, the rest uniform between;
// teacher w ~ N(0, I); noiseless labels (spec §6, with λ_max normalised to 1).
inline Task draw_task(Rng& rng, int d, int N, double kappa) {
  Mat<double> G(d, d);
  for (Index i = 0; i < G.size(); ++i) G(i) = rng.normal();
  const Mat<double> U = Eigen::HouseholderQR<Mat<double>>(G).householderQ();
  Vec<double> lam(d);
  lam(0) = 1;
  if (d > 1) lam(d - 1) = 1 / kappa;
  for (int k = 1; k + 1 < d; ++k) lam(k) = rng.uniform(1 / kappa, 1);
  const Mat<double> root = U * lam.cwiseSqrt().asDiagonal();
  Task t;
  t.w.resize(d);
  for (int k = 0; k < d; ++k) t.w(k) = rng.normal();
  auto sample = [&] {
    Vec<double> z(d);
    for (int k = 0; k < d; ++k) z(k) = rng.normal();
    return Vec<double>(root * z);
  };
  t.X.resize(d, N);
  for (int i = 0; i < N; ++i) t.X.col(i) = sample();
  t.y = t.X.transpose() * t.w;
  t.xt = sample();
  t.yt = t.w.dot(t.xt);
  return t;
}

template <class S>
Prompt<S> task_prompt(const Task& t) {
  const Index d = t.X.rows(), N = t.X.cols();
  Prompt<S> p;
  p.Z = Mat<S>::Zero(d + 2, N + 1);
  for (Index i = 0; i < N; ++i) {
    for (Index k = 0; k < d; ++k) p.Z(k, i) = S(t.X(k, i));
    p.Z(d, i) = S(t.y(i));
  }
  for (Index k = 0; k < d; ++k) p.Z(k, N) = S(t.xt(k));
  p.Z.row(d + 1).setConstant(S(1));
  p.n_context = N + 1;
  return p;
}

// The label row of a prompt with the constant channel last.
template <class S>
Index label_row(const Prompt<S>& p) {
  return p.width() - 2;
}

struct Model {
  std::vector<LsaLayer<double>> layers;
  template <class S>
  std::vector<LsaLayer<S>> as() const {
    std::vector<LsaLayer<S>> out;
    for (const auto& l : layers) {
      LsaLayer<S> c;
      c.keys = l.keys;
      c.lambda = S(l.lambda);
      for (const auto& h : l.heads) c.heads.push_back({h.WK.cast<S>(), h.WQ.cast<S>(), h.WV.cast<S>(), h.P.cast<S>()});
      out.push_back(c);
    }
    return out;
  }
};

inline Model init_model(Rng& rng, int L, int H, int D, int N) {
  Model m;
  for (int l = 0; l < L; ++l) {
    LsaLayer<double> layer;
    layer.keys = KeySet::Causal;
    layer.lambda = 1.0 / N;
    for (int h = 0; h < H; ++h) {
      Head<double> hd{Mat<double>::Identity(D, D), Mat<double>(D, D), Mat<double>::Identity(D, D), Mat<double>(D, D)};
      for (Index i = 0; i < hd.WQ.size(); ++i) hd.WQ(i) = 0.3 * rng.normal() / std::sqrt(double(D));
      for (Index i = 0; i < hd.P.size(); ++i) hd.P(i) = 0.3 * rng.normal() / std::sqrt(double(D));
      layer.heads.push_back(hd);
    }
    m.layers.push_back(layer);
  }
  return m;
}

template <class S>
S predict(const std::vector<LsaLayer<S>>& layers, const Prompt<S>& p) {
  const Prompt<S> out = forward(layers, p);
  return out.Z(label_row(out), out.tokens() - 1);
}

template <class S>
std::vector<Prompt<S>> trace_forward(const std::vector<LsaLayer<S>>& layers, const Prompt<S>& p) {
  std::vector<Prompt<S>> trace{p};
  for (const auto& l : layers) trace.push_back(forward(l, trace.back()));
  return trace;
}

// Backpropagates G = ∂loss/∂(last tokens) and adds the gradients of every trained matrix (W_Q, P of each head, in
// layer order) to `grads`.
template <class S>
void backpropagate(const std::vector<LsaLayer<S>>& layers, const std::vector<Prompt<S>>& trace, Mat<S> G,
                   std::vector<Mat<S>>& grads) {
  std::vector<Mat<S>> per_layer;
  for (size_t l = layers.size(); l-- > 0;) {
    const AttentionGradient<S> g = backward(layers[l], trace[l], G);
    std::vector<Mat<S>> mine;
    for (const auto& dh : g.dheads) {
      mine.push_back(dh.WQ);
      mine.push_back(dh.P);
    }
    per_layer.insert(per_layer.begin(), mine.begin(), mine.end());
    G = g.dZ;
  }
  if (grads.empty()) grads = per_layer;
  else
    for (size_t i = 0; i < grads.size(); ++i) grads[i] += per_layer[i];
}

// ½(ŷ − y)² for the query's label slot, and (if grads) its gradient.
template <class S>
S loss_and_gradient(const std::vector<LsaLayer<S>>& layers, const Prompt<S>& p, const S& target,
                    std::vector<Mat<S>>* grads) {
  const auto trace = trace_forward(layers, p);
  const Prompt<S>& out = trace.back();
  const S err = out.Z(label_row(out), out.tokens() - 1) - target;
  if (grads) {
    Mat<S> G = Mat<S>::Zero(out.width(), out.tokens());
    G(label_row(out), out.tokens() - 1) = err;
    backpropagate(layers, trace, G, *grads);
  }
  return err * err / S(2);
}

// The trainer's backpropagation, specialised to the trained parameterisation (causal keys, W_K = W_V = I): per
// head Q = W_Q Z, A = triu(Zᵀ Q), Z' = Z + λ Σ_h P_h Z A_h, computed in the causal (prefix-sum) form
// (Z A)_j = C_j q_j, C_j = Σ_{i ≤ j} z_i z_iᵀ — half the multiplications of the matrix form — with what the backward
// pass needs kept in buffers reused across tasks (the generic backward also differentiates W_K, W_V and λ). Every
// loss here reads the query column only, and the query is the last token (it attends to every key): the last layer is
// computed for that column alone, q = W_Q z, a = Zᵀq, z' = z + λ Σ_h P_h Z a (matrix–vector products). The matrices
// are small (width d + 2, N + 1 tokens), so products are coefficient-based.
// Its gradient is checked against MPFR central differences of the generic forward pass (gradient_check), so the two
// cannot drift apart.
template <class S>
class CausalBackprop {
 public:
  // ½(ŷ − y)² of the query's label slot; adds its gradient to `grads` (W_Q, P of each head, in layer order; sized on
  // first use).
  S loss_and_gradient(const std::vector<LsaLayer<S>>& layers, const Prompt<S>& p, const S& target,
                      std::vector<Mat<S>>& grads);
  // The two halves, for other losses of the query column: the output's query column, then the backward pass of
  // g = ∂loss/∂(output query column) through the layers of the last forward pass.
  const Vec<S>& forward_query(const std::vector<LsaLayer<S>>& layers, const Prompt<S>& p);
  void backward_query(const std::vector<LsaLayer<S>>& layers, const Vec<S>& g, std::vector<Mat<S>>& grads);

 private:
  std::vector<Mat<S>> Z_;            // the input of every layer
  std::vector<Mat<S>> Q_, C_, ZA_;   // per (layer, head) of the full layers; C_ holds C_0 … C_{n−1} side by side
  std::vector<Vec<S>> q_, a_, za_;   // per head of the last layer (the query column)
  Vec<S> out_, m_, s_, Zs_;
  Mat<S> G_, M_, dQ_, next_;
};
extern template class CausalBackprop<double>;
extern template class CausalBackprop<Mpfr>;

inline std::vector<Eigen::MatrixXd*> parameters(Model& m) {
  std::vector<Eigen::MatrixXd*> ps;
  for (auto& l : m.layers)
    for (auto& h : l.heads) {
      ps.push_back(&h.WQ);
      ps.push_back(&h.P);
    }
  return ps;
}

struct TrainSpec {
  int d = 5, N = 20, H = 2;
  double kappa = 5;
  long steps = 500, batch = 32;
  double lr = 3e-3;
  int read_in_depths = 1;  // EXP1's LayerNorm branch trains the deepest this many of depths 1..5
  int read_in_seeds = 2;   // … for this many training seeds
};

// Trains a depth-L model; returns it with its loss curve (mean batch loss every 50 steps).
// Trains a depth-L model with Adam and cosine decay; `curve` (if given) gets the mean batch loss of every 50 steps.
Model train(const TrainSpec& s, int L, uint64_t seed, std::vector<double>* curve, const RunConfig& cfg);

// Relative mean squared error E(ŷ − y)²/E y² over a fixed test set.
inline double relative_error(const std::vector<Task>& tests, const std::function<double(const Task&)>& predictor) {
  double num = 0, den = 0;
  for (const auto& t : tests) {
    const double e = predictor(t) - t.yt;
    num += e * e;
    den += t.yt * t.yt;
  }
  return num / den;
}

// The code's Newton baseline: S = X X^T (d×d), X_0 = αS with α = 1/(λ_max(SS^T) + λ_min(SS^T)), k steps of
// order n, prediction x_test^T X_k X y.
inline double newton_prediction(const Task& t, int order, int k) {
  const Mat<double> S = t.X * t.X.transpose();
  const Eigen::SelfAdjointEigenSolver<Mat<double>> es(S);
  const double lmax = es.eigenvalues().maxCoeff(), lmin = es.eigenvalues().minCoeff();
  const Mat<double> Xk = oracle::newton_schulz<double>(S, Mat<double>(S / (lmax * lmax + lmin * lmin)), k, order);
  return t.xt.dot(Xk * (t.X * t.y));
}

inline std::vector<Task> test_set(uint64_t seed, const TrainSpec& s, int count) {
  Rng rng(seed);
  std::vector<Task> ts;
  for (int i = 0; i < count; ++i) ts.push_back(draw_task(rng, s.d, s.N, s.kappa));
  return ts;
}

// The training of the EXP models at effort 1 (shared by the rows and the fixtures, so both scale alike): below these
// budgets an EXP claim earns no verdict. Five training seeds (initialisation and task stream each).
inline const Budget kExpSteps{"steps", Axis::Steps, 500, 500};
inline const Budget kExpSeeds{"training seeds", Axis::Instances, 5, 5};
constexpr int kMaxExpSeeds = 5;  // fixtures are registered per training seed up to this many

// EXP1's LayerNorm branch costs two models per (depth, seed): the default trains depth 5 alone (the depth its part
// compares at), --effort 5 every depth 1..5.
inline const Budget kReadInDepths{"LayerNorm-branch depths", Axis::Grid, 1, 1};
constexpr int kMaxDepth = 5;
// The models the default report cannot afford five seeds of (issue 9: the default report respects its time; issue 12:
// the paper scale is the effort knob): EXP1's LayerNorm branch and EXP2's softmax transformer train two seeds at the
// default, the five a verdict needs from --effort 2.5 on. Below five, what they read is an observation.
inline const Budget kReadInSeeds{"LayerNorm-branch seeds", Axis::Instances, 2, 5};
inline const Budget kSoftmaxSeeds{"softmax-model seeds", Axis::Instances, 2, 5};
// EXP1's depth sweep (a causal LSA of every depth 1..5 per seed) likewise: two seeds at the default, five from
// --effort 2.5 on. The other seeds' fixtures train the 2-layer model alone, the one EXP3 reads of every seed.
inline const Budget kDepthSweepSeeds{"depth-sweep seeds", Axis::Instances, 2, 5};
inline TrainSpec spec_from(const RunConfig& cfg) {
  TrainSpec s;
  s.steps = cfg.scaled(kExpSteps);
  s.read_in_depths = int(std::min<long>(kMaxDepth, cfg.scaled(kReadInDepths)));
  s.read_in_seeds = int(cfg.scaled(kReadInSeeds));
  return s;
}
inline TrainSpec spec_from(const Context& ctx) {
  TrainSpec s;
  s.steps = ctx.budget(kExpSteps.name);
  if (ctx.claim().find_budget(kReadInDepths.name))
    s.read_in_depths = int(std::min<long>(kMaxDepth, ctx.budget(kReadInDepths.name)));
  if (ctx.claim().find_budget(kReadInSeeds.name)) s.read_in_seeds = ctx.budget_int(kReadInSeeds.name);
  return s;
}

struct DepthResult {
  int L;
  double tf, newton2, newton3;
  Model model;
};

// The trained causal LSA of every depth 1..5 for training seed k (the fixture "giannou2024/causal-lsa-depths/seed-k"),
// with their test errors and the Newton baselines'. EXP1 and EXP3 read it.
std::vector<DepthResult> trained_depths(const RunConfig& cfg, const TrainSpec& s, int k);
// The depth-L model of training seed k alone (the one trained_depths reads; trained once per run and shared).
Model depth_model(const RunConfig& cfg, const TrainSpec& s, int L, int k);
// The fixture names of the first `seeds` training seeds.
std::string depths_fixture(int k);

// Models of training/transformer.hpp that read a prompt's answer out of its query (last) token: trained with Adam
// (clip 1) and cosine decay on ½ mean ‖ŷ − target‖² over batches that `batch` draws (tokens of B prompts side by side,
// targets out × B), from the initialisation at `init_std`.
using QueryBatch = std::function<std::pair<Mat<double>, Mat<double>>(Rng&)>;
training::Transformer<double> train_query_model(const training::TransformerShape& shape, double init_std,
                                                const TrainSpec& s, long steps, const QueryBatch& batch, uint64_t seed,
                                                const std::string& label, const RunConfig& cfg);
// ŷ at the query of each prompt of U (out × B).
Mat<double> query_outputs(const training::Transformer<double>& m, const Mat<double>& U);
// The analytic gradient of the query loss (training/transformer.hpp's backward) against MPFR central differences at
// about kQueryGradientEntries entries spread over every parameter; `perturb` scales the analytic gradient.
inline constexpr Index kQueryGradientEntries = 64;
training::GradientCheck query_gradient_check(const training::Transformer<double>& m, const Mat<double>& U,
                                             const Mat<double>& targets, double perturb = 1);

// EXP1's LayerNorm branch: the paper's code models (spec §2.1) as the standard transformer of training/transformer.hpp —
// a linear read-in of the tokens (x_i, y_i, 1) to kReadInWidth, H causal linear-attention heads per layer (no softmax,
// no MLP, no positions), the prediction read out of the query token — with pre-LayerNorm ("LSA+LN") or without it
// ("LSA", LayerNorm the identity), so that the two models differ in LayerNorm alone. Trained like the causal LSA
// above (the same task stream law, steps, batch, Adam with cosine decay and clip 1), from GPT-2's initialisation at a
// larger scale (kReadInInitStd: at 0.02 a trilinear layer's output starts at ~10⁻⁵ and the reduced run does not leave
// the zero predictor).
inline constexpr Index kReadInWidth = 16;  // the code's 64, reduced with d
inline constexpr double kReadInInitStd = 0.2;
inline constexpr double kGpt2InitStd = 0.02;  // GPT-2's own, for the softmax models with LayerNorm (EXP2)
training::TransformerShape read_in_shape(const TrainSpec& s, int L, bool layer_norm);
// The depth-L model (LSA+LN when layer_norm) of training seed k, trained once per run and shared.
training::Transformer<double> read_in_model(const RunConfig& cfg, const TrainSpec& s, int L, bool layer_norm, int k);
// The tasks' tokens side by side, (d + 2) × B·(N + 1).
Mat<double> task_tokens(const std::vector<Task>& tasks);
// ŷ at the query of each of the tasks.
Vec<double> read_in_predictions(const training::Transformer<double>& m, const std::vector<Task>& tasks);
std::string read_in_fixture(int k);

// The relative test errors of both read-in models at the deepest s.read_in_depths of depths 1..5 for training seed
// k, and Newton's of orders 3..10 at as many steps.
struct ReadInResult {
  int L;
  double ln, plain;
  std::vector<double> newton;  // orders kFirstOrder … kLastOrder
};
inline constexpr int kFirstOrder = 3, kLastOrder = 10;
std::vector<ReadInResult> read_in_depths(const RunConfig& cfg, const TrainSpec& s, int k);
// Analytic gradients of `m` on one task against MPFR central differences (every third entry of W_Q and P).
// `perturb` scales the analytic gradient (1 + 10⁻³ for the broken-gradient variant).
training::GradientCheck gradient_check(const Model& m, const Task& t, double perturb = 1);

}  // namespace icl::giannou2024
