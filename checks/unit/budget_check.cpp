// Resource budgets (issue 13): the solvers' deadline stops long loops (on every thread of a Monte Carlo reduction)
// and is gone after the run; the up-front cost estimate is a lower bound from the sizes, and a run above the budget
// is refused before any case runs.
#include "checks/framework/budget.hpp"
#include "checks/framework/claim.hpp"
#include "solvers/control/deadline.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/parallel/block_reduce.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace irverify;

TEST(Deadline, StopsAnIterationAtItsBudgetAndIsGoneAfterTheRun) {
  Vec<double> x = Vec<double>::Ones(2);
  auto step = [](Vec<double>& v) { v *= 0.5; v.array() += 0.5; };  // stays finite forever
  const Deadline d(0.05, "the test's budget");
  EXPECT_THROW(iterate(step, x, std::numeric_limits<long>::max(), DeadlineCheck{&d, 16}), DeadlineExceeded);
  EXPECT_TRUE(std::isinf(Deadline().seconds_left()));
  EXPECT_NO_THROW(iterate(step, x, 1000));  // no deadline: never stopped
}

TEST(Deadline, MessageSaysWhatRanOut) {
  const Deadline d(1e-6, "X's time budget of 1e-06 s");
  while (d.seconds_left() > 0) {
  }
  try {
    for (;;) d.check();
  } catch (const DeadlineExceeded& e) {
    EXPECT_NE(std::string(e.what()).find("the run reached X's time budget of 1e-06 s"), std::string::npos) << e.what();
  }
}

TEST(Deadline, BlockReduceRethrowsAWorkersExceptionOnTheCallingThread) {
  struct Count {
    long n = 0;
    Count& operator+=(const Count& o) {
      n += o.n;
      return *this;
    }
  };
  auto make = [] {
    return [](long s, Count& c) {
      if (s == 700) throw std::runtime_error("sample 700 failed");
      ++c.n;
    };
  };
  RunControl run{1, 4096, 2};
  EXPECT_THROW(block_reduce(BlockReduceOptions{run, 64}, Count{}, make), std::runtime_error);
  run.samples = 1L << 24;
  run.deadline = Deadline(1e-9, "the test's budget");
  auto slow = [] { return [](long, Count& c) { ++c.n; }; };
  EXPECT_THROW(block_reduce(BlockReduceOptions{run, 64}, Count{}, slow), DeadlineExceeded);
}

namespace {
ProblemSpec least_squares(int examples, int features) {
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
  const ProblemSpec s = least_squares(10, 100);
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
  opt.problems = {least_squares(1, 4000)};
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
