// LWA-1 (CLAIMS.md) at a test's size (1024 runs, 5 levels): the general drift's flow is exp(-kappa m2 t), the weak
// error falls at order about 1 (the claim's 7 levels fit 1 within its tolerance; 5 levels keep pre-asymptotic bias),
// every wrong drift is rejected; the set-up refuses what LWA-1 cannot check. (The drift itself against the label-noise
// and isotropic closed forms: checks/unit/solvers/ln/lwa_drift_test.cpp.)
#include "checks/lwa/lwa1_manifold_drift.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/problem_io.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
ProblemSpec uv4() {
  return parse_problem_text(R"j({"format": "irverify-problem-1", "name": "uv-4", "model": "two-param",
    "data": [["1", "2"], ["2", "1"], ["-1", "-1"], ["1", "2"]], "theta0": ["2", "0.5"]})j", "uv-4");
}
}  // namespace

TEST(Lwa1ManifoldDrift, FlowIsTheClosedFormErrorFallsControlsRejected) {
  RunContext ctx = claim_context("LWA-1");
  ctx.samples = 1024;
  for (bool reshuffle : {false, true}) {
    const Case c = lwa_balance_case<double>(ctx, uv4(), reshuffle, 5);
    ASSERT_TRUE(c.series[0].fit.ok) << c.series[0].fit.note;
    EXPECT_NEAR(c.series[0].fit.slope, 1.0, 0.15);
    for (const Statement& s : c.statements) {
      if (s.text.find("order") == std::string::npos) {
        EXPECT_TRUE(s.pass()) << s.text << ": " << s.evidence;
      }
    }
  }
}

TEST(Lwa1ManifoldDrift, RefusesInterpolatedDataAndABalancedStart) {
  const RunContext ctx = claim_context("LWA-1");
  ProblemSpec s = uv4();
  s.data = {{"1", "2"}, {"2", "4"}};  // y = 2 x: fitted by u v = 2
  EXPECT_THROW(lwa_balance_case<double>(ctx, s, false, 2), ProblemError);
  s = uv4();
  s.theta0 = {"1", "3"};  // moved onto u v = 1: (1, 1), D_0 = 0
  EXPECT_THROW(lwa_balance_case<double>(ctx, s, false, 2), ProblemError);
  s.theta0 = {"0", "3"};
  EXPECT_THROW(lwa_balance_case<double>(ctx, s, false, 2), ProblemError);
}
