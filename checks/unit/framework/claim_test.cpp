// checks/framework/claim.hpp: run_claim decides a claim's verdict from its statements: a statement passes only with
// its expected outcome, so a refuted statement that starts to hold turns the claim red; a statement required refuted
// somewhere needs a case that refutes it.
#include "checks/framework/claim.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
// The record of a claim whose one case states a statement expected `expected` and measured `outcome`.
// With refuted_somewhere, the statements required refuted on some case.
nlohmann::json claim_record_with(Outcome expected, Outcome outcome, std::vector<std::string> refuted_somewhere = {}) {
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

TEST(Claim, RefutedStatementThatStartsToHoldTurnsTheClaimRed) {
  EXPECT_EQ(claim_record_with(kRefuted, kRefuted)["verdict"], "pass");
  const nlohmann::json red = claim_record_with(kRefuted, kHolds);
  EXPECT_EQ(red["verdict"], "fail");
  EXPECT_EQ(red["statements"][0]["outcome"], "holds");
  EXPECT_EQ(red["statements"][0]["verdict"], "fail");
  EXPECT_EQ(claim_record_with(kRefuted, kUnresolved)["verdict"], "fail");
  EXPECT_EQ(claim_record_with(kHolds, kRefuted)["verdict"], "fail");
  EXPECT_EQ(claim_record_with(kHolds, kHolds)["verdict"], "pass");
}

TEST(Claim, RefutedSomewhereNeedsACaseThatRefutesIt) {
  EXPECT_EQ(claim_record_with(kHolds, kHolds, {"a counterexample exists"})["verdict"], "fail");
  EXPECT_EQ(claim_record_with(kRefuted, kRefuted, {"a statement"})["verdict"], "pass");
}

