// GAME-2 (CLAIMS.md) as the claim runs it: the own-rate table is order 1 with alpha != lambda (refuted as O(h^2)) and 2
// with alpha = lambda; the wrong fields are rejected.
#include "checks/game/game2_own_rate.hpp"
#include "checks/framework/test_names.hpp"
#include "checks/framework/game_setup.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Game2OwnRate, OrderOneWithUnequalRatesTwoWithEqual) {
  for (const Case& c : game_own_rate_cases<mp50>(claim_context("GAME-2"), kGameLevels)) {
    EXPECT_TRUE(c.pass) << c.spec.name << " / " << c.label;
    ASSERT_TRUE(c.series[1].fit.ok) << c.series[1].fit.note;
    const bool equal = c.label.find("lambda = 1/2") == std::string::npos && c.label.find("lambda = 0.5") == std::string::npos;
    EXPECT_NEAR(c.series[1].fit.slope, equal ? 2.0 : 1.0, 0.1) << c.spec.name << " / " << c.label;
  }
}
