// checks/framework/case.hpp: a negative control is rejected only when its fitted order misses the claimed one; a
// control with too few points above the floor to fit is unresolved and fails the case; a non-finite error is named
// with its step; a case without statements fails.
#include "checks/framework/case.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace irverify;

namespace {
// A case whose claim has order 2 and whose control has errors `control` on the ladder h = 2^-k.
Case case_ladder_with_control(const std::vector<double>& control) {
  Case c;
  c.add_series("claim", Role::claim, 2);
  c.add_series("control", Role::control, 3);
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

TEST(Case, ControlWithTheWrongOrderIsRejected) {
  std::vector<double> e;
  for (int k = 0; k < 8; ++k) e.push_back(std::ldexp(1.0, -2 * k));  // order 2, claimed 3
  const Case c = case_ladder_with_control(e);
  EXPECT_TRUE(c.series[1].fit.ok);
  EXPECT_TRUE(c.pass);
  EXPECT_EQ(case_json(c)["series"][1]["outcome"], "rejected");
}

TEST(Case, UnfittableControlIsUnresolvedAndFailsTheCase) {
  const Case c = case_ladder_with_control(std::vector<double>(8, 1e-300));  // every point at the floor
  EXPECT_FALSE(c.series[1].fit.ok);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(case_json(c)["series"][1]["outcome"], "unresolved");
}

TEST(Case, WithoutStatementsFails) {
  Case c;
  c.finish(0);
  EXPECT_FALSE(c.pass);
}

// A NaN in a ladder is named with its step and leaves the statement unresolved (the case fails), whatever the fit of
// the other points says.
TEST(Case, NonFiniteErrorIsNamedAndUnresolved) {
  std::vector<double> e;
  for (int k = 0; k < 8; ++k) e.push_back(std::ldexp(1.0, -2 * k));
  e[3] = NAN;
  const Case c = case_ladder_with_control(e);
  EXPECT_FALSE(c.pass);
  const Statement& s = c.statements.back();
  EXPECT_EQ(s.outcome, kUnresolved);
  EXPECT_NE(s.evidence.find("not finite"), std::string::npos) << s.evidence;
  EXPECT_NE(s.evidence.find("h = 0.125"), std::string::npos) << s.evidence;
}
