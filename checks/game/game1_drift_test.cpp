// GAME-1 (CLAIMS.md) as the claim runs it (8 levels, under a second): both schemes' fields have local order 3 and global order 2 on every
// built-in game, the wrong fields are rejected, the alternating invariant holds to rounding. (The tape field against
// the hand formulas: checks/unit/theory/games/game_test.cpp.)
#include "checks/game/game1_drift.hpp"
#include "checks/framework/game_setup.hpp"
#include "checks/framework/test_names.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Game1Drift, OrdersThreeAndTwoControlsRejectedInvariantHolds) {
  for (const Case& c : game_drift_cases<mp50>(claim_context("GAME-1"), kGameLevels)) {
    EXPECT_TRUE(c.pass) << c.spec.name << " / " << c.label;
    for (const auto& s : c.series) EXPECT_TRUE(s.fit.ok) << s.name << ": " << s.fit.note;
  }
}
