// Exact-check throughput: construction forward pass + GD oracle + exact comparison, in rationals,
// at d = N = 10 and at the notebook demo size (d = 12, d_y = 8, N = 45, K = 100). MPFR for comparison.
#include <benchmark/benchmark.h>

#include <cmath>

#include "constructions/vonoswald2023/layers.hpp"
#include "core/random.hpp"
#include "oracles/gd.hpp"

namespace {

using namespace icl;

struct Task {
  Mat<Rational> X, Y, W0, xt;
};

Rational grid(double v) { return Rational(static_cast<long>(std::llround(v * 1048576.0))) / Rational(1048576); }

Task task(int d, int dy, int N, uint64_t seed) {
  Rng rng(seed);
  Task t{Mat<Rational>(d, N), Mat<Rational>(dy, N), Mat<Rational>(dy, d), Mat<Rational>(d, 1)};
  for (Index i = 0; i < t.X.size(); ++i) t.X(i) = grid(rng.uniform(-1, 1));
  for (Index i = 0; i < t.Y.size(); ++i) t.Y(i) = grid(rng.normal());
  for (Index i = 0; i < t.W0.size(); ++i) t.W0(i) = grid(rng.normal());
  for (Index i = 0; i < t.xt.size(); ++i) t.xt(i) = grid(rng.uniform(-1, 1));
  return t;
}

template <class S>
bool exact_check(const Task& t, int K) {
  const Mat<S> X = cast_matrix<S>(t.X), Y = cast_matrix<S>(t.Y), W0 = cast_matrix<S>(t.W0), xt = cast_matrix<S>(t.xt);
  const std::vector<S> etas(K, S(1));
  const auto out = forward(vonoswald::gd_stack<S>(W0, etas, X.cols(), vonoswald::PForm::Paper),
                           vonoswald::regression_prompt<S>(X, Y, xt, -(W0 * xt)));
  const Mat<S> WK = oracle::gd<S>(W0, X, Y, etas).back();
  return vonoswald::predictions(out, X.rows()) == WK * xt;
}

void BM_ExactCheck_d10_N10(benchmark::State& state) {
  const int K = static_cast<int>(state.range(0));
  const Task t = task(10, 1, 10, 1);
  for (auto _ : state) benchmark::DoNotOptimize(exact_check<Rational>(t, K));
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("checks (construction + oracle + exact equality)");
}
BENCHMARK(BM_ExactCheck_d10_N10)->Arg(1)->Arg(8)->Unit(benchmark::kMillisecond);

void BM_Demo_Exact(benchmark::State& state) {
  const Task t = task(12, 8, 45, 2);
  for (auto _ : state) benchmark::DoNotOptimize(exact_check<Rational>(t, 100));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Demo_Exact)->Unit(benchmark::kSecond)->Iterations(1);

void BM_Demo_Mpfr(benchmark::State& state) {
  PrecisionScope scope(static_cast<int>(state.range(0)));
  const Task t = task(12, 8, 45, 2);
  for (auto _ : state) benchmark::DoNotOptimize(exact_check<Mpfr>(t, 100));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Demo_Mpfr)->Arg(256)->Arg(1024)->Unit(benchmark::kMillisecond);

void BM_Demo_Double(benchmark::State& state) {
  const Task t = task(12, 8, 45, 2);
  for (auto _ : state) benchmark::DoNotOptimize(exact_check<double>(t, 100));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Demo_Double)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
