// solvers/rank/weight_decay_runs.hpp: an observed run sees theta_0 .. theta_T with each step's batch gradient and ends
// where weight_decay_run ends; many runs (observers or end points) come in run order, the same for any thread count,
// keyed by the seed argument; a run until a stop rule returns its last two iterates, one step apart.
#include "solvers/rank/weight_decay_runs.hpp"

#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
// An observer that keeps |theta_t| at every t.
struct WeightDecayNormPath {
  std::vector<double> norms;
  void operator()(long, const Vec<double>& th, const WeightDecayStep<double>&) { norms.push_back(th.norm()); }
};
}  // namespace

TEST(WeightDecayRuns, ObservedRunSeesEveryStepAndEndsWhereTheRunEnds) {
  const Problem<double> pr = build_problem<double>(generate_problem("linear2", 4, {6, 3, 4, 2}));
  const Model<double>& m = *pr.model;
  const WeightDecay<double> wd{0.05, 0.1, 2, BatchSampling::WithReplacement};
  std::vector<long> seen;
  Vec<double> previous = pr.theta0;
  bool gradients_match = true;
  const Vec<double> end = weight_decay_observed_run<double>(m, wd, pr.theta0, 30, 9, 4, Deadline(),
                                                             [&](long t, const Vec<double>& th, const WeightDecayStep<double>& step) {
                                                               seen.push_back(t);
                                                               if (t > 0) gradients_match &= step.gradient() == m.gradient(previous, step.batch());
                                                               previous = th;
                                                             });
  ASSERT_EQ(seen.size(), 31u);
  for (long t = 0; t <= 30; ++t) EXPECT_EQ(seen[t], t);
  EXPECT_TRUE(gradients_match);
  EXPECT_EQ(end, weight_decay_run<double>(m, wd, pr.theta0, 30, 9, 4));
  EXPECT_EQ(previous, end);
}

TEST(WeightDecayRuns, ManyRunsInRunOrderForAnyThreadCount) {
  const Problem<double> pr = build_problem<double>(generate_problem("linear2", 4, {6, 3, 4, 2}));
  const Model<double>& m = *pr.model;
  const WeightDecay<double> wd{0.05, 0.1, 2, BatchSampling::WithoutReplacement};
  const auto paths = [&](int threads) {
    return weight_decay_runs<double>(m, wd, pr.theta0, 20, 5, BlockReduceOptions{RunControl(99, 7, threads), 2},
                                     [] { return WeightDecayNormPath{}; });
  };
  const auto ends = [&](int threads) {
    return weight_decay_end_points<Vec<double>, double>(m, wd, pr.theta0, 20, 5, BlockReduceOptions{RunControl(99, 7, threads), 2},
                                           [](const Vec<double>& th) { return th; });
  };
  const auto e1 = ends(1), e3 = ends(3);
  ASSERT_EQ(e1.size(), 7u);
  EXPECT_EQ(e1, e3);
  for (std::size_t r = 0; r < e1.size(); ++r) EXPECT_EQ(e1[r], weight_decay_run<double>(m, wd, pr.theta0, 20, 5, r)) << r;
  const auto p1 = paths(1), p2 = paths(2);
  ASSERT_EQ(p1.size(), 7u);
  for (std::size_t r = 0; r < p1.size(); ++r) {
    EXPECT_EQ(p1[r].norms, p2[r].norms) << r;
    ASSERT_EQ(p1[r].norms.size(), 21u);  // t = 0 .. 20
    EXPECT_EQ(p1[r].norms.back(), e1[r].norm()) << r;
  }
}

TEST(WeightDecayRuns, UntilAStopRuleReturnsTheLastTwoIterates) {
  const Problem<double> pr = build_problem<double>(generate_problem("linear2", 4, {6, 3, 4, 2}));
  const Model<double>& m = *pr.model;
  const WeightDecay<double> wd{0.05, 0.1, 6, BatchSampling::WithoutReplacement};  // full batch: GD with decay
  const auto stop_at_7 = [](long k, const Vec<double>&, const Vec<double>&, const WeightDecayStep<double>&) { return k == 7; };
  const WeightDecayEnd<double> r = weight_decay_until<double>(m, wd, pr.theta0, 100, 1, 0, Deadline(), stop_at_7);
  EXPECT_TRUE(r.end.stopped);
  EXPECT_EQ(r.end.steps, 7);
  EXPECT_EQ(r.theta, weight_decay_run<double>(m, wd, pr.theta0, 7, 1, 0));
  EXPECT_EQ(r.before, weight_decay_run<double>(m, wd, pr.theta0, 6, 1, 0));
  const auto never = [](long, const Vec<double>&, const Vec<double>&, const WeightDecayStep<double>&) { return false; };
  const WeightDecayEnd<double> all = weight_decay_until<double>(m, wd, pr.theta0, 12, 1, 0, Deadline(), never);
  EXPECT_FALSE(all.end.stopped);
  EXPECT_EQ(all.end.steps, 12);
}
