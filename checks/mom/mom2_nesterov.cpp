// MOM-2 (CLAIMS.md, derived): Sutskever's and PyTorch's Nesterov momentum from rest against the modified flow with
// kappa = (1 - beta + 2 beta^2)/(4(1-beta)^2) and each form's start shift: the claim's registration (the measurement:
// checks/mom/momentum_ladder.cpp).
#include "checks/mom/mom2_nesterov.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/optimizer_settings.hpp"

namespace irverify {

namespace mom2 {  // the claim's registration

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "MOM-2";
  c.title = "Nesterov momentum: the modified flow and each form's start shift";
  c.paper = "Derived in CLAIMS.md (MOM-2), after Ghosh, Lyu, Zhang, Wang, ICLR 2023 and Kovachki & Stuart, JMLR 2021";
  c.statement = "Nesterov momentum (S) theta_{n+1} = theta_n + beta d_n - h g(theta_n + beta d_n) and PyTorch's (N) "
      "v_{n+1} = beta v_n + g(theta_n), theta_{n+1} = theta_n - h (g(theta_n) + beta v_{n+1}) follow theta' = "
      "-(1/(1-beta)) grad[L + h (1 - beta + 2 beta^2)/(4(1-beta)^2) ||g||^2] to O(h^2); started from rest they do so from "
      "theta0 + h beta/(1-beta)^2 g(theta0) (S) and theta0 + h beta^2/(1-beta)^2 g(theta0) (N), from theta0 only to O(h).";
  c.verdict_rule = "beta in {0.3, 0.5}, both forms (or the problem's optimizer: its form and beta); " + momentum_ladder_rule() +
      " of each form's shift; local order 3 (+-" + fmt::format("{}", kOrderTolerance) +
      ") for one step from theta_{-1} = phi_{-h}(theta0) (S) or from the buffer of the manifold's past, v_0 = sum_k beta^k "
      "g(phi_{-(k+1)h}(theta0)) = g/(1-beta) + h H g/(1-beta)^3 + O(h^2) (N).";
  c.negative_control = "The heavy-ball coefficient (1+beta)/(4(1-beta)^2) from each form's shifted start must fail order 2 "
      "(and local order 3); the flow from theta0 must fail order 2; each form's lag coefficient must refute the "
      "other form's shift.";
  c.precision = "mp50";
  c.levels = kMomLevels;
  c.not_applicable = requires_smooth;
  c.problems = momentum_problems;
  c.optimizers = {"nesterov", "pytorch-nesterov"};
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    using S = typename decltype(tag)::type;
    std::vector<Case> v;
    for (const S& beta : optimizer_values<S>(s, &OptimizerSpec::beta, {S(3) / 10, S(1) / 2})) {
      if (optimizer_selects(s, "nesterov")) {
        const MomentumSetting<S> sut = nesterov_setting<S>(Momentum::Sutskever, beta);
        v.push_back(momentum_global_case<S>(ctx, s, sut, ctx.levels));
        v.push_back(momentum_local_case<S>(ctx, s, sut, ctx.levels));
      }
      if (optimizer_selects(s, "pytorch-nesterov")) {
        const MomentumSetting<S> torch = nesterov_setting<S>(Momentum::PyTorchNesterov, beta);
        v.push_back(momentum_global_case<S>(ctx, s, torch, ctx.levels));
        v.push_back(momentum_local_case<S>(ctx, s, torch, ctx.levels));
      }
    }
    return v;
  });
  return c;
}());

}  // namespace mom2

}  // namespace irverify
