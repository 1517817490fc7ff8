// checks/framework/toy_problems.hpp: the uv-ridge toy is CLAIMS.md's loss, with its gradient at theta0.
#include "checks/framework/toy_problems.hpp"

#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(ToyProblems, UvRidgeToyIsTheLossOfClaimsMd) {
  const Problem<double> pr = build_problem<double>(uv_ridge_toy());
  const Vec<double> g = pr.model->gradient(pr.theta0, pr.model->all_examples());
  // g = ((xy - 1) y + 0.2 x, (xy - 1) x) at (1.5, 0.25): (0.14375, -0.9375).
  EXPECT_NEAR(g(0), 0.14375, 1e-15);
  EXPECT_NEAR(g(1), -0.9375, 1e-15);
}
