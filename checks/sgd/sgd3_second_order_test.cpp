// SGD-3 (CLAIMS.md): the eps^2 coefficient of the mean iterate, by Richardson extrapolation of exact means, agrees
// with its closed form to >= 10 digits; the wrong closed forms do not.
#include "checks/sgd/sgd3_second_order.hpp"
#include "checks/framework/sgd_setup.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Sgd3SecondOrderCoefficient, RichardsonMatchesClosedFormToTenDigits) {
  const RunContext ctx = claim_context("SGD-3");
  const ProblemSpec spec = generate_problem("diag-uu-vv", 1);
  const SgdSetup<mp50> st(ctx, spec);
  Case ladder = st.start("eps^2 coefficient");
  const Sgd3Digits d = sgd_second_order_measure<mp50>(st, 8, ladder).digits;
  EXPECT_GE(d.exact_mean, kSgd3Digits);
  EXPECT_GE(d.modified_flow, kSgd3Digits);
  EXPECT_LT(d.control_coefficient, kSgd3Digits);
  EXPECT_LT(d.control_no_minibatch, kSgd3Digits);
  EXPECT_TRUE(sgd_second_order_case<mp50>(ctx, spec, 8).pass);
}
