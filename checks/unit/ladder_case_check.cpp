// checks/framework/ladder: a negative control is rejected only when its fitted order misses the claimed one; a
// control with too few points above the floor to fit is unresolved and fails the case. A statement passes only
// with its expected outcome: a refuted statement that starts to hold turns the claim red.
#include "checks/framework/case.hpp"
#include "checks/framework/claim.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace irverify;

namespace {
// A case whose claim has order 2 and whose control has errors `control` on the ladder h = 2^-k.
Case ladder_with_control(const std::vector<double>& control) {
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
  const Case c = ladder_with_control(e);
  EXPECT_TRUE(c.series[1].fit.ok);
  EXPECT_TRUE(c.pass);
  EXPECT_EQ(case_json(c)["series"][1]["outcome"], "rejected");
}

TEST(Case, UnfittableControlIsUnresolvedAndFailsTheCase) {
  const Case c = ladder_with_control(std::vector<double>(8, 1e-300));  // every point at the floor
  EXPECT_FALSE(c.series[1].fit.ok);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(case_json(c)["series"][1]["outcome"], "unresolved");
}

namespace {
// The record of a claim whose one case states a statement expected `expected` and measured `outcome`.
// With refuted_somewhere, the statements required refuted on some case.
nlohmann::json record_with(Outcome expected, Outcome outcome, std::vector<std::string> refuted_somewhere = {}) {
  Claim claim;
  claim.id = "TEST-1";
  claim.title = "a test claim";
  claim.precision = "double";
  claim.refuted_somewhere = std::move(refuted_somewhere);
  claim.cases = [&](const RunContext&, const ProblemSpec&) {
    Case c;
    c.state("a statement", expected, outcome);
    c.finish(0);
    return std::vector<Case>{c};
  };
  RunSettings opt;
  ProblemSpec p;
  p.name = "p";
  p.model = "least-squares";
  opt.problems = {p};
  return run_claim(claim, opt);
}
}  // namespace

TEST(Statements, RefutedStatementThatStartsToHoldTurnsTheClaimRed) {
  EXPECT_EQ(record_with(kRefuted, kRefuted)["verdict"], "pass");
  const nlohmann::json red = record_with(kRefuted, kHolds);
  EXPECT_EQ(red["verdict"], "fail");
  EXPECT_EQ(red["statements"][0]["outcome"], "holds");
  EXPECT_EQ(red["statements"][0]["verdict"], "fail");
  EXPECT_EQ(record_with(kRefuted, kUnresolved)["verdict"], "fail");
  EXPECT_EQ(record_with(kHolds, kRefuted)["verdict"], "fail");
  EXPECT_EQ(record_with(kHolds, kHolds)["verdict"], "pass");
}

TEST(Statements, RefutedSomewhereNeedsACaseThatRefutesIt) {
  EXPECT_EQ(record_with(kHolds, kHolds, {"a counterexample exists"})["verdict"], "fail");
  EXPECT_EQ(record_with(kRefuted, kRefuted, {"a statement"})["verdict"], "pass");
}

TEST(Statements, CaseWithoutStatementsFails) {
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
  const Case c = ladder_with_control(e);
  EXPECT_FALSE(c.pass);
  const Statement& s = c.statements.back();
  EXPECT_EQ(s.outcome, kUnresolved);
  EXPECT_NE(s.evidence.find("not finite"), std::string::npos) << s.evidence;
  EXPECT_NE(s.evidence.find("h = 0.125"), std::string::npos) << s.evidence;
}
