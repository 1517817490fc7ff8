// Flow-solver benchmark (issue #2 targets): a 10-d quadratic flow and a 20-parameter diag-uv flow to t = 1
// at tolerance 1e-30, with the Taylor-series solver (quad, mp50) and odeint's RKF78 / Bulirsch-Stoer.
// Run: build/solvers/bench/flow_bench  (counters: steps, order).
#include "solvers/flow/odeint_flow.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "theory/losses/igr_modified_loss.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <benchmark/benchmark.h>

using namespace irverify;

namespace {
ProblemSpec quadratic10() { return generate_problem("least-squares", 3, {12, 10, 0}); }
ProblemSpec diag20() { return generate_problem("diag-uv", 3, {8, 10, 0}); }  // 2 x 10 parameters

template <class S> void taylor(benchmark::State& state, const ProblemSpec& spec) {
  const Problem<S> p = build_problem<S>(spec);
  const TaylorFlow<S> f(gradient_flow_field(*p.model, p.model->all_examples()), S("1e-30"));
  FlowStats st;
  for (auto _ : state) benchmark::DoNotOptimize(f.integrate(p.theta0, S(1), &st));
  state.counters["steps"] = static_cast<double>(st.steps);
  state.counters["order"] = st.order;
}

template <class S> void odeint(benchmark::State& state, const ProblemSpec& spec, OdeintMethod method) {
  const Problem<S> p = build_problem<S>(spec);
  FlowStats st;
  for (auto _ : state)
    benchmark::DoNotOptimize(odeint_gradient_flow<S>(*p.model, p.model->all_examples(), p.theta0, S(1), S("1e-30"), method, &st));
  state.counters["steps"] = static_cast<double>(st.steps);
}
}  // namespace

void taylor_quad(benchmark::State& s, const ProblemSpec& p) { taylor<quad>(s, p); }
void taylor_mp50(benchmark::State& s, const ProblemSpec& p) { taylor<mp50>(s, p); }
void odeint_quad(benchmark::State& s, const ProblemSpec& p, OdeintMethod m) { odeint<quad>(s, p, m); }

BENCHMARK_CAPTURE(taylor_quad, quadratic10, quadratic10())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(taylor_mp50, quadratic10, quadratic10())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(taylor_quad, diag_uv20, diag20())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(taylor_mp50, diag_uv20, diag20())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(odeint_quad, quadratic10_rkf78, quadratic10(), OdeintMethod::RKF78)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(odeint_quad, quadratic10_bulirsch_stoer, quadratic10(), OdeintMethod::BulirschStoer)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(odeint_quad, diag_uv20_rkf78, diag20(), OdeintMethod::RKF78)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(odeint_quad, diag_uv20_bulirsch_stoer, diag20(), OdeintMethod::BulirschStoer)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
