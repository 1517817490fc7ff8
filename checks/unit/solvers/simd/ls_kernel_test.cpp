// solvers/simd/ls_kernel.hpp: least squares' documented summation order reproduced bit for bit by a scalar loop, on
// every ISA this CPU has; pack/unpack pad with zeros; bad input refused.
#include "solvers/simd/ls_kernel.hpp"

#include "checks/unit/solvers/simd/kernel_checks.hpp"
#include "solvers/sgd/shuffling.hpp"

#include <gtest/gtest.h>

#include <cstring>

using namespace irverify;

namespace {

struct LsKernelCase {
  int n, d, B;
};

// The contract of ls_kernel.hpp, one scalar operation at a time.
void ls_reference_step(const std::vector<double>& X, const std::vector<double>& y, int d, const std::vector<int>& b, double c,
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

TEST(LsKernel, FollowsTheDocumentedOrderBitForBitOnEveryIsa) {
  for (const LsKernelCase cs : {LsKernelCase{8, 3, 2}, LsKernelCase{64, 16, 4}, LsKernelCase{12, 17, 3}, LsKernelCase{64, 256, 4},
                                LsKernelCase{5, 9, 1}}) {
    const auto X = kernel_test_draws(static_cast<std::size_t>(cs.n) * cs.d, 1), y = kernel_test_draws(cs.n, 2),
               th0 = kernel_test_draws(cs.d, 3);
    const auto part = kernel_test_batches(cs.n, cs.B);
    const int m = static_cast<int>(part.size());
    const double eps = 0.0625;
    const LsSgdKernel k(X, y, cs.d, part, eps);
    const int count = 5, dp = k.stride();
    std::vector<int> orders(count * m);
    for (int s = 0; s < count; ++s) random_order(m, 7, s, &orders[s * m]);
    std::vector<double> expect(count * dp, 0.0);
    for (int s = 0; s < count; ++s) {
      std::copy(th0.begin(), th0.end(), &expect[s * dp]);
      for (int t = 0; t < m; ++t) ls_reference_step(X, y, cs.d, part[orders[s * m + t]], eps / cs.B, &expect[s * dp]);
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

TEST(LsKernel, ShapePackingAndRefusals) {
  const std::vector<double> X(12, 1.0), y(4, 0.0);
  const LsSgdKernel k(X, y, 3, {{0, 1}, {2, 3}}, 0.5);
  EXPECT_EQ(k.dim(), 3);
  EXPECT_EQ(k.stride(), 8);
  EXPECT_EQ(k.batches(), 2);
  EXPECT_EQ(k.batch_size(), 2);
  EXPECT_EQ(k.multiply_adds(), 2.0 * 3 + 3.0 / 2);
  const double theta[3] = {1, -2, 3};
  std::vector<double> state(8, 7.0), back(3);
  k.pack(theta, state.data());
  EXPECT_EQ(state, std::vector<double>({1, -2, 3, 0, 0, 0, 0, 0}));
  k.unpack(state.data(), back.data());
  EXPECT_EQ(back, std::vector<double>(theta, theta + 3));
  EXPECT_THROW(LsSgdKernel(X, y, 4, {{0, 1}, {2, 3}}, 0.1), std::invalid_argument);     // 12 != 4 x 4
  EXPECT_THROW(LsSgdKernel(X, y, 3, {{0, 1}, {2}}, 0.1), std::invalid_argument);        // unequal batches
  EXPECT_THROW(LsSgdKernel(X, y, 3, {{0, 4}}, 0.1), std::invalid_argument);             // index out of range
  EXPECT_THROW(LsSgdKernel(X, y, 3, {{0, 1}}, 0.0), std::invalid_argument);             // eps
}
