// Exact-moment cost against d (ding2025 O2, RK, n = 10, polynomials in p): the cost the Ding claims pay for H and h,
// d = 1 … 6 (spec: about 4^(d+1)·m²·d² polynomial terms). One iteration per d; run with bench/run_ding.sh.
#include <benchmark/benchmark.h>

#include "oracles/markov.hpp"

namespace {

void BM_DingMomentsRK(benchmark::State& state) {
  const auto d = static_cast<icl::Index>(state.range(0));
  for (auto _ : state) {
    const auto M = icl::markov::moment_recipe(d, 10, icl::markov::Model::RK);
    benchmark::DoNotOptimize(M.H.size());
  }
  state.counters["dm"] = double(d * icl::markov::pairs(d));
}
BENCHMARK(BM_DingMomentsRK)->DenseRange(1, 6)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_DingMomentsFixedKernel(benchmark::State& state) {
  const auto d = static_cast<icl::Index>(state.range(0));
  for (auto _ : state) {
    const auto M = icl::markov::moment_recipe(d, 10, icl::markov::Model::FK,
                                              std::make_pair(icl::Rational(1, 3), icl::Rational(1, 4)));
    benchmark::DoNotOptimize(M.H.size());
  }
}
BENCHMARK(BM_DingMomentsFixedKernel)->DenseRange(1, 6)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
