// Formula models against the closed-form built-in they rewrite (issue 30): diag-uv, N = 32 examples, p = 16 features
// (32 parameters), the full-batch gradient and Hessian in double and mp50. The formula model records its gradient tape
// once per batch (cached) and replays it; the Hessian is forward mode over that tape, column by column.
// Run: build/solvers/bench/formula_bench   (label: built-in or formula; scripts/bench.sh lists the ratio).
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <benchmark/benchmark.h>

using namespace irverify;

namespace {

ProblemSpec diag_uv(bool formula) {
  ProblemSpec s = generate_problem("diag-uv", 3, {32, 16, 0});
  if (formula) {
    s.model = "formula";
    s.symbols.parameters = {{"u", 16}, {"v", 16}};
    s.residual = "sum(k, u[k] * v[k] * x[k]) - y";
  }
  return s;
}

template <class S> void BM_Gradient(benchmark::State& state) {
  const bool formula = state.range(0) != 0;
  const Problem<S> p = build_problem<S>(diag_uv(formula));
  const Batch all = p.model->all_examples();
  for (auto _ : state) benchmark::DoNotOptimize(p.model->gradient(p.theta0, all));
  state.SetLabel(formula ? "formula" : "built-in");
}
template <class S> void BM_Hessian(benchmark::State& state) {
  const bool formula = state.range(0) != 0;
  const Problem<S> p = build_problem<S>(diag_uv(formula));
  const Batch all = p.model->all_examples();
  for (auto _ : state) benchmark::DoNotOptimize(p.model->hessian(p.theta0, all));
  state.SetLabel(formula ? "formula" : "built-in");
}

}  // namespace

BENCHMARK_TEMPLATE(BM_Gradient, double)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(BM_Gradient, mp50)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(BM_Hessian, double)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(BM_Hessian, mp50)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
