// Zhang & Cao family: training the single layer against the one-step teacher (C14, C15, C16, C22).
// Teacher (spec §8): prompts from §3 with the state slot holding w_0 ~ N(0, I); target w_0 + η g(w_0) (O1).
// Objective: (1/M) Σ ‖S_out(θ) − target‖² on a fixed sample of M prompts; full-batch gradient descent.
// Parameterisations (K6): blocks A = W_KQ[F,S], B = W_V[S,F] (d×d each), or scalars A = −aI, B = bI.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "constructions/zhangcao2026/ngd_layers.hpp"
#include "core/context.hpp"
#include "core/fit.hpp"
#include "oracles/maxmargin.hpp"
#include "oracles/ngd.hpp"
#include "properties/zhangcao2026/prompts.hpp"
#include "training/gradient_check.hpp"

namespace icl::zhangcao2026 {

namespace zc = icl::zhangcao;

struct Sample {
  std::vector<Mat<double>> Z;
  std::vector<Vec<double>> w0, target;
};

struct Size {
  Index d = 3, N = 10, M = 64;
  long steps = 400;
  double eta = 0.5, lr = 0.5;
};

// The training size of a check: d = 3, N = 10 (the spec's grid has d = 5, N = 20), prompts and steps from its budgets.
inline Size size_from(const Context& ctx) {
  Size s;
  s.M = ctx.budget("prompts");
  s.steps = ctx.budget("steps");
  return s;
}

inline Sample teacher_sample(const Size& s, uint64_t seed, Defect defect) {
  Rng rng(seed);
  Sample out;
  const double teacher_eta = defect == defects::WrongTeacher ? 2 * s.eta : s.eta;
  for (Index m = 0; m < s.M; ++m) {
    const Mat<double> Z = cast_matrix<double>(draw_separable(rng, s.d, s.N, 0.0).Z);
    Vec<double> w0(s.d);
    for (Index k = 0; k < s.d; ++k) w0(k) = rng.normal();
    out.Z.push_back(Z);
    out.w0.push_back(w0);
    out.target.push_back(oracle::ngd_step<double>(Z, w0, teacher_eta));
  }
  return out;
}

// The layer from blocks: W_KQ with A at [F, S], W_V with B at [S, F].
template <class S>
SoftmaxLayer<S> block_layer(const Mat<S>& A, const Mat<S>& B) {
  const Index d = A.rows(), D = 3 * d + 1;
  const zc::Layout L{d};
  Mat<S> WKQ = Mat<S>::Zero(D, D), WV = Mat<S>::Zero(D, D);
  WKQ.block(L.F(), L.S(), d, d) = A;
  WV.block(L.S(), L.F(), d, d) = B;
  return zc::trainable_layer<S>(WKQ, WV);
}

struct Blocks {
  Mat<double> A, B;
};

// Loss and its gradient with respect to the blocks.
inline double loss_and_gradient(const Blocks& p, const Sample& s, Blocks* grad) {
  const Index d = p.A.rows();
  const zc::Layout L{d};
  const SoftmaxLayer<double> layer = block_layer<double>(p.A, p.B);
  double loss = 0;
  if (grad) *grad = Blocks{Mat<double>::Zero(d, d), Mat<double>::Zero(d, d)};
  const double M = static_cast<double>(s.Z.size());
  for (size_t m = 0; m < s.Z.size(); ++m) {
    const Prompt<double> in = zc::ngd_prompt<double>(s.Z[m], s.w0[m], Vec<double>::Zero(d));
    const Prompt<double> out = forward(layer, in);
    const Vec<double> r = zc::state(out) - s.target[m];
    loss += r.squaredNorm() / M;
    if (grad) {
      Mat<double> G = Mat<double>::Zero(out.width(), out.tokens());
      G.block(L.S(), out.tokens() - 1, d, 1) = 2 * r / M;
      const AttentionGradient<double> g = backward(layer, in, G);
      grad->A += g.dheads[0].WQ.block(L.F(), L.S(), d, d);
      grad->B += g.dheads[0].WV.block(L.S(), L.F(), d, d);
    }
  }
  return loss;
}

struct Trained {
  Blocks p;
  std::vector<double> curve;  // loss every 10 steps
};

// Full-batch gradient descent on the blocks from `p`, recording the loss every 10 steps.
Trained train_blocks(const Size& s, const Sample& sample, Blocks p, long steps, const RunConfig& cfg);

inline Blocks random_blocks(Index d, uint64_t seed, double scale) {
  Rng rng(seed);
  Blocks p{Mat<double>(d, d), Mat<double>(d, d)};
  for (Index i = 0; i < p.A.size(); ++i) p.A(i) = scale * rng.normal();
  for (Index i = 0; i < p.B.size(); ++i) p.B(i) = scale * rng.normal();
  return p;
}

// The layer trained from N(0, 0.1²) blocks at the check's size (the fixture "zhangcao2026/teacher-layer"; a broken
// teacher trains its own model).
const Trained& trained(const Context& ctx);

// Analytic block gradients (double) against MPFR central differences at random blocks.
training::GradientCheck gradient_check(const Size& s, uint64_t seed);

}  // namespace icl::zhangcao2026
