// BEA-4 (CLAIMS.md BEA): the coloured B-series fields equal GAME-1's table exactly at every rate pair and scheme, the
// own-rate table is refuted for alpha != lambda and equal for alpha = lambda; GAME-1's ladder with the series field
// has local order 3 and rejects the own-rate table.
#include "checks/bea/bea4_game_series.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/test_names.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Bea4GameSeries, ExactFieldsAreGameOnesOwnRateRefutedUnlessEqualRates) {
  const Case c = bea_game_exact_case(claim_context("BEA-4"));
  EXPECT_TRUE(c.pass);
  int refuted = 0;
  for (const Statement& s : c.statements) {
    EXPECT_TRUE(s.pass()) << s.text << ": " << s.evidence;
    refuted += s.expected == kRefuted;
  }
  EXPECT_EQ(refuted, 6);  // own rate, alpha != lambda: 3 rate pairs x 2 schemes
}

TEST(Bea4GameSeries, LadderOrderThreeOwnRateRejected) {
  for (const Case& c : bea_game_ladder_cases<mp50>(claim_context("BEA-4"), 8)) {
    EXPECT_TRUE(c.pass) << c.spec.name << " / " << c.label;
    for (const auto& s : c.series) EXPECT_TRUE(s.fit.ok) << s.name << ": " << s.fit.note;
  }
}
