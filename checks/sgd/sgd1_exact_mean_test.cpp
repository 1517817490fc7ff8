// SGD-1 (CLAIMS.md): the exact epoch mean has orders 2 (flow of L) and 3 (flow of L~SGD); single orders spread as
// eps^2; both controls rejected; the setup rejects partitions SGD-1 cannot use. (The enumeration itself against brute
// force: checks/unit/solvers/sgd/shuffling_test.cpp.)
#include "checks/sgd/sgd1_exact_mean.hpp"
#include "checks/framework/sgd_setup.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

class Sgd1ExactMeanOrder : public ::testing::TestWithParam<std::string> {};

TEST_P(Sgd1ExactMeanOrder, OrdersTwoAndThreeSpreadTwoControlsRejected) {
  const Case c = sgd_exact_mean_case<mp50>(claim_context("SGD-1"), generate_problem(GetParam(), 1), 9);
  for (const auto& s : c.series) {
    ASSERT_TRUE(s.fit.ok) << s.name << ": " << s.fit.note;
    if (s.role == Role::claim) EXPECT_TRUE(s.order_holds) << s.name << ": " << s.fit.slope;
    else EXPECT_NEAR(s.fit.slope, 2.0, kOrderTolerance) << s.name;  // controls: order 2, not 3
  }
  EXPECT_TRUE(c.pass);
}

INSTANTIATE_TEST_SUITE_P(Models, Sgd1ExactMeanOrder, ::testing::Values("least-squares", "diag-uv", "two-layer-tanh"),
                         ModelName());

TEST(Sgd1SetupInput, RejectsBadPartitions) {
  ProblemSpec s = generate_problem("least-squares", 1);
  s.partition = {{0, 1, 2}, {3, 4}, {5, 6, 7}};
  const RunContext ctx = claim_context("SGD-1");
  EXPECT_THROW((SgdSetup<double>{ctx, s}), ProblemError);  // unequal batches
  s.partition = {{0, 1, 2, 3, 4, 5, 6, 7}};
  EXPECT_THROW((SgdSetup<double>{ctx, s}), ProblemError);  // m = 1
  EXPECT_THROW((SgdSetup<double>{ctx, generate_problem("two-layer-relu", 1)}), ProblemError);
}
