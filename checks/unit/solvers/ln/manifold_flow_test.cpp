// solvers/ln/manifold_flow.hpp: the field -P grad R is tangent to the zero-loss manifold; on two-param (u v = 1) the
// flow of tr H/4 stays on the manifold and ends at the balanced point (1, 1), where tr H = u^2 + v^2 is smallest, and
// the flow to rest stops there; bad steps and descending times are refused.
#include "solvers/ln/manifold_flow.hpp"

#include "theory/problem/problem.hpp"
#include "theory/stability/interpolation.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
// u v = 1 from (2, 1/2): the two-param model with the one example x = 1, y = 1.
ProblemSpec two_param_hyperbola() {
  ProblemSpec two;
  two.name = "two-param-uv1";
  two.model = "two-param";
  two.data = {{"1", "1"}};
  two.theta0 = {"2", "0.5"};
  two.origin = "manifold_flow_test";
  return two;
}
}  // namespace

TEST(ManifoldFlow, RegularizerFlowIsTangentAndBalancesTwoParam) {
  const ProblemSpec s = two_param_hyperbola();
  const Problem<mp50> pr = build_problem<mp50>(s);
  const Model<mp50>& m = *pr.model;
  const Vec<mp50> f = regularizer_field<mp50>(m, pr.theta0, mp50(0));
  EXPECT_LE(to_double(mp50(abs(output_jacobian<mp50>(m, pr.theta0).row(0).dot(f)))), 1e-45);
  Vec<double> th0(2);
  th0 << 2, 0.5;
  const std::vector<Vec<double>> end = regularizer_flow<double>(*build_problem<double>(s).model, th0, 0.0, {40.0}, 0.01, 1e-14);
  EXPECT_NEAR(end[0](0), 1.0, 1e-12);  // the approach is exponential: 2e-9 at t = 20
  EXPECT_NEAR(end[0](1), 1.0, 1e-12);
}

TEST(ManifoldFlow, PathStaysOnTheManifoldAndTheFlowToRestStopsAtTheBalancedPoint) {
  const Problem<double> pr = build_problem<double>(two_param_hyperbola());
  const Model<double>& m = *pr.model;
  const std::vector<Vec<double>> path = regularizer_flow<double>(m, pr.theta0, 0.0, {0.0, 0.5, 1.0, 2.0}, 0.01, 1e-14);
  ASSERT_EQ(path.size(), 4u);
  EXPECT_EQ(path[0], pr.theta0);
  for (const Vec<double>& th : path) EXPECT_LE(std::abs(th(0) * th(1) - 1), 1e-13);  // on {r = 0}
  for (std::size_t k = 1; k < path.size(); ++k) EXPECT_LT(path[k](0), path[k - 1](0));  // u descends toward 1
  const FlowRest<double> rest = regularizer_flow_to_rest<double>(m, pr.theta0, 0.0, 0.01, 1e-14, 1e-8, 100.0);
  EXPECT_LE(rest.field, 1e-8);
  EXPECT_NEAR(rest.theta(0), 1.0, 1e-7);
  EXPECT_GT(rest.time, 0.0);
  const FlowRest<double> capped = regularizer_flow_to_rest<double>(m, pr.theta0, 0.0, 0.01, 1e-14, 1e-8, 0.5);
  EXPECT_GT(capped.field, 1e-8);  // max_time reached first
  EXPECT_LE(capped.time, 0.5 + 0.64);
  EXPECT_THROW(regularizer_flow<double>(m, pr.theta0, 0.0, {1.0}, 0.0, 1e-14), std::invalid_argument);
  EXPECT_THROW(regularizer_flow<double>(m, pr.theta0, 0.0, {1.0, 0.5}, 0.01, 1e-14), std::invalid_argument);
}
