// Multi-state Markov prompts (ding2025 §2.1, Lemma C.8, Fig. 3): states 0 … S − 1 used as numbers, kernel rows i.i.d.
// Dir(α·1) drawn once per prompt, uniform initial state. Shared by MK17 and MK26.
#pragma once

#include <cmath>
#include <vector>

#include "core/random.hpp"

namespace icl::ding2025 {

// Gamma(shape, 1) by Marsaglia–Tsang (shape ≥ 1) and the boost Gamma(a) = Gamma(a + 1)·U^{1/a} for a < 1.
inline double gamma_draw(Rng& rng, double shape) {
  if (shape < 1) return gamma_draw(rng, shape + 1) * std::pow(1 - rng.uniform01(), 1 / shape);
  const double dd = shape - 1.0 / 3, c = 1 / std::sqrt(9 * dd);
  for (;;) {
    const double x = rng.normal(), v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const double v = v0 * v0 * v0, u = 1 - rng.uniform01();
    if (std::log(u) < x * x / 2 + dd - dd * v + dd * std::log(v)) return dd * v;
  }
}

struct DirichletKernel {
  int states;
  std::vector<double> K;  // row-major S × S
  double operator()(int i, int j) const { return K[size_t(i * states + j)]; }
};

inline DirichletKernel draw_kernel(Rng& rng, int S, double alpha) {
  DirichletKernel k{S, std::vector<double>(size_t(S * S))};
  for (int i = 0; i < S; ++i) {
    double sum = 0;
    for (int j = 0; j < S; ++j) sum += k.K[size_t(i * S + j)] = gamma_draw(rng, alpha);
    for (int j = 0; j < S; ++j) k.K[size_t(i * S + j)] /= sum;
  }
  return k;
}

// One chain of `len` states: uniform start, then the kernel.
inline void draw_chain(Rng& rng, const DirichletKernel& K, std::vector<int>& z) {
  const int S = K.states;
  z[0] = int(rng.integer(0, S - 1));
  for (size_t t = 1; t < z.size(); ++t) {
    const double u = rng.uniform01();
    double acc = 0;
    int next = S - 1;
    for (int j = 0; j < S; ++j) {
      acc += K(z[t - 1], j);
      if (u < acc) {
        next = j;
        break;
      }
    }
    z[t] = next;
  }
}

}  // namespace icl::ding2025
