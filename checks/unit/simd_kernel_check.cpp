// The SIMD least-squares SGD kernel (solvers/simd/ls_kernel.hpp) and its Monte Carlo (solvers/sgd/ls_monte_carlo.hpp):
// the documented summation order reproduced bit for bit by a scalar loop, the same bits on every ISA this CPU has,
// agreement with the generic Model path to rounding, and thread invariance.
#include "solvers/sgd/ls_monte_carlo.hpp"
#include "solvers/sgd/shuffling.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/random/counter_stream.hpp"
#include "theory/scalar.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

using namespace irverify;

namespace {

struct KernelCase {
  int n, d, B;
};

std::vector<double> draws(std::size_t n, std::uint32_t stream) {
  CounterStream rng(99, stream);
  std::vector<double> v(n);
  for (double& x : v) x = rng.uniform() - 0.5;
  return v;
}

std::vector<std::vector<int>> blocks(int n, int B) {
  std::vector<std::vector<int>> p;
  for (int i = 0; i + B <= n; i += B) {
    p.emplace_back();
    for (int j = i; j < i + B; ++j) p.back().push_back((j * 7 + 3) % n);  // not in example order
  }
  return p;
}

// The contract of ls_kernel.hpp, one scalar operation at a time.
void reference_step(const std::vector<double>& X, const std::vector<double>& y, int d, const std::vector<int>& b, double c,
                    double* th) {
  const int dp = 8 * ((d + 7) / 8), B = static_cast<int>(b.size());
  std::vector<double> r(B), g(dp);
  const auto x = [&](int i, int j) { return j < d ? X[i * d + j] : 0.0; };
  for (int j = 0; j < B; ++j) {
    double lane[8];
    for (int l = 0; l < 8; ++l) {
      lane[l] = x(b[j], l) * th[l];
      for (int k = 1; k < dp / 8; ++k) lane[l] = lane[l] + x(b[j], 8 * k + l) * th[8 * k + l];
    }
    r[j] = (((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]))) - y[b[j]];
  }
  for (int l = 0; l < dp; ++l) {
    double gl = r[0] * x(b[0], l);
    for (int j = 1; j < B; ++j) gl = gl + r[j] * x(b[j], l);
    th[l] = th[l] - c * gl;
  }
}

}  // namespace

TEST(SimdKernel, FollowsTheDocumentedOrderBitForBitOnEveryIsa) {
  for (const KernelCase cs : {KernelCase{8, 3, 2}, KernelCase{64, 16, 4}, KernelCase{12, 17, 3}, KernelCase{64, 256, 4}, KernelCase{5, 9, 1}}) {
    const auto X = draws(static_cast<std::size_t>(cs.n) * cs.d, 1), y = draws(cs.n, 2), th0 = draws(cs.d, 3);
    const auto part = blocks(cs.n, cs.B);
    const int m = static_cast<int>(part.size());
    const double eps = 0.0625;
    const LsSgdKernel k(X, y, cs.d, part, eps);
    const int count = 5, dp = k.padded_dim();
    std::vector<int> orders(count * m);
    for (int s = 0; s < count; ++s) random_order(m, 7, s, &orders[s * m]);
    std::vector<double> expect(count * dp, 0.0);
    for (int s = 0; s < count; ++s) {
      std::copy(th0.begin(), th0.end(), &expect[s * dp]);
      for (int t = 0; t < m; ++t) reference_step(X, y, cs.d, part[orders[s * m + t]], eps / cs.B, &expect[s * dp]);
    }
    int tested = 0;
    for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
      if (!isa_supported(isa)) continue;
      ++tested;
      std::vector<double> th(count * dp, 0.0);
      for (int s = 0; s < count; ++s) std::copy(th0.begin(), th0.end(), &th[s * dp]);
      k.epochs(orders.data(), th.data(), count, isa);
      EXPECT_EQ(0, std::memcmp(th.data(), expect.data(), th.size() * sizeof(double)))
          << isa_name(isa) << " n=" << cs.n << " d=" << cs.d << " B=" << cs.B;
    }
    EXPECT_GE(tested, 1);
  }
}

TEST(SimdKernel, MonteCarloMatchesTheModelPathAndIsTheSameForAnyThreadsAndIsa) {
  ProblemSpec s = generate_problem("least-squares", 1);  // N = 8, d = 4; batches of 2
  s.partition = blocks(s.num_examples(), 2);
  const Problem<double> p = build_problem<double>(s);
  const double eps = 1.0 / 64;
  const LsSgdKernel k = least_squares_kernel(s, s.partition, eps);
  const Vec<double> r = first_order_mean<double>(*p.model, p.partition, p.theta0, eps);
  for (bool anti : {false, true}) {
    McOptions o{5, 1000, anti, 1, {}};  // 1000: the last block and group are partial
    const McEstimate<double> a = mc_least_squares_mean(k, p.theta0, r, o, Isa::Sse2);
    const McEstimate<double> ref = mc_epoch_mean<double>(*p.model, p.partition, p.theta0, eps, o);
    // Same orders, different summation order only: a few units of rounding on O(1) iterates.
    EXPECT_LE((a.mean - ref.mean).norm(), 64 * std::numeric_limits<double>::epsilon());
    EXPECT_LE((a.std_error - ref.std_error).norm(), 1e-6 * ref.std_error.norm());
    EXPECT_EQ(a.batch_steps, ref.batch_steps);
    o.threads = 3;
    const McEstimate<double> b = mc_least_squares_mean(k, p.theta0, r, o, best_isa());
    EXPECT_TRUE(a.mean == b.mean && a.std_error == b.std_error) << "antithetic=" << anti;
  }
}

TEST(SimdKernel, RefusesBadInput) {
  const std::vector<double> X(12, 1.0), y(4, 0.0);
  EXPECT_THROW(LsSgdKernel(X, y, 4, {{0, 1}, {2, 3}}, 0.1), std::invalid_argument);     // 12 != 4 x 4
  EXPECT_THROW(LsSgdKernel(X, y, 3, {{0, 1}, {2}}, 0.1), std::invalid_argument);        // unequal batches
  EXPECT_THROW(LsSgdKernel(X, y, 3, {{0, 4}}, 0.1), std::invalid_argument);             // index out of range
  EXPECT_THROW(LsSgdKernel(X, y, 3, {{0, 1}}, 0.0), std::invalid_argument);             // eps
  EXPECT_THROW(parse_isa("avx3"), std::invalid_argument);
}
