// solvers/stability/momentum_growth.hpp: the root moduli obey Jury's criterion (every modulus < 1 iff 0 < eta lambda <
// 2(1 + beta)), the leading root is recognized as real or complex, and direct iteration grows at log max modulus.
#include "solvers/stability/momentum_growth.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace irverify;

TEST(MomentumGrowth, JuryInterval) {
  Vec<double> lambda(1);
  lambda << 1.0;
  for (double beta : {0.0, 0.3, 0.5, 0.9}) {
    const double edge = 2 * (1 + beta);
    EXPECT_LT(momentum_moduli<double>(lambda, edge * (1 - 1e-6), beta)[0], 1.0) << beta;
    EXPECT_GT(momentum_moduli<double>(lambda, edge * (1 + 1e-6), beta)[0], 1.0) << beta;
    EXPECT_NEAR(momentum_moduli<double>(lambda, edge, beta)[0], 1.0, 1e-12) << beta;  // the root -1
  }
}

TEST(MomentumGrowth, LeadingRootRealOrComplex) {
  Vec<double> lambda(2);
  lambda << 1.0, 0.5;
  EXPECT_TRUE(momentum_leading_root_real<double>(lambda, 2.95, 0.5));   // eta lambda > (1 + sqrt(beta))^2: real
  EXPECT_FALSE(momentum_leading_root_real<double>(lambda, 1.5, 0.5));   // 1 + beta - eta lambda = 0: modulus sqrt(beta)
}

TEST(MomentumGrowth, DirectIterationGrowsAtTheLeadingModulus) {
  Mat<double> V = Mat<double>::Zero(2, 2);
  V(0, 0) = std::sqrt(2.0), V(1, 1) = 1.0;  // H = V'V/2 = diag(1, 1/2)
  Vec<double> lambda(2), delta0(2);
  lambda << 1.0, 0.5;
  delta0 << 1.0, 1.5;
  for (double eta : {2.95, 3.1}) {
    const double want = std::log(momentum_moduli<double>(lambda, eta, 0.5)[0]);
    EXPECT_NEAR(momentum_linear_rate<double>(V, delta0, eta, 0.5, 400), want, 1e-10 * std::abs(want)) << eta;
  }
}
