// solvers/stability/selection.hpp: which minima GD and SGD reach on a diagonal network from random starts. At a small
// step every run converges, and its polished end point is an exact interpolating minimum near where it stopped; runs
// are the same bits for any thread count and differ by start; a step far above 2 / lambda_max diverges, one far too
// small does not converge in a few steps.
#include "solvers/stability/selection.hpp"

#include "solvers/stability/interpolating_minimum.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
const DiagNet<double>& selection_net(const Problem<double>& pr) { return dynamic_cast<const DiagNet<double>&>(*pr.model); }
}  // namespace

TEST(Selection, SmallStepsConvergeToExactMinimaForAnyThreadCount) {
  const Problem<double> pr = build_problem<double>(generate_problem("diag-uv", 1, {4, 6, 0}));
  const DiagNet<double>& net = selection_net(pr);
  for (const int B : {0, 2}) {  // GD, and SGD with batches of two
    SelectionOptions o{RunControl(3, 6, 1), B, BatchSampling::WithoutReplacement, 0.05};
    const std::vector<SelectionRun> one = selection_runs(net, o);
    o.run.threads = 2;
    const std::vector<SelectionRun> two = selection_runs(net, o);
    ASSERT_EQ(one.size(), 6u);
    for (std::size_t s = 0; s < one.size(); ++s) {
      ASSERT_EQ(one[s].end, RunEnd::converged) << "B = " << B << " run " << s;
      EXPECT_TRUE(one[s].polished.converged);
      EXPECT_LE(one[s].polished.residual_norm, minimum_residual_tolerance<double>(net));
      EXPECT_LE(one[s].polished.moved, 1e-6);  // the end point was within converged_distance of the minima
      EXPECT_EQ(one[s].polished.theta, two[s].polished.theta) << "run " << s;
      if (s > 0) {
        EXPECT_FALSE(one[s].polished.theta == one[s - 1].polished.theta);  // other starts, other minima
      }
    }
  }
}

TEST(Selection, LargeStepsDiverge) {
  const Problem<double> pr = build_problem<double>(generate_problem("diag-uv", 1, {4, 6, 0}));
  SelectionOptions o{RunControl(3, 4, 1), 0, BatchSampling::WithReplacement, 50.0};
  for (const SelectionRun& r : selection_runs(selection_net(pr), o)) EXPECT_EQ(r.end, RunEnd::diverged);
  o.eta = 1e-6;  // far too small to get anywhere in 100 steps
  o.max_steps = 100;
  for (const SelectionRun& r : selection_runs(selection_net(pr), o)) EXPECT_EQ(r.end, RunEnd::not_converged);
}
