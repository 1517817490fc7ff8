// Stability benchmarks (issue 16): linearized SGD growth Monte Carlo (STAB-2's workload, solvers/stability/
// linear_growth.hpp) at an N = 16 minimum of rank 8, B = 2 with replacement, 100 steps per run, on 1 and 2 threads.
// Run: build/solvers/bench/stability_bench   (counter steps/s = linearized SGD steps per second).
#include "solvers/stability/linear_growth.hpp"

#include <benchmark/benchmark.h>

using namespace irverify;

namespace {

void BM_LinearGrowthMc(benchmark::State& state) {
  const int N = 16, r = 8, threads = static_cast<int>(state.range(0));
  CounterStream rng(5, 0);
  Mat<double> W(N, r);
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < r; ++j) W(i, j) = rng.normal();
  const Mat<double> M0 = Mat<double>::Identity(r, r) / r;
  GrowthOptions o;
  o.run.samples = 4096;
  o.steps = 100;
  o.run.threads = threads;
  for (auto _ : state) benchmark::DoNotOptimize(mc_growth(W, 2, BatchSampling::WithReplacement, 0.05, M0, o).log_rate);
  state.counters["steps/s"] = benchmark::Counter(double(state.iterations()) * o.run.samples * o.steps, benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_LinearGrowthMc)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
