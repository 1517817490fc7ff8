// ADAM-1 (CLAIMS.md, derived; Cattaneo, Klusowski & Shigida, ICML 2024): Adam and RMSProp from theta0 (m_0 = nu_0 =
// 0) against their modified flows at T = 1 on a ladder of steps; the derived coefficient with bias correction gives
// order 2, every control and the uncorrected method order 1.
#include "checks/adam/adam1_modified_ode.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/ladder_setup.hpp"
#include "checks/framework/toy_problems.hpp"
#include "solvers/iterate/adam.hpp"
#include "solvers/iterate/iterate.hpp"
#include "theory/problem/generator.hpp"

namespace irverify {

namespace adam1 {

inline constexpr int kAdamStartExponent = 6;  // h0 = 2^-6: every setting is in its asymptotic range by 2^-10

// Adam's iterate at T = n h from theta0.
template <class S> Vec<S> adam_at(const LadderSetup<S>& st, const S& h, long n, const AdamHyper<S>& a, bool bias_correction) {
  Vec<S> x = adam_state<S>(st.theta0());
  iterate(AdamStep<S>{st.model(), st.all, h, a, bias_correction}, x, n);
  return x.head(st.theta0().size());
}

}  // namespace adam1

template <class S>
Case adam_modified_ode_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, const S& rho, const S& eps, int levels) {
  using namespace adam1;
  const LadderSetup<S> st(ctx, spec);
  const Vec<S>& th0 = st.theta0();
  const AdamHyper<S> in{beta, rho, eps, true}, out{beta, rho, eps, false};
  const long n0 = 1L << kAdamStartExponent;
  const S T(1);
  Case c = st.start(fmt::format("{} (beta, rho, eps) = ({:g}, {:g}, {:g}) to T = 1", beta == 0 ? "RMSProp" : "Adam",
                                to_double(beta), to_double(rho), to_double(eps)));
  c.add_series("bias-corrected, eps inside, vs the derived flow", Role::claim, 2);
  c.add_series("c = 0: the preconditioned flow theta' = -g/sqrt(g^2 + eps)", Role::control, 2);
  c.add_series("the small-eps coefficient beta/(1-beta) - rho/(1-rho) at finite eps", Role::control, 2);
  c.add_series("the sign of c flipped", Role::control, 2);
  c.add_series("GD's (h/4)|g|^2, preconditioned", Role::control, 2);
  c.add_series("without bias correction, vs the derived flow", Role::claim, 1);
  c.add_series("without bias correction at order 2", Role::control, 2);
  c.add_series("bias-corrected, eps outside the root (PyTorch), vs its derived flow", Role::claim, 2);
  const Vec<S> plain = st.flow(adam_flow_field<S>(st.model(), st.all, S(0), in, AdamCoefficient::zero)).integrate(th0, T);
  S h = S(1) / S(n0);
  long n = n0;
  for (int k = 0; k < levels; ++k, h /= 2, n *= 2) {
    c.add_h(h);
    const Vec<S> bc = adam_at<S>(st, h, n, in, true), raw = adam_at<S>(st, h, n, in, false), torch = adam_at<S>(st, h, n, out, true);
    auto flow = [&](const AdamHyper<S>& a, AdamCoefficient w) {
      return Vec<S>(st.flow(adam_flow_field<S>(st.model(), st.all, h, a, w)).integrate(th0, T));
    };
    const Vec<S> derived = flow(in, AdamCoefficient::derived);
    c.add_error(0, S((bc - derived).norm()));
    c.add_error(1, S((bc - plain).norm()));
    c.add_error(2, S((bc - flow(in, AdamCoefficient::small_eps)).norm()));
    c.add_error(3, S((bc - flow(in, AdamCoefficient::flipped)).norm()));
    c.add_error(4, S((bc - flow(in, AdamCoefficient::gd)).norm()));
    c.add_error(5, S((raw - derived).norm()));
    c.add_error(6, S((raw - derived).norm()));
    c.add_error(7, S((torch - flow(out, AdamCoefficient::derived)).norm()));
  }
  c.solver = "Adam from m_0 = nu_0 = 0; flows: Taylor series";
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S) \
  template Case adam_modified_ode_case<S>(const RunContext&, const ProblemSpec&, const S&, const S&, const S&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace adam1 {  // the claim's registration

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "ADAM-1";
  c.title = "Adam's modified ODE: order 2 with bias correction, 1 without";
  c.paper = "Derived in CLAIMS.md (ADAM-1); Cattaneo, Klusowski & Shigida, On the implicit bias of Adam, ICML 2024";
  c.statement = "Bias-corrected Adam (eps inside the root) follows theta_j' = -[g_j + h c_j (H F)_j]/sqrt(g_j^2 + eps), "
      "F = g/sqrt(g^2 + eps), c_j = [(beta/(1-beta) - rho/(1-rho)) g_j^2 + (beta/(1-beta) + 1/2) eps]/(g_j^2 + eps), to "
      "O(h^2) at fixed T; without bias correction only to O(h); with eps outside the root (PyTorch) its own field "
      "(|g_j| + eps for the root, c_j = beta/(1-beta) - (rho/(1-rho)) |g_j|/(|g_j| + eps) + eps/(2(|g_j| + eps))) to O(h^2).";
  c.verdict_rule = fmt::format(
      "(beta, rho, eps) in {{(0.5, 0.6, 0.1), (0, 0.6, 0.1) RMSProp, (0.5, 0.5, 0.1) beta = rho, (0.6, 0.8, 0.1), (0.5, "
      "0.6, 100) large eps}}; h_k = 2^-{} 2^-k, k < {}, T = 1; the least-squares slope of the last points (the "
      "asymptotic range: slopes above 2 at the large steps) within +-{} of 2 (bias-corrected, both eps placements) "
      "and of 1 (without bias correction).",
      kAdamStartExponent, kAdamLevels, kOrderTolerance);
  c.negative_control = "With bias correction: c = 0 (the preconditioned flow), the small-eps coefficient at finite eps, -c "
      "and GD's (h/4)|g|^2 preconditioned must each fail order 2; without bias correction, order 2 must fail.";
  c.precision = "mp50";
  c.levels = kAdamLevels;
  c.not_applicable = requires_smooth;
  c.problems = [] {
    return std::vector<ProblemSpec>{
        generate_problem("diag-uv", 1),
        uv_ridge_toy()};
  };
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    using S = typename decltype(tag)::type;
    const S tenth = S(1) / 10;
    const S settings[][3] = {{S(1) / 2, S(3) / 5, tenth}, {S(0), S(3) / 5, tenth}, {S(1) / 2, S(1) / 2, tenth},
                             {S(3) / 5, S(4) / 5, tenth}, {S(1) / 2, S(3) / 5, S(100)}};
    std::vector<Case> v;
    for (const auto& b : settings) v.push_back(adam_modified_ode_case<S>(ctx, s, b[0], b[1], b[2], ctx.levels));
    return v;
  });
  return c;
}());

}  // namespace adam1

}  // namespace irverify
