// Giannou et al. 2024, K5–K7: one damped-Newton step for ℓ2-regularised logistic regression as an actual
// network of linear-attention layers and ReLU MLPs, and its gadgets (spec §3). Reconstructed; the layout
// below is the suite's own (the paper's (6d+4)-row display was not available).
//
// Rows (d = input dimension; columns = the n data points; matrices live in the first d columns, so n ≥ d):
//   a [0,d) data a_i | y d | x [d+1, 2d+1) iterate, same in every column | c 2d+1 a_i^T x | z 2d+2 y_i a_i^T x
//   dh 2d+3 d̂_i ≈ p_i(1−p_i) | p 2d+4 p̂_i ≈ σ(−z_i) | w 2d+5 y_i p̂_i/n | u [2d+6, 3d+6) d̂_i a_i/n
//   B [3d+6, 4d+6) Hessian estimate | X [4d+6, 5d+6) Newton–Schulz iterate | I [5d+6, 6d+6) identity
//   T [6d+6, 7d+6) Newton–Schulz scratch | b [7d+6, 8d+6) gradient | v [8d+6, 9d+6) direction
//   lam 9d+6 λ̂² | eta 9d+7 η̂ | one 9d+8 constant 1.                                     width 9d + 9
// Stages (layers): S1 c = a^T x (attention); z = y·c exactly and d̂ by a staircase (MLP) | S2 u = d̂ a/n by
// ReLU products | S3 B = (1/n)Σ u_j a_j^T + μI, then X_0 = α_B B^T (2 attention layers) | S4 k Newton–Schulz
// steps on B (Lemma 4.1 blocks, 2k layers) | S5 p̂ by a staircase | S6 w = y p̂/n exactly (K7) | S7
// b = −Σ_j w_j a_j + μx | S8 v = X b, then λ̂² = b^T v and η̂ by a staircase | S9 x ← x − η̂ v and every scratch
// row cleared by an exact ReLU identity, so the layout repeats.  Depth 10 + 2k (the paper counts 11 + 2k).
#pragma once

#include "constructions/guard.hpp"

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "constructions/giannou2024/newton_blocks.hpp"

namespace icl::giannou {

// Builds a column-wise residual ReLU MLP unit by unit: each unit is relu(Σ w·h + b) with output weights.
template <class S>
class MlpBuilder {
 public:
  using Terms = std::vector<std::pair<Index, S>>;
  explicit MlpBuilder(Index width);
  void unit(const Terms& in, const S& bias, const Terms& out);
  void bias(Index row, const S& c);
  void linear(Index in, Index out, const S& c);  // out += c·in exactly: c·(relu(in) − relu(−in))
  Index units() const { return static_cast<Index>(bias_.size()); }
  MlpBlock<S> build() const;

 private:
  Index width_;
  std::vector<Terms> in_, out_;
  std::vector<S> bias_;
  Vec<S> out_bias_;
};

// K6: a monotone h on [lo, hi] as a staircase of linear ramps between knots t_j = h^{-1}(h(lo) + jε) (found
// by bisection): ĥ(x) = h(lo) + Σ_j Δ_j (relu((x − t_j)/δ_j) − relu((x − t_j)/δ_j − 1)), Δ_j = h(t_{j+1}) − h(t_j),
// δ_j = t_{j+1} − t_j; two ReLUs per step, constant outside [lo, hi].
template <class S>
struct Staircase {
  S start;                 // h(lo)
  std::vector<S> knots;    // lo = t_0 < ... < t_m = hi
  std::vector<S> heights;  // Δ_j, |Δ_j| ≤ ε
  Index relus() const { return 2 * static_cast<Index>(heights.size()); }
};
template <class S>
Staircase<S> staircase(const std::function<S(const S&)>& h, const S& lo, const S& hi, const S& eps);
template <class S>
void add_staircase(MlpBuilder<S>& mlp, const Staircase<S>& st, Index in, Index out, bool with_start);
template <class S>
S evaluate(const Staircase<S>& st, const S& x);

// c·x·y ≈ c(q(x + y) − q(x − y))/4, q the piecewise-linear interpolant of t² on m pieces of [−L, L]:
// error ≤ |c|·L²/(2m²) while |x ± y| ≤ L. 2m units.
template <class S>
void add_product(MlpBuilder<S>& mlp, Index x, Index y, Index out, const S& c, const S& L, int m);
// out += y·t exactly for |t| ≤ 2C, y ∈ {±1}: 4 units (the gadget of zhangcao K5).
template <class S>
void add_signed_copy(MlpBuilder<S>& mlp, Index t, Index y, Index out, const S& C);
// out += c·y·p exactly for p ∈ [0, 1], y ∈ {±1} (K7): 2 units.
template <class S>
void add_sign_product(MlpBuilder<S>& mlp, Index p, Index y, Index out, const S& c);

struct LogisticLayout {
  Index d = 1, n = 1;
  Index width() const { return 9 * d + 9; }
  Rows a() const { return {0, d}; }
  Index y() const { return d; }
  Rows x() const { return {d + 1, d}; }
  Index c() const { return 2 * d + 1; }
  Index z() const { return 2 * d + 2; }
  Index dh() const { return 2 * d + 3; }
  Index p() const { return 2 * d + 4; }
  Index w() const { return 2 * d + 5; }
  Rows u() const { return {2 * d + 6, d}; }
  Rows B() const { return {3 * d + 6, d}; }
  Rows X() const { return {4 * d + 6, d}; }
  Rows I() const { return {5 * d + 6, d}; }
  Rows T() const { return {6 * d + 6, d}; }
  Rows b() const { return {7 * d + 6, d}; }
  Rows v() const { return {8 * d + 6, d}; }
  Index lam() const { return 9 * d + 6; }
  Index eta() const { return 9 * d + 7; }
  Index one() const { return 9 * d + 8; }
};

// Everything that sets the network's size from (μ, ε).
struct NewtonNetworkSpec {
  double mu = 0.1;
  double eps = 0.01;  // staircase step, product accuracy and Newton–Schulz residual target
  double R = 0;       // |a_i^T x| ≤ R on the inputs the step is built for (0: √(2 ln 2/μ), the sublevel set of f(0))
  int k = 0;          // Newton–Schulz steps (0: the smallest k with ρ^{2^k} ≤ ε)
};

template <class S>
struct NewtonNetwork {
  LogisticLayout layout;
  std::vector<TransformerLayer<S>> layers;
  S alpha_B, R, Z;  // X_0 = α_B B^T; staircase domains [−R, R] and [0, Z]
  int k = 0;
  Index relus = 0, max_heads = 0;
  std::vector<std::pair<std::string, Index>> stage_layers;  // stage name, layers
};

template <class S>
NewtonNetwork<S> newton_step_network(Index d, Index n, const NewtonNetworkSpec& spec);
// Prompt with data A (n×d, ‖a_i‖ ≤ 1), labels y ∈ {±1}, iterate x copied into every column.
template <class S>
Prompt<S> logistic_prompt(const LogisticLayout& L, const Mat<S>& A, const Vec<S>& y, const Vec<S>& x);
template <class S>
Vec<S> read_iterate(const Prompt<S>& p, const LogisticLayout& L);

}  // namespace icl::giannou
