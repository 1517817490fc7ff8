// SGD-2 (CLAIMS.md): the SGD-2 case passes with its control rejected. (The Monte Carlo estimator itself: thread
// independence, sampling schemes, the antithetic pair's order: checks/unit/solvers/sgd/monte_carlo_test.cpp.)
#include "checks/sgd/sgd2_monte_carlo.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Sgd2MonteCarloOrder, PlainAndAntitheticOrdersWithControlRejected) {
  const Case c = sgd_monte_carlo_case<double>(claim_context("SGD-2"), generate_problem("diag-uv", 1), 8);
  for (const auto& s : c.series) {
    if (s.role == Role::claim) {
      EXPECT_TRUE(s.order_holds) << s.name << ": " << s.fit.slope << " +- " << s.fit.slope_stderr;
    }
    if (s.role == Role::control) {
      EXPECT_FALSE(s.order_holds) << s.name;
    }
  }
  EXPECT_TRUE(c.pass);
}
