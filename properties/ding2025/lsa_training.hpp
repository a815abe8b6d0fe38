// One-layer LSA trained on binary Markov-chain prompts (ding2025 MK18, MK19), in double. The model is K1 read
// through MK01's identity: ŷ = ⟨φ(b, A), x_{n+1} ⊗ g⟩ with φ from K2 and the query features from the prompt (K2), so
// the MSE over a fixed set of prompts is f(θ) = (1/B)‖Φφ(θ) − y‖² and its gradient (2/B)·Jᵀ Φᵀ(Φφ(θ) − y), J = ∂φ/∂θ
// (exact for the bilinear φ; checked against MPFR central differences in MK19).
#pragma once

#include <Eigen/Cholesky>

#include "constructions/ding2025/markov_lsa.hpp"
#include "core/random.hpp"
#include "properties/ding2025/weights_fit.hpp"
#include "training/adam.hpp"

namespace icl::ding2025 {

struct MarkovPrompts {
  Mat<double> Phi;  // one row x_{n+1} ⊗ g per prompt
  Vec<double> y;    // the query's label
  std::vector<Prompt<double>> prompts;
};

// `count` prompts of n context chains and a query, length d + 1, kernel a, b' ~ U(0, 1) per prompt, P(s₁ = 1) = p.
inline MarkovPrompts draw_markov_prompts(Index d, long n, double p, long count, Rng& rng, bool keep_prompts = false) {
  MarkovPrompts out;
  const Index dm = d * ding::pair_count(d);
  out.Phi.resize(count, dm);
  out.y.resize(count);
  Mat<double> X(d, n + 1), y(1, n);
  for (long t = 0; t < count; ++t) {
    const double a = rng.uniform01(), b = rng.uniform01();
    double label = 0;
    for (long i = 0; i <= n; ++i) {
      int s = rng.uniform01() < p;
      for (Index k = 0; k <= d; ++k) {
        if (k < d) X(k, i) = s;
        else if (i < n) y(0, i) = s;
        else label = s;
        s = s ? (rng.uniform01() >= b) : (rng.uniform01() < a);
      }
    }
    const Prompt<double> Z = ding::markov_prompt<double>(X, y);
    out.Phi.row(t) = ding::query_features<double>(Z).transpose();
    out.y(t) = label;
    if (keep_prompts) out.prompts.push_back(Z);
  }
  return out;
}

struct TrainedOneLayer {
  Vec<double> theta;          // (b, vec A)
  std::vector<double> curve;  // training MSE per step
};

// Adam (or plain GD when `adam` is false) on the full batch from θ₀.
inline TrainedOneLayer train_one_layer(const MarkovPrompts& data, Index d, Vec<double> theta, long steps, double lr,
                                       bool adam) {
  const auto phi = k2_feature_map(d);
  Adam opt(Adam::Options{});
  TrainedOneLayer out;
  const double B = double(data.y.size());
  for (long k = 0; k < steps; ++k) {
    Mat<double> J;
    const Vec<double> X = phi(theta, &J);
    const Vec<double> r = data.Phi * X - data.y;
    out.curve.push_back(r.squaredNorm() / B);
    Eigen::MatrixXd g = (J.transpose() * (data.Phi.transpose() * r)) * (2 / B);
    if (adam) {
      Eigen::MatrixXd t = theta;
      opt.step({&t}, {g}, lr);
      theta = t;
    } else {
      theta -= lr * g;
    }
  }
  out.theta = theta;
  return out;
}

inline double accuracy(const Vec<double>& predictions, const Vec<double>& labels) {
  long right = 0;
  for (Index i = 0; i < labels.size(); ++i) right += (predictions(i) >= 0.5 ? 1.0 : 0.0) == labels(i);
  return double(right) / double(labels.size());
}

}  // namespace icl::ding2025
