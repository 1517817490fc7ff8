// solvers/simd/diag_kernel.hpp: the diagonal-net kernel's state is (u, v) each zero-padded to 8 ceil(p/8); one step on
// a one-example batch is the documented update r = x . beta - y, u -= c r x (.) du, v -= c r x (.) dv, with (du, dv) =
// (v, u) for beta = u (.) v and (2u, -2v) for beta = u (.) u - v (.) v; bad input refused.
#include "solvers/simd/diag_kernel.hpp"

#include "checks/framework/tolerance.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(DiagKernel, OneStepIsTheDocumentedUpdateOnEveryIsa) {
  const int p = 3;
  const std::vector<double> X = {0.5, -1, 0.25, 1, 0.75, -0.5}, y = {0.3, -0.2};  // N = 2
  const double theta[6] = {0.5, -0.25, 1, 1.5, 0.5, -0.75}, eps = 0.125;
  for (const bool squares : {false, true}) {
    const DiagSgdKernel k(squares, X, y, p, {{1}, {0}}, eps);
    ASSERT_EQ(k.stride(), 16);
    std::vector<double> state(16, 9.0);
    k.pack(theta, state.data());
    for (int j = p; j < 8; ++j) EXPECT_EQ(state[j], 0.0) << j;
    EXPECT_EQ(state[8], theta[3]);
    // An epoch visiting batch 0 (example 1), then batch 1 (example 0), written out step by step.
    std::vector<double> u(theta, theta + 3), v(theta + 3, theta + 6);
    for (int example : {1, 0}) {
      double r = -y[example];
      for (int j = 0; j < p; ++j) r += X[example * p + j] * (squares ? u[j] * u[j] - v[j] * v[j] : u[j] * v[j]);
      for (int j = 0; j < p; ++j) {
        const double g = r * X[example * p + j], du = squares ? 2 * u[j] : v[j], dv = squares ? -2 * v[j] : u[j];
        u[j] -= eps * g * du;
        v[j] -= eps * g * dv;
      }
    }
    const int order[2] = {0, 1};
    for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
      if (!isa_supported(isa)) continue;
      std::vector<double> s = state;
      k.epochs(order, s.data(), 1, isa);
      double out[6];
      k.unpack(s.data(), out);
      for (int j = 0; j < p; ++j) {
        EXPECT_NEAR(out[j], u[j], tol::ulps<double>(16)) << isa_name(isa) << " u" << j << " squares " << squares;
        EXPECT_NEAR(out[p + j], v[j], tol::ulps<double>(16)) << isa_name(isa) << " v" << j << " squares " << squares;
      }
    }
  }
}

TEST(DiagKernel, RefusesBadInput) {
  const std::vector<double> X(12, 1.0), y(4, 0.0);
  EXPECT_THROW(DiagSgdKernel(false, X, y, 4, {{0, 1}}, 0.1), std::invalid_argument);  // 12 != 4 x 4
  EXPECT_THROW(DiagSgdKernel(true, X, y, 3, {{0, 1}, {2}}, 0.1), std::invalid_argument);
  EXPECT_THROW(DiagSgdKernel(true, X, y, 3, {{0, 9}}, 0.1), std::invalid_argument);
  EXPECT_NO_THROW(DiagSgdKernel(true, X, y, 3, {{0, 1}, {2, 3}}, 0.1));
}
