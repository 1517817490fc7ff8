// RR-3 (CLAIMS.md): with F2 the exact epoch mean has local order 4 (3 with Smith et al.'s flow); GD's f3 in place of
// F2 and F2 without its T terms are rejected; at m = 1 F2 is IGR-3's f3. (The taped F2 against CLAIMS.md's formula
// written literally: checks/unit/theory/losses/reshuffling_field_test.cpp.)
#include "checks/rr/rr3_third_order_field.hpp"
#include "checks/framework/test_names.hpp"
#include "checks/framework/toy_problems.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Rr3ThirdOrderField, OrderFourOnTheCubicBatchesControlsRejected) {
  const Case c = rr_third_order_case<mp50>(claim_context("RR-3"), cubic_batches_toy(), 9);
  ASSERT_EQ(c.series.size(), 4u);  // the T control is resolvable here
  for (const auto& s : c.series) {
    ASSERT_TRUE(s.fit.ok) << s.name << ": " << s.fit.note;
    if (s.role == Role::claim) EXPECT_TRUE(s.order_holds) << s.name << ": " << s.fit.slope;
    else EXPECT_NEAR(s.fit.slope, 3.0, kOrderTolerance) << s.name;  // controls: order 3, not 4
  }
  EXPECT_TRUE(c.pass);
}
