// The von Oswald notebook demo (C3 and the exact-speed benchmark): K = 100 stacked K1 layers against 100 GD steps.
#pragma once

#include <cmath>
#include <utility>
#include <vector>

#include "core/random.hpp"
#include "oracles/gd.hpp"
#include "properties/vonoswald2023/common.hpp"

namespace icl::vonoswald2023 {

// The notebook's demo task: d = 12, d_y = 8, N = 45, η = 1, K = 100, W_0 and the teacher with N(0,1) entries,
// x ~ U(−1, 1). Entries are rounded to a 2^-20 grid so the exact run stays small; the identity is polynomial in
// the entries, so the grid does not weaken it.
struct Demo {
  static constexpr int d = 12, dy = 8, N = 45, K = 100;
  Mat<Rational> X, Y, W0, xt;
  std::vector<Rational> etas;
};

inline Rational on_grid(double v) { return Rational(static_cast<long>(std::llround(v * 1048576.0))) / Rational(1048576); }

inline Demo make_demo(uint64_t seed) {
  Rng rng(seed);
  Demo t;
  t.X.resize(Demo::d, Demo::N);
  t.xt.resize(Demo::d, 1);
  t.W0.resize(Demo::dy, Demo::d);
  Mat<Rational> teacher(Demo::dy, Demo::d);
  for (Index i = 0; i < t.X.size(); ++i) t.X(i) = on_grid(rng.uniform(-1, 1));
  for (Index i = 0; i < t.xt.size(); ++i) t.xt(i) = on_grid(rng.uniform(-1, 1));
  for (Index i = 0; i < t.W0.size(); ++i) t.W0(i) = on_grid(rng.normal());
  for (Index i = 0; i < teacher.size(); ++i) teacher(i) = on_grid(rng.normal());
  t.Y = teacher * t.X;
  t.etas.assign(Demo::K, Rational(1));
  return t;
}

// Construction tokens and oracle tokens of the demo in scalar S.
template <class S>
std::pair<Mat<S>, Mat<S>> demo_tokens(const Demo& t, Defect defect) {
  const Mat<S> X = cast_matrix<S>(t.X), Y = cast_matrix<S>(t.Y), W0 = cast_matrix<S>(t.W0), xt = cast_matrix<S>(t.xt);
  std::vector<S> etas;
  for (const auto& e : t.etas) etas.push_back(from_rational<S>(e));
  auto stack = vo::gd_stack<S>(W0, etas, Demo::N, vo::PForm::Paper);
  damage(stack, defect, Demo::N);
  const Mat<S> constructed = forward(stack, vo::regression_prompt<S>(X, Y, xt, -(W0 * xt))).Z;
  const Mat<S> WK = oracle::gd<S>(W0, X, Y, etas).back();
  Mat<S> expected(Demo::d + Demo::dy, Demo::N + 1);
  expected << X, xt, Y - (WK - W0) * X, -(WK * xt);
  return {constructed, expected};
}

}  // namespace icl::vonoswald2023
