// Yang family: the toy trainer of toy_training.hpp, compiled once (at -O2 with the other trainers, CMakeLists.txt).
#include "properties/yang2024/toy_training.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Cholesky>
#include <fmt/format.h>

#include "constructions/yang2024/multihead.hpp"
#include "properties/yang2024/figure_loss.hpp"
#include "properties/yang2024/heads_gradient.hpp"

namespace icl::yang2024 {

ToyProblem toy_problem(const ToyConfig& cfg, Rng& rng) {
  ToyProblem p{cfg, Mat<double>(cfg.d, cfg.K), {}, {}, Mat<double>(cfg.m, cfg.K)};
  Mat<double>& Z_all = p.Z_all;
  for (Index i = 0; i < p.V_all.size(); ++i) p.V_all(i) = rng.normal();
  for (Index i = 0; i < Z_all.size(); ++i) Z_all(i) = rng.normal();
  const Mat<double> Z = Z_all.leftCols(cfg.N);
  const double mtau = double(cfg.m) * cfg.tau;
  p.G = Z.transpose() * Z + mtau * Mat<double>::Identity(cfg.N, cfg.N);
  Mat<double> rhs = Z.transpose() * Z_all;
  rhs.leftCols(cfg.N) += mtau * Mat<double>::Identity(cfg.N, cfg.N);
  p.A = p.G.llt().solve(rhs);
  return p;
}

double toy_k1_discrepancy(const Prompt<double>& E, const Mat<double>& V, const Mat<double>& V_all,
                          const std::vector<Mat<double>>& Q, const std::vector<Mat<double>>& S) {
  const auto S_k1 = heads_from_columns(yang::attention_columns<double>(E, Q));
  double worst = 0;
  for (size_t h = 0; h < Q.size(); ++h) {
    const double logit = (V.transpose() * Q[h] * V_all).cwiseAbs().maxCoeff();
    const double tolerance = 64 * 2 * double(V.rows() + 1) * 0x1p-53 * std::max(1.0, logit);
    worst = std::max(worst, (S[h] - S_k1[h]).cwiseAbs().maxCoeff() / tolerance);
  }
  return worst;
}

long steps_to(const ToyRun& r, double fraction) {
  for (size_t t = 0; t < r.trace.size(); ++t)
    if (r.trace[t] < fraction * r.trace[0]) return long(t);
  return long(r.trace.size()) - 1;
}

double factor_at(const ToyRun& r, long T) {
  return std::pow(r.trace[size_t(T)] / r.trace[0], 1.0 / double(T));
}

ToyRun train_toy(const ToyProblem& p, Index H, double eta_Q, double gamma, long steps, long every, Rng& rng,
                 const Observer& observe) {
  const ToyConfig& c = p.cfg;
  std::vector<Mat<double>> Q;
  for (Index h = 0; h < H; ++h) {
    Mat<double> q(c.d, c.d);
    for (Index i = 0; i < q.size(); ++i) q(i) = rng.normal();
    Q.push_back(q);
  }
  Mat<double> W = Mat<double>::Zero(H, c.K);
  const Prompt<double> E = yang::token_layout<double>(p.V_all, Vec<double>::Zero(c.N));
  const Mat<double> V = p.V_all.leftCols(c.N);
  ToyRun run;
  for (long step = 0; step <= steps; ++step) {
    const auto S = softmax_heads<double>(V, p.V_all, Q);
    const Mat<double> A_hat = a_hat(S, W), D = A_hat - p.A;  // δ_k as columns
    const double delta = D.cwiseProduct(p.G * D).sum() / double(2 * c.K);
    if (!std::isfinite(delta)) {
      run.finite = false;
      break;
    }
    if (step == 0 || step == steps) {
      run.k1_discrepancy = std::max(run.k1_discrepancy, toy_k1_discrepancy(E, V, p.V_all, Q, S));
      if (run.k1_discrepancy > 1)
        throw std::logic_error(fmt::format("the toy trainer's softmax columns disagree with K1's at step {} ({:.1f} "
                                           "times the rounding bound)", step, run.k1_discrepancy));
    }
    run.trace.push_back(delta);
    if (step % every == 0) {
      run.t.push_back(double(step));
      run.delta.push_back(delta);
      if (observe) observe(step, A_hat);
    }
    if (step == steps) break;
    const HeadGradient<double> g = head_gradient<double>(V, p.V_all, S, W, p.G * D / double(c.K));
    for (Index h = 0; h < H; ++h) Q[size_t(h)] -= eta_Q * g.Q[size_t(h)];
    W -= gamma * gamma * eta_Q * g.W;
  }
  return run;
}

double largest_contraction(const ToyRun& r, double floor) {
  if (!r.finite) return INFINITY;
  double largest = 0;
  for (size_t w = 0; w + 1 < r.t.size(); ++w) {
    if (r.delta[w] < floor * r.delta[0]) break;
    largest = std::max(largest, std::pow(r.delta[w + 1] / r.delta[w], 1.0 / (r.t[w + 1] - r.t[w])));
  }
  return largest;
}

StableRun train_toy_small_step(const ToyProblem& p, Index H, double eta_Q, double gamma, long steps, long every,
                               const Rng& init, int halvings, double floor, const Observer& observe) {
  StableRun out;
  out.eta_Q = eta_Q;
  for (;; out.eta_Q /= 2, ++out.halvings) {
    Rng rng = init;
    out.run = train_toy(p, H, out.eta_Q, gamma, steps, every, rng, observe);
    if (largest_contraction(out.run, floor) <= 1 || out.halvings == halvings) return out;
  }
}

}  // namespace icl::yang2024
