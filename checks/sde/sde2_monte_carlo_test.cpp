// SDE-2 (CLAIMS.md) at a test's size (2 levels on the tanh net, 1024 antithetic pairs first): the weak errors halve with
// eta and stand out of their uncertainties. (The Monte Carlo's means against GD and Euler:
// checks/unit/solvers/sde/sme_monte_carlo_test.cpp.)
#include "checks/sde/sde2_monte_carlo.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Sde2MonteCarlo, WeakErrorsHalveOnTheTanhNet) {
  RunContext ctx = claim_context("SDE-2");
  ctx.samples = 1024;
  const Case c = sme_monte_carlo_case<double>(ctx, generate_problem("two-layer-tanh", 1), 2);
  for (int j = 0; j < 3; ++j) {
    const auto& s = c.series[j];
    for (std::size_t k = 1; k < s.err.size(); ++k) EXPECT_NEAR(s.err[k - 1] / s.err[k], 2.0, 0.25) << s.name << " level " << k;
    for (std::size_t k = 0; k < s.err.size(); ++k) EXPECT_GT(s.err[k], 4 * s.sigma[k]) << s.name << " level " << k;
  }
}
