// BEA-1 (CLAIMS.md BEA): the exact series of GD passes its rational statements (IGR constants, Bernoulli and tall
// families, log(exact flow) = f, log(a a) = 2 log(a); the 1/6 control refuted) and its truncations have local orders
// 5 and 6 with the wrong f4 rejected, on a model with T != 0 (diag-uv) and a quadratic one.
#include "checks/bea/bea1_gd_series.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Bea1GdSeries, ExactStatementsHoldControlRefuted) {
  const Case c = bea_gd_exact_case(claim_context("BEA-1"));
  EXPECT_TRUE(c.pass);
  int refuted = 0;
  for (const Statement& s : c.statements) {
    EXPECT_TRUE(s.pass()) << s.text << ": " << s.evidence;
    refuted += s.expected == kRefuted;
  }
  EXPECT_EQ(refuted, 1);
  EXPECT_EQ(c.extra["bseries"]["f4_gradient"], "-(1/12) T[g, H g] - (1/12) H T[g, g] - (1/4) H^3 g");
}

class Bea1GdSeriesOrder : public ::testing::TestWithParam<std::string> {};

TEST_P(Bea1GdSeriesOrder, OrdersFiveAndSixControlsRejected) {
  const Case c = bea_gd_ladder_case<mp50>(claim_context("BEA-1"), generate_problem(GetParam(), 1), kBeaLevels);
  for (const auto& s : c.series) {
    ASSERT_TRUE(s.fit.ok) << s.name << ": " << s.fit.note;
    if (s.role == Role::control) {
      EXPECT_NEAR(s.fit.slope, 4.0, kOrderTolerance) << s.name;
    }
  }
  EXPECT_EQ(c.series.size(), GetParam() == "least-squares" ? 4u : 5u);
  EXPECT_TRUE(c.pass);
}

INSTANTIATE_TEST_SUITE_P(Models, Bea1GdSeriesOrder, ::testing::Values("least-squares", "diag-uv"), ModelName());
