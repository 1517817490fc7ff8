// solvers/limits/limit_point.hpp in every scalar: GD and the gradient flow of least squares run to their limits by
// steady-state detection. Overdetermined, both reach the unique minimizer G^{-1} c within the target; underdetermined,
// GD reaches the interpolator nearest theta0 (its implicit bias). A diverging GD, a run out of iterations and a target
// that is not positive are reported or refused; the path starts at theta0 and ends at the limit.
#include "solvers/limits/limit_point.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/losses/igr_modified_loss.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/stability/interpolation.hpp"
#include "theory/stability/sharpness.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class LimitPointInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(LimitPointInEveryScalar, ScalarTypes);

TYPED_TEST(LimitPointInEveryScalar, GdAndFlowReachTheMinimizerWithinTheTarget) {
  using S = TypeParam;
  const Problem<S> pr = build_problem<S>(generate_problem("least-squares", 2, {8, 3, 0}));  // N = 8 > d = 3
  const Model<S>& m = *pr.model;
  const Batch all = m.all_examples();
  const Mat<S> G = m.hessian(pr.theta0, all);
  const Vec<S> star = Cholesky<S>(G).solve(Vec<S>(G * pr.theta0 - m.gradient(pr.theta0, all)));  // G^-1 c
  LimitOptions opt;
  opt.target = to_double(tol::ulps<S>(1 << 12));
  const S h = S(1) / lambda_max<S>(G);
  const LimitPoint<S> gd = gd_limit<S>(m, all, pr.theta0, h, opt);
  ASSERT_TRUE(gd.converged) << gd.note;
  // The stop bound estimates the remaining distance; the rounding of the minimizer itself adds a few ulps.
  EXPECT_LE(S((gd.theta - star).norm()), S(2 * opt.target) + tol::ulps<S>(64) * S(star.norm()));
  EXPECT_LE(gd.remaining, S(opt.target));
  EXPECT_EQ(gd.time, h * S(gd.iterations));
  EXPECT_EQ(gd.path.front(), pr.theta0);
  EXPECT_EQ(gd.path.back(), gd.theta);
  EXPECT_GE(gd.iterations, opt.min_iterations);
  const LimitPoint<S> flow = flow_limit<S>(gradient_flow_field(m, all), pr.theta0, S(1), opt);
  ASSERT_TRUE(flow.converged) << flow.note;
  EXPECT_LE(S((flow.theta - star).norm()), S(2 * opt.target) + tol::ulps<S>(64) * S(star.norm()));
  EXPECT_GT(flow.time, S(0));
}

TEST(LimitPoint, UnderdeterminedGdReachesTheNearestInterpolator) {
  const Problem<double> pr = build_problem<double>(generate_problem("least-squares", 2, {3, 6, 0}));  // N = 3 < d = 6
  const Model<double>& m = *pr.model;
  LimitOptions opt;
  opt.target = 1e-13;
  const double h = 1 / lambda_max<double>(m.hessian(pr.theta0, m.all_examples()));
  const LimitPoint<double> gd = gd_limit<double>(m, m.all_examples(), pr.theta0, h, opt);
  ASSERT_TRUE(gd.converged) << gd.note;
  EXPECT_LE((gd.theta - constructed_minimum<double>(m, pr.theta0, 1.0)).norm(), 4e-13);
}

TEST(LimitPoint, DivergenceBudgetsAndBadTargetsAreReported) {
  const Problem<double> pr = build_problem<double>(generate_problem("least-squares", 2, {8, 3, 0}));
  const Model<double>& m = *pr.model;
  const double lmax = lambda_max<double>(m.hessian(pr.theta0, m.all_examples()));
  LimitOptions opt;
  opt.target = 1e-12;
  const LimitPoint<double> up = gd_limit<double>(m, m.all_examples(), pr.theta0, 3 / lmax, opt);
  EXPECT_FALSE(up.converged);
  EXPECT_NE(up.note.find("GD diverged at step"), std::string::npos) << up.note;
  opt.max_iterations = 5;
  const LimitPoint<double> short_run = gd_limit<double>(m, m.all_examples(), pr.theta0, 0.01 / lmax, opt);
  EXPECT_FALSE(short_run.converged);
  EXPECT_EQ(short_run.note, "GD did not converge in 5 steps");
  EXPECT_EQ(short_run.iterations, 5);
  EXPECT_EQ(short_run.path.size(), 6u);  // theta0 and every one of the first 64 iterates
  opt.target = 0;
  EXPECT_THROW(gd_limit<double>(m, m.all_examples(), pr.theta0, 1 / lmax, opt), std::invalid_argument);
  EXPECT_THROW(flow_limit<double>(gradient_flow_field(m, m.all_examples()), pr.theta0, 1.0, opt), std::invalid_argument);
}
