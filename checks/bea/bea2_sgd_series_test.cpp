// BEA-2 (CLAIMS.md BEA): the mean epoch's coloured B-series gives Smith's F1 and RR-3's F2 exactly for m = 1..10 (the
// controls refuted, the pattern polynomials predicting m = 9, 10; with replacement: GD's F1 and F2 plus the noise term),
// and on least squares the series field equals RR-3's tape and has the exact means' local orders.
#include "checks/bea/bea2_sgd_series.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Bea2SgdSeries, ExactFieldsAreSmithAndRr3ControlsRefuted) {
  const Case c = bea_sgd_exact_case(claim_context("BEA-2"));
  EXPECT_TRUE(c.pass);
  for (const Statement& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.evidence;
}

TEST(Bea2SgdSeries, SeriesFieldIsRr3TapeAndHasOrdersThreeAndFourOnLeastSquares) {
  const Case c = bea_sgd_ladder_case<mp50>(claim_context("BEA-2"), generate_problem("least-squares", 1));
  EXPECT_TRUE(c.pass);
  ASSERT_EQ(c.series.size(), 4u);  // shuffled through eps, eps^2; with replacement: its own series, the shuffled one (T = 0)
  for (const auto& s : c.series) EXPECT_TRUE(s.fit.ok) << s.name << ": " << s.fit.note;
}
