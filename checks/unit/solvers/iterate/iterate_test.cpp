// solvers/iterate/iterate.hpp: the one iteration loop. iterate takes exactly n steps and stops a state that stops
// being finite at its step; iterate_checked_at_end checks once, at the end; iterate_until stops when the observer
// says so (step index and state after the step); the deadline check runs before every step; GdStep and SgdEpoch take
// the steps they document.
#include "solvers/iterate/iterate.hpp"

#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

#include <limits>

using namespace irverify;

// GD (IGR) and SGD epochs (SGD) that blow up are stopped at the step where the iterate stops being finite, with
// that step in the message: never averaged into a ladder.
TEST(Iterate, NonFiniteIterateIsAFaultAtItsStep) {
  const ProblemSpec spec = generate_problem("least-squares", 1);
  const Problem<double> pr = build_problem<double>(spec);
  const Model<double>& m = *pr.model;
  const Batch all = m.all_examples();
  const double lmax = m.hessian(pr.theta0, all).selfadjointView<Eigen::Lower>().eigenvalues().maxCoeff();
  Vec<double> th = pr.theta0;
  try {
    iterate(GdStep<double>{m, all, 3 / lmax, {}}, th, 100000);  // |1 - h lambda_max| = 2: overflows near step 1000
    FAIL() << "no fault";
  } catch (const NumericalFault& e) {
    EXPECT_NE(std::string(e.what()).find("not finite after step"), std::string::npos) << e.what();
  }
  Partition batches;
  for (int i = 0; i < m.num_examples(); ++i) batches.push_back({i});
  Vec<double> th2 = pr.theta0;
  EXPECT_THROW(iterate(SgdEpoch<double>{m, batches, 100 / lmax}, th2, 100000), NumericalFault);
  Vec<double> th3 = pr.theta0;
  EXPECT_NO_THROW(iterate(GdStep<double>{m, all, 1 / lmax, {}}, th3, 1000));
}

TEST(Iterate, StepCountsObserversAndChecks) {
  Vec<double> x = Vec<double>::Ones(1);
  long steps = 0;
  const auto halve = [&](Vec<double>& v) { v *= 0.5, ++steps; };
  iterate(halve, x, 10);
  EXPECT_EQ(steps, 10);
  EXPECT_EQ(x(0), std::ldexp(1.0, -10));
  // The observer sees step k >= 1 and the state after it: from 2^-10, the first state below 2^-14 is step 5.
  std::vector<long> seen;
  const IterationEnd end = iterate_until(halve, x, 100, [&](long k, const Vec<double>& v) {
    seen.push_back(k);
    return v(0) < std::ldexp(1.0, -14);
  });
  EXPECT_TRUE(end.stopped);
  EXPECT_EQ(end.steps, 5);
  EXPECT_EQ(seen, std::vector<long>({1, 2, 3, 4, 5}));
  const IterationEnd budget = iterate_until(halve, x, 3, [](long, const Vec<double>&) { return false; });
  EXPECT_FALSE(budget.stopped);
  EXPECT_EQ(budget.steps, 3);
  // Checked at the end only: the fault names what ran, not the step.
  Vec<double> y = Vec<double>::Ones(2);
  const auto poison = [](Vec<double>& v) { v(1) = std::numeric_limits<double>::quiet_NaN(); };
  try {
    iterate_checked_at_end(poison, y, 4, {}, "a poisoned run");
    FAIL() << "no fault";
  } catch (const NumericalFault& e) {
    EXPECT_EQ(std::string(e.what()), "a poisoned run: the iterate is not finite after 4 steps");
  }
  // The check runs before each step with the index of the steps done: a stride-3 check of a passed deadline stops
  // the loop before step 1 (0 done), whatever the loop.
  const Deadline gone(1e-9, "the test's budget");
  while (gone.seconds_left() > 0) {
  }
  steps = 0;
  EXPECT_THROW(iterate(halve, x, 10, DeadlineCheck{&gone, 3}), DeadlineExceeded);
  EXPECT_THROW(iterate_until(halve, x, 10, [](long, const Vec<double>&) { return false; }, DeadlineCheck{&gone, 3}),
               DeadlineExceeded);
  EXPECT_THROW(iterate_checked_at_end(halve, x, 10, DeadlineCheck{&gone, 3}, "x"), DeadlineExceeded);
  EXPECT_EQ(steps, 0);
}

TEST(Iterate, AllFiniteInEveryScalar) {
  Vec<double> d = Vec<double>::Ones(3);
  EXPECT_TRUE(all_finite(d));
  d(1) = std::numeric_limits<double>::infinity();
  EXPECT_FALSE(all_finite(d));
  d(1) = -std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(all_finite(d));
  Vec<mp50> m = Vec<mp50>::Ones(3);
  EXPECT_TRUE(all_finite(m));
  m(2) = std::numeric_limits<mp50>::quiet_NaN();
  EXPECT_FALSE(all_finite(m));
  Vec<quad> q = Vec<quad>::Ones(2);
  q(0) = std::numeric_limits<quad>::infinity();
  EXPECT_FALSE(all_finite(q));
  EXPECT_TRUE(all_finite(Vec<double>()));
}

TEST(Iterate, GdStepAndSgdEpochTakeTheirSteps) {
  const Problem<double> pr = build_problem<double>(generate_problem("least-squares", 2, {4, 3, 0}));
  const Model<double>& m = *pr.model;
  const Batch all = m.all_examples();
  GdStep<double> gd{m, all, 0.125, {}};
  Vec<double> x = pr.theta0;
  gd(x);
  EXPECT_EQ(gd.increment, Vec<double>(0.125 * m.gradient(pr.theta0, all)));
  EXPECT_EQ(x, Vec<double>(pr.theta0 - gd.increment));
  const Partition order = {{2, 3}, {0, 1}};
  Vec<double> y = pr.theta0, z = pr.theta0;
  SgdEpoch<double>{m, order, 0.125}(y);
  z -= 0.125 * m.gradient(z, order[0]);
  z -= 0.125 * m.gradient(z, order[1]);
  EXPECT_EQ(y, z);
}
