// checks/framework/budget.hpp: the up-front cost estimate is a lower bound from the sizes (the Hessian, the
// eigenproblem, the gradients; mp50 larger and slower than double), a run above the budget is refused before any case
// runs, and the human-readable sizes and times.
#include "checks/framework/budget.hpp"

#include "checks/framework/claim.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
ProblemSpec budget_least_squares(int examples, int features) {
  ProblemSpec s;
  s.name = "ls";
  s.model = "least-squares";
  s.data.assign(examples, std::vector<std::string>(features + 1, "1"));
  s.theta0.assign(features, "0");
  return s;
}
}  // namespace

TEST(Budget, EstimateCountsTheHessianTheEigenproblemAndTheGradients) {
  const Precision dbl = Precision::named("double"), mp = Precision::named("mp50");
  const ProblemSpec s = budget_least_squares(10, 100);
  const CostEstimate e = estimate_cost(s, dbl, 4, EigenSize::Parameters);
  EXPECT_DOUBLE_EQ(e.multiply_adds, 10.0 * 100 * 100 / 2 + 4.0 * 100 * 100 * 100 / 3 + 4.0 * 10 * 100);
  EXPECT_DOUBLE_EQ(e.bytes, 8.0 * (100 * 100 + 10 * 101));
  EXPECT_DOUBLE_EQ(estimate_cost(s, dbl, 4, EigenSize::Examples).multiply_adds,
                   10.0 * 100 * 100 / 2 + 4.0 * 10 * 10 * 10 / 3 + 4.0 * 10 * 100);
  EXPECT_DOUBLE_EQ(estimate_cost(s, dbl, 4, EigenSize::None).multiply_adds, 10.0 * 100 * 100 / 2 + 4.0 * 10 * 100);
  EXPECT_GT(e.seconds, 0);
  // mp50 numbers are larger and slower than double's.
  const CostEstimate m = estimate_cost(s, mp, 4, EigenSize::Parameters);
  EXPECT_GT(m.bytes, e.bytes);
  EXPECT_GT(m.seconds, e.seconds);
}

// A claim that forms no Hessian (the RANK claims: SGD on weight matrices) is charged neither its N P^2/2 work nor its
// P^2 numbers: linear2 with h = 4096 (8 x 8 inputs and outputs, P = 65536) was refused as needing 24.5 GiB in mp50;
// it runs in seconds and megabytes.
TEST(Budget, NoHessianNoHessianCost) {
  const Precision mp = Precision::named("mp50");
  ProblemSpec s = budget_least_squares(8, 65536);
  const CostEstimate with = estimate_cost(s, mp, 4, EigenSize::None), without = estimate_cost(s, mp, 4, EigenSize::None, false);
  EXPECT_GT(with.bytes, 16.0 * (1ULL << 30));
  EXPECT_DOUBLE_EQ(without.bytes, mp.bytes * (65536.0 + 8 * 65537));
  EXPECT_DOUBLE_EQ(without.multiply_adds, 4.0 * 8 * 65536);
  EXPECT_NE(without.basis.find("no Hessian"), std::string::npos) << without.basis;
}

TEST(Budget, RunAboveTheBudgetIsRefusedBeforeAnyCaseRuns) {
  Claim claim;
  claim.id = "TEST-1";
  claim.precision = "double";
  bool ran = false;
  claim.cases = [&](const RunContext&, const ProblemSpec&) {
    ran = true;
    return std::vector<Case>{};
  };
  RunSettings opt;
  opt.problems = {budget_least_squares(1, 4000)};
  opt.memory_budget = 1e6;  // 4000^2 doubles = 128 MB
  try {
    run_claim(claim, opt);
    FAIL() << "not refused";
  } catch (const ProblemError& e) {
    EXPECT_NE(std::string(e.what()).find("more than the memory budget"), std::string::npos) << e.what();
  }
  opt.memory_budget = 0;
  opt.time_budget = 1e-6;  // the 4000 x 4000 eigenproblem alone: 8.5e10 multiply-adds
  try {
    run_claim(claim, opt);
    FAIL() << "not refused";
  } catch (const ProblemError& e) {
    EXPECT_NE(std::string(e.what()).find("more than the time budget"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(ran);
}

TEST(Budget, HumanSecondsAndBytes) {
  EXPECT_EQ(human_seconds(12), "12 s");
  EXPECT_EQ(human_seconds(2400), "40 min");
  EXPECT_EQ(human_seconds(9000), "2.5 h");
  EXPECT_EQ(human_seconds(3 * 86400), "3 days");
  EXPECT_EQ(human_bytes(512), "512 bytes");
  EXPECT_EQ(human_bytes(3 * 1048576.0), "3 MiB");
  EXPECT_EQ(human_bytes(3.1 * 1073741824.0), "3.1 GiB");
  EXPECT_GT(default_memory_budget(), 0.0);
  EXPECT_LE(default_memory_budget(), 8.0 * 1073741824.0);
  EXPECT_GT(seconds_per_multiply_add(Precision::named("mp50")), seconds_per_multiply_add(Precision::named("double")));
}
