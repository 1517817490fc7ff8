#include "checks/igr/igr2_global_error.hpp"
#include "checks/framework/claim.hpp"

#include "checks/igr/gd_flow_series.hpp"
#include "solvers/iterate/iterate.hpp"
#include "theory/problem/generator.hpp"

namespace irverify {

template <class S> Case igr_global_error_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  using std::ceil;
  const LadderSetup<S> st(ctx, spec);
  const Vec<S>& th0 = st.theta0();
  const S h0 = ladder_start<S>(st.pr, st.H0);
  const long n0 = std::max(1L, static_cast<long>(to_double(S(ceil(S(1) / h0)))));
  const S T = h0 * n0;

  Case c = st.start(fmt::format("GD to T = {}", to_double(T)));
  add_gd_flow_series(c, 1);
  const TaylorFlow<S> plain(gradient_flow_field(st.model(), st.all), ctx.deadline);
  c.solver = "Taylor series, order " + std::to_string(plain.order());
  const Vec<S> flow_L = plain.integrate(th0, T);
  S h = h0;
  long n = n0;
  for (int k = 0; k < levels; ++k, h /= 2, n *= 2) {
    c.add_h(h);
    Vec<S> th = th0;
    iterate(GdStep<S>{st.model(), st.all, h, {}}, th, n);
    add_gd_flow_errors<S>(st, h, T, th, flow_L, c);
  }
  // Given floor: the flows' tolerance, as in IGR-1. GD's own rounding grows with n (about sqrt(n) to n times
  // eps |theta|); where it takes over, the error stalls and the fitter detects and reports that floor.
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S) template Case igr_global_error_case<S>(const RunContext&, const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace igr2 {  // the claim's registration

// The precision floor made visible: least-squares in double, down to where GD's rounding meets the O(h^2) error.
std::vector<Case> floor_demonstration(const RunContext& ctx) {
  ctx.note("floor demonstration: least-squares in double, 22 levels");
  Case d = igr_global_error_case<double>(ctx, generate_problem("least-squares", 1), 22);
  d.label += " (double: the rounding floor)";
  return {d};
}

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "IGR-2";
  c.title = "GD global error against the original and modified flows";
  c.paper = "Barrett & Dherin, Implicit Gradient Regularization, ICLR 2021 (Sec. 3)";
  c.statement = "After n = T/h GD steps from theta0, ||theta_n - phi^L_T(theta0)|| = Theta(h) and "
      "||theta_n - phi^{L~}_T(theta0)|| = O(h^2), with L~ = L + (h/4)||grad L||^2.";
  c.verdict_rule = fmt::format("Ladder h_k = h0 2^-k, k < {} (h0 as in IGR-1), horizon T = ceil(1/h0) h0 fixed, n_k = T/h_k steps; "
      "fitted orders within +-{} of 1 (flow of L) and 2 (flow of L~) on every smooth model, above the "
      "floor. A least-squares case in double runs down to where GD's rounding meets the O(h^2) error: "
      "the floor must be detected and excluded, the order still 2.",
      kIgrGlobalLevels, kOrderTolerance);
  c.negative_control = "Coefficient h/2 instead of h/4: the order-2 check must reject it (its order is 1).";
  c.precision = "mp50";
  c.levels = kIgrGlobalLevels;
  c.not_applicable = requires_smooth;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return igr_global_error_case<typename decltype(tag)::type>(ctx, s, ctx.levels);
  });
  c.extra_cases = floor_demonstration;
  return c;
}());

}  // namespace igr2

}  // namespace irverify
