// MOM-1 (CLAIMS.md; Ghosh, Lyu, Zhang, Wang, ICLR 2023): heavy ball from rest (PyTorch's zero buffer) against the
// modified flow theta' = -(1/(1-beta)) grad[L + kappa h ||g||^2], kappa = (1+beta)/(4(1-beta)^2): the claim's
// registration (the measurement: checks/mom/momentum_ladder.cpp).
#include "checks/mom/mom1_heavy_ball.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/optimizer_settings.hpp"

namespace irverify {

namespace mom1 {  // the claim's registration

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "MOM-1";
  c.title = "Heavy-ball momentum: the modified flow and the lag of a start from rest";
  c.paper = "Ghosh, Lyu, Zhang, Wang, Implicit regularization in heavy-ball momentum accelerated SGD, ICLR 2023; CLAIMS.md";
  c.statement = "Heavy ball theta_{n+1} = theta_n + beta (theta_n - theta_{n-1}) - h g(theta_n) follows theta' = "
      "-(1/(1-beta)) grad[L + h (1+beta)/(4(1-beta)^2) ||g||^2] to O(h^2) on its invariant manifold; started from rest "
      "(theta_{-1} = theta0) it lags by beta/(1-beta) steps: O(h) from the flow from theta0, O(h^2) from the flow from "
      "theta0 + h beta/(1-beta)^2 g(theta0).";
  c.verdict_rule = "beta in {0.3, 0.5} (or the problem's optimizer.beta); " + momentum_ladder_rule() +
      " of beta/(1-beta)^2; local order 3 (+-" + fmt::format("{}", kOrderTolerance) +
      ") for one step from theta_{-1} = phi_{-h}(theta0).";
  c.negative_control = "From the shifted start: GD's coefficient h/4, (h/4)(1+beta)/(1-beta) in raw h and Ghosh et al.'s "
      "(1+beta)/(4(1-beta)^3) under the prefactor again must each fail order 2; the flow from theta0 must fail order 2; "
      "GD's coefficient must fail local order 3; the lag coefficient beta/(1-beta) must be refuted.";
  c.precision = "mp50";
  c.levels = kMomLevels;
  c.not_applicable = requires_smooth;
  c.problems = momentum_problems;
  c.optimizers = {"heavy-ball"};
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    using S = typename decltype(tag)::type;
    std::vector<Case> v;
    for (const S& beta : optimizer_values<S>(s, &OptimizerSpec::beta, {S(3) / 10, S(1) / 2})) {
      const MomentumSetting<S> m = heavy_ball_setting<S>(beta);
      v.push_back(momentum_global_case<S>(ctx, s, m, ctx.levels));
      v.push_back(momentum_local_case<S>(ctx, s, m, ctx.levels));
    }
    return v;
  });
  return c;
}());

}  // namespace mom1

}  // namespace irverify
