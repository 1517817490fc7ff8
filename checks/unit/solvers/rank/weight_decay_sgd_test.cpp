// solvers/rank/weight_decay_sgd.hpp: SGD with weight decay. Runs are pure functions of (seed, run) (bit-identical for
// any thread count, distinct streams); the full batch is GD on the decayed loss; a step is theta <- (1 - 2 mu lambda)
// theta - mu g with g the drawn batch's gradient; bad settings are refused.
#include "solvers/rank/weight_decay_sgd.hpp"

#include "checks/framework/tolerance.hpp"
#include "solvers/parallel/block_map.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/scalar.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(WeightDecaySgd, RunsAreBitIdenticalForAnyThreadCount) {
  const Problem<double> pr = build_problem<double>(generate_problem("relu2", 3, {12, 5, 6, 4}));
  const WeightDecay<double> wd{0.05, 0.1, 3, BatchSampling::WithoutReplacement};
  const auto runs = [&](int threads) {
    return block_map<Vec<double>>({RunControl(1, 24, threads), 5}, [&](long r) { return weight_decay_run<double>(*pr.model, wd, pr.theta0, 200, 77, r); });
  };
  const auto a = runs(1), b = runs(2), c = runs(3);
  ASSERT_EQ(a.size(), 24u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(a[i] == b[i] && a[i] == c[i]) << "run " << i;
    if (i > 0) {
      EXPECT_FALSE(a[i] == a[i - 1]);  // distinct streams
    }
  }
}

TEST(WeightDecaySgd, FullBatchIsGdOnTheDecayedLoss) {
  const Problem<mp50> pr = build_problem<mp50>(generate_problem("linear2", 4, {6, 3, 4, 2}));
  const mp50 mu = parse_scalar<mp50>("0.1"), lam = parse_scalar<mp50>("0.3");
  WeightDecayStep<mp50> step(*pr.model, {mu, lam, 6, BatchSampling::WithoutReplacement}, 1, 0);
  Vec<mp50> x = pr.theta0;
  step(x);
  const Vec<mp50> expect = (1 - 2 * mu * lam) * pr.theta0 - mu * pr.model->gradient(pr.theta0, pr.model->all_examples());
  EXPECT_LE(mp50((x - expect).norm()), tol::ulps<mp50>(16) * mp50(expect.norm()));
}

TEST(WeightDecaySgd, AStepDecaysAndDescendsAlongTheDrawnBatch) {
  const Problem<double> pr = build_problem<double>(generate_problem("linear2", 4, {6, 3, 4, 2}));
  const WeightDecay<double> wd{0.125, 0.5, 2, BatchSampling::WithReplacement};
  WeightDecayStep<double> step(*pr.model, wd, 5, 2);
  EXPECT_EQ(step.decay(), 1 - 2 * 0.125 * 0.5);
  Vec<double> x = pr.theta0;
  for (int k = 0; k < 3; ++k) {
    const Vec<double> before = x;
    step(x);
    ASSERT_EQ(step.batch().size(), 2u);
    EXPECT_EQ(step.gradient(), pr.model->gradient(before, step.batch()));
    EXPECT_LE((x - (step.decay() * before - 0.125 * step.gradient())).norm(), tol::ulps<double>(4) * x.norm());
  }
  // weight_decay_run is `steps` of these steps.
  WeightDecayStep<double> again(*pr.model, wd, 5, 2);
  Vec<double> y = pr.theta0;
  for (int k = 0; k < 50; ++k) again(y);
  EXPECT_EQ(weight_decay_run<double>(*pr.model, wd, pr.theta0, 50, 5, 2), y);
}

TEST(WeightDecaySgd, RefusesBadSettings) {
  const Problem<double> pr = build_problem<double>(generate_problem("linear2", 4, {6, 3, 4, 2}));
  EXPECT_THROW(WeightDecayStep<double>(*pr.model, {0.0, 0.1, 1, BatchSampling::WithoutReplacement}, 1, 0), std::invalid_argument);
  EXPECT_THROW(WeightDecayStep<double>(*pr.model, {1.0, 0.5, 1, BatchSampling::WithoutReplacement}, 1, 0), std::invalid_argument);
  EXPECT_THROW(WeightDecayStep<double>(*pr.model, {0.1, -0.1, 1, BatchSampling::WithoutReplacement}, 1, 0), std::invalid_argument);
  EXPECT_THROW(WeightDecayStep<double>(*pr.model, {0.1, 0.1, 7, BatchSampling::WithoutReplacement}, 1, 0), std::invalid_argument);
}
