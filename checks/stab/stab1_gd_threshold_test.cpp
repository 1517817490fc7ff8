// STAB-1 (CLAIMS.md): the GD threshold 2/lambda_max against direct iteration, with the wrong thresholds rejected.
#include "checks/stab/stab1_gd_threshold.hpp"
#include "checks/framework/minimum_setup.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Stab1GdThreshold, IterationFlipsAtTwoOverLambdaMaxAndWrongThresholdsAreRejected) {
  for (const auto& spec : minimum_problems()) {
    const Case c = stab_gd_threshold_case<quad>(claim_context("STAB-1"), spec, 6);
    EXPECT_TRUE(c.pass) << spec.name;
    for (const auto& row : c.tables[2].rows) EXPECT_EQ(row.back(), "rejected") << spec.name << ": " << row[0];
    EXPECT_LE(c.extra["worst_rate_relative_difference"].get<double>(), kStabRateRelTol);
  }
}
