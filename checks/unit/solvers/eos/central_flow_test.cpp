// solvers/eos/central_flow.hpp on L = -w1 + w2^2/2 with sharpness S = w1 (grad S = e1): gradient flow raises w1 at rate
// eta until S = 2/eta, then sigma^2 = 2 <-grad L, grad S>/|grad S|^2 = 2 and the central flow holds w1 = 2/eta while w2
// decays as exp(-eta t); without the constraint w1 keeps rising. Bad arguments are refused.
#include "solvers/eos/central_flow.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace irverify;

TEST(CentralFlow, StopsAtTheEdgeAndHoldsIt) {
  const double eta = 0.5;  // 2/eta = 4
  const SharpnessFunctions<double> f{[](const Vec<double>& w) { return Vec<double>((Vec<double>(2) << -1.0, w(1)).finished()); },
                                     [](const Vec<double>& w) { return w(0); },
                                     [](const Vec<double>&) { return Vec<double>((Vec<double>(2) << 1.0, 0.0).finished()); }};
  const Vec<double> w0 = (Vec<double>(2) << 3.0, 1.0).finished();
  const CentralFlowPath<double> c = central_flow<double>(f, w0, eta, 10, 8, true);
  EXPECT_EQ(c.onset, 2);  // w1 = 3 + eta t reaches 4 at t = 2
  for (long n = 2; n <= 10; ++n) {
    EXPECT_NEAR(c.w[n](0), 4.0, 1e-12) << n;
    EXPECT_NEAR(c.sigma2[n], 2.0, 1e-12) << n;
  }
  // RK4, 8 steps per unit time (eta dt = 1/16): relative error about 80 (1/16)^5 / 120 = 6.4e-7 of exp(-5) = 6.7e-3.
  EXPECT_NEAR(c.w[10](1), std::exp(-eta * 10), 1e-8);
  const CentralFlowPath<double> g = central_flow<double>(f, w0, eta, 10, 8, false);
  EXPECT_EQ(g.onset, -1);
  EXPECT_NEAR(g.w[10](0), 3.0 + eta * 10, 1e-12);
  EXPECT_THROW(central_flow<double>(f, w0, eta, 10, 0, true), std::invalid_argument);
}
