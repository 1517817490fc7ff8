#include "checks/igr/igr1_local_error.hpp"
#include "checks/framework/claim.hpp"

#include "checks/igr/gd_flow_series.hpp"

namespace irverify {

template <class S> Case igr_local_error_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  const LadderSetup<S> st(ctx, spec);
  const Vec<S>& th0 = st.theta0();
  Case c = st.start("one GD step");
  add_gd_flow_series(c, 2);
  const TaylorFlow<S> plain(gradient_flow_field(st.model(), st.all), ctx.deadline);
  c.solver = "Taylor series, order " + std::to_string(plain.order());
  S h = ladder_start<S>(st.pr, st.H0);
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    add_gd_flow_errors<S>(st, h, h, th0 - h * st.g0, plain.integrate(th0, h), c);
  }
  // Floor: the flow's local tolerance; the rounding of the GD step and of the norm are a few eps below it.
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S) template Case igr_local_error_case<S>(const RunContext&, const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace igr1 {  // the claim's registration

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "IGR-1";
  c.title = "GD local error against the original and modified flows";
  c.paper = "Barrett & Dherin, Implicit Gradient Regularization, ICLR 2021 (Sec. 3, Thm. 3.1)";
  c.statement =
      "One GD step theta1 = theta0 - h g(theta0) satisfies ||theta1 - phi^L_h(theta0)|| = Theta(h^2) and "
      "||theta1 - phi^{L~}_h(theta0)|| = O(h^3), with L~ = L + (h/4)||grad L||^2.";
  c.verdict_rule = fmt::format(
      "On a ladder h_k = h0 2^-k, k < {} (h0 = 1/(4 max(1, lambda_max(H(theta0)))) rounded down to a power of two, "
      "unless the problem gives h0), the least-squares slope of log(error) on the last {} points above the precision "
      "floor is within +-{} of 2 (flow of L) and of 3 (flow of L~), on every model; the negative control must miss "
      "order 3 by more than {}.",
      kIgrLocalLevels, OrderFitOptions{}.tail, kOrderTolerance, kOrderTolerance);
  c.negative_control = "Coefficient h/2 instead of h/4 (flow of L + (h/2)||g||^2): the same order-3 check must reject it.";
  c.precision = "mp50";
  c.levels = kIgrLocalLevels;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return igr_local_error_case<typename decltype(tag)::type>(ctx, s, ctx.levels);
  });
  return c;
}());

}  // namespace igr1

}  // namespace irverify
