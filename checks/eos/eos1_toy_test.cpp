// EOS-1 (CLAIMS.md) in double at a shorter horizon: the orbit is the central flow's fixed point to >= 10 digits, the
// central flow tracks time-averaged GD, the doubled penalty's implied variance is refuted.
#include "checks/eos/eos1_toy.hpp"
#include "checks/framework/test_names.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Eos1Toy, FixedPointTrackingAndControl) {
  const Case c = eos_toy_case<double>(claim_context("EOS-1"), 3000, 40000);
  for (const Statement& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.evidence;
  EXPECT_TRUE(c.pass);
}
