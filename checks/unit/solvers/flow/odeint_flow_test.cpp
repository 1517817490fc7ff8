// solvers/flow/odeint_flow.hpp: odeint's RKF78 and Bulirsch-Stoer against the closed-form gradient flow of least
// squares; the deadline stops them; the step count is reported.
#include "solvers/flow/odeint_flow.hpp"

#include "solvers/flow/quadratic_exact_flow.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
double odeint_rel(const Vec<double>& a, const Vec<double>& b) { return (a - b).norm() / std::max(1.0, b.norm()); }
}  // namespace

TEST(OdeintFlow, Rkf78AndBulirschStoerMatchClosedFormInDouble) {
  const ProblemSpec s = generate_problem("least-squares", 3, {8, 10, 0});
  const Problem<double> p = build_problem<double>(s);
  const Model<double>& m = *p.model;
  const Batch all = m.all_examples();
  const Vec<double> ref = quadratic_exact_flow<double>(m.hessian(p.theta0, all), m.gradient(p.theta0, all), p.theta0, 1.0);
  for (auto method : {OdeintMethod::RKF78, OdeintMethod::BulirschStoer})
    EXPECT_LE(odeint_rel(odeint_gradient_flow<double>(m, all, p.theta0, 1.0, 1e-14, method), ref), 1e-12);
}

TEST(OdeintFlow, StatsAndDeadline) {
  const Problem<double> p = build_problem<double>(generate_problem("least-squares", 3));
  const Model<double>& m = *p.model;
  FlowStats st;
  (void)odeint_gradient_flow<double>(m, m.all_examples(), p.theta0, 1.0, 1e-10, OdeintMethod::RKF78, &st);
  EXPECT_GT(st.steps, 0);
  EXPECT_EQ(st.order, 7);
  const Deadline gone(1e-9, "the test's budget");
  while (gone.seconds_left() > 0) {
  }
  EXPECT_THROW(odeint_gradient_flow<double>(m, m.all_examples(), p.theta0, 1.0, 1e-10, OdeintMethod::BulirschStoer, nullptr, gone),
               DeadlineExceeded);
}
