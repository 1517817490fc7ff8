// Cost of one multiply-add per scalar type: the measurement behind the choice of mp50
// (theory/scalar.hpp): stack MPFR at 50 digits against cpp_bin_float_50, with double and float128.
#include "theory/scalar.hpp"

#include <benchmark/benchmark.h>
#include <boost/multiprecision/cpp_bin_float.hpp>

#include <vector>

namespace {
template <class S> void fma_loop(benchmark::State& state) {
  const int n = 256;
  std::vector<S> a(n), b(n);
  for (int i = 0; i < n; ++i) {
    a[i] = S(i + 1) / 7;
    b[i] = S(1) / (i + 3);
  }
  for (auto _ : state) {
    S acc(0);
    for (int i = 0; i < n; ++i) acc += a[i] * b[i];
    benchmark::DoNotOptimize(acc);
  }
  state.SetItemsProcessed(state.iterations() * n);  // items/s = multiply-adds per second
}
using bin50 = boost::multiprecision::number<boost::multiprecision::cpp_bin_float<50>, boost::multiprecision::et_off>;
}  // namespace

BENCHMARK_TEMPLATE(fma_loop, double);
BENCHMARK_TEMPLATE(fma_loop, irverify::quad);
BENCHMARK_TEMPLATE(fma_loop, irverify::mp50);
BENCHMARK_TEMPLATE(fma_loop, bin50);

BENCHMARK_MAIN();
