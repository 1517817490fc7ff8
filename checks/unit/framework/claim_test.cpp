// checks/framework/claim.hpp: run_claim decides a claim's verdict from its statements: a statement passes only with
// its expected outcome, so a refuted statement that starts to hold turns the claim red; a statement required refuted
// somewhere needs a case that refutes it.
#include "checks/framework/claim.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
// The record of a claim whose one case states a statement expected `expected` and measured `outcome`.
// With refuted_somewhere, the statements required refuted on some case.
// On `given` problems (a problem file) or on the claim's built-in instance.
nlohmann::json claim_record_with(Outcome expected, Outcome outcome, std::vector<std::string> refuted_somewhere = {},
                                 bool given = true) {
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
  if (given) opt.problems = {p};
  else claim.problems = [p] { return std::vector<ProblemSpec>{p}; };
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

// On the built-in instances a statement refuted somewhere needs a case that refutes it; on given problem files one
// that no case measures is not applicable (it fails nothing), and one measured but never refuted still fails.
TEST(Claim, RefutedSomewhereNeedsACaseThatRefutesIt) {
  EXPECT_EQ(claim_record_with(kHolds, kHolds, {"a counterexample exists"}, false)["verdict"], "fail");
  EXPECT_EQ(claim_record_with(kRefuted, kRefuted, {"a statement"})["verdict"], "pass");
  const nlohmann::json given = claim_record_with(kHolds, kHolds, {"a counterexample exists"}, true);
  EXPECT_EQ(given["verdict"], "pass");
  EXPECT_EQ(given["statements"][1]["verdict"], "not-applicable");
  EXPECT_EQ(given["statements"][1]["outcome"], "not-measured");
  EXPECT_EQ(claim_record_with(kRefuted, kHolds, {"a statement"}, true)["verdict"], "fail");
}


// "On some instance" means what it says: one case refuting the statement passes it, while another case where it
// holds (or cannot be resolved) fails neither that case nor the claim.
TEST(Claim, RefutedSomewhereIsJudgedOverTheCases) {
  Claim claim;
  claim.id = "TEST-2";
  claim.title = "a test claim";
  claim.precision = "double";
  claim.refuted_somewhere = {"control"};
  claim.cases = [](const RunContext&, const ProblemSpec&) {
    std::vector<Case> v(3);
    const Outcome outcomes[] = {kRefuted, kHolds, kUnresolved};
    for (int i = 0; i < 3; ++i) {
      v[i].state("a statement", kHolds, kHolds);
      v[i].state("control", kRefuted, outcomes[i]);
      v[i].finish(0);
    }
    return v;
  };
  ProblemSpec p;
  p.name = "p";
  p.model = "least-squares";
  claim.problems = [p] { return std::vector<ProblemSpec>{p}; };
  const nlohmann::json r = run_claim(claim, RunSettings{});
  EXPECT_EQ(r["verdict"], "pass");
  for (const auto& c : r["cases"]) EXPECT_EQ(c["verdict"], "pass");
  EXPECT_EQ(r["statements"][1]["outcome"], "mixed");
  EXPECT_EQ(r["statements"][1]["verdict"], "pass");
}
