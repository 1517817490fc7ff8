// STAB-4 (CLAIMS.md): SGD end points obey the trace bound; GD end points obey lambda_max <= 2/eta and can exceed the
// trace bound. Mean-square stability of SGD end points (eta <= eta*) is measured, not assumed: where it fails, the
// almost-sure growth rate there must be negative (SGD converged to a mean-square-unstable minimum).
#include "checks/stab/stab4_selection.hpp"
#include "checks/stab/stab_setup.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Stab4Selection, TraceBoundHoldsForSgdAndNotForGd) {
  const LadderCase c = stab_selection_case(stab_problems()[2], 6, 4);  // diag-uu-vv
  const auto& parts = c.tables[1].rows;
  EXPECT_EQ(parts[0].back(), "holds");  // SGD: tr H <= 2B/eta
  EXPECT_EQ(parts[2].back(), "holds");  // GD: lambda_max <= 2/eta
  EXPECT_EQ(parts[3].back(), "shown");  // GD: some tr H > 2/eta
  EXPECT_GT(c.extra["sgd_end_points"].get<int>(), 0);
  const int unstable = c.extra["mean_square_unstable_end_points"].get<int>();
  EXPECT_EQ(c.pass, unstable == 0);
  if (unstable > 0) {
    int almost_surely_stable = 0;
    for (const auto& row : c.tables[2].rows) almost_surely_stable += row.back() == "mean-square unstable, almost surely stable";
    EXPECT_GT(almost_surely_stable, 0);
  }
}
