// SGD-3 (CLAIMS.md): the eps^2 coefficient of the mean iterate, by Richardson extrapolation of exact means, agrees
// with its closed form to >= 10 digits; the wrong closed forms do not.
#include "checks/sgd/sgd3_second_order.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Sgd3SecondOrderCoefficient, RichardsonMatchesClosedFormToTenDigits) {
  const Case c = sgd_second_order_case<mp50>(claim_context("SGD-3"), generate_problem("diag-uu-vv", 1), 8);
  EXPECT_GE(c.extra["digits"]["exact_mean"].get<double>(), kSgd3Digits);
  EXPECT_GE(c.extra["digits"]["modified_flow"].get<double>(), kSgd3Digits);
  EXPECT_LT(c.extra["digits"]["control_coefficient"].get<double>(), kSgd3Digits);
  EXPECT_LT(c.extra["digits"]["control_no_minibatch"].get<double>(), kSgd3Digits);
  EXPECT_TRUE(c.pass);
}
