// checks/framework/ladder: a negative control is rejected only when its fitted order misses the claimed one; a
// control with too few points above the floor to fit is unresolved and fails the case.
#include "checks/framework/ladder.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace irverify;

namespace {
// A case whose claim has order 2 and whose control has errors `control` on the ladder h = 2^-k.
LadderCase ladder_with_control(const std::vector<double>& control) {
  LadderCase c;
  c.add_series("claim", "claim", 2);
  c.add_series("control", "negative-control", 3);
  for (std::size_t k = 0; k < control.size(); ++k) {
    const double h = std::ldexp(1.0, -static_cast<int>(k));
    c.add_h(h);
    c.add_error(0, h * h);
    c.add_error(1, control[k]);
  }
  c.finish(1e-300);
  return c;
}
}  // namespace

TEST(LadderCase, ControlWithTheWrongOrderIsRejected) {
  std::vector<double> e;
  for (int k = 0; k < 8; ++k) e.push_back(std::ldexp(1.0, -2 * k));  // order 2, claimed 3
  const LadderCase c = ladder_with_control(e);
  EXPECT_TRUE(c.series[1].fit.ok);
  EXPECT_TRUE(c.pass);
  EXPECT_EQ(ladder_case_json(c)["series"][1]["outcome"], "rejected");
}

TEST(LadderCase, UnfittableControlIsUnresolvedAndFailsTheCase) {
  const LadderCase c = ladder_with_control(std::vector<double>(8, 1e-300));  // every point at the floor
  EXPECT_FALSE(c.series[1].fit.ok);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(ladder_case_json(c)["series"][1]["outcome"], "unresolved");
}
