#include "checks/igr/igr1_local_error.hpp"

#include "checks/framework/ladder_setup.hpp"
#include "checks/framework/run_cases.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "theory/losses/igr_modified_loss.hpp"

namespace irverify {

template <class S> LadderCase igr_local_error_case(const ProblemSpec& spec, int levels) {
  const LadderSetup<S> st(spec);
  const Model<S>& m = st.model();
  const Vec<S>& th0 = st.theta0();
  LadderCase c = st.start("one GD step");
  const S coef[] = {S(0), S(1) / 4, S(1) / 2};  // coefficient of h ||g||^2; 0 = the flow of L itself
  c.add_series("GD vs flow of L", "claim", 2);
  c.add_series("GD vs flow of L + (h/4)|g|^2", "claim", 3);
  c.add_series("GD vs flow of L + (h/2)|g|^2 (wrong coefficient)", "negative-control", 3);

  const TaylorFlow<S> plain(gradient_flow_field(m, st.all));
  c.solver = "Taylor series, order " + std::to_string(plain.order());
  S h = ladder_start<S>(st.pr, st.H0);
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    const Vec<S> gd = th0 - h * st.g0;
    for (std::size_t i = 0; i < c.series.size(); ++i) {
      const Vec<S> flow = coef[i] == 0 ? plain.integrate(th0, h)
                                       : TaylorFlow<S>(igr_flow_field(m, h, coef[i], st.all)).integrate(th0, h);
      c.add_error(i, S((gd - flow).norm()));
    }
  }
  // Floor: the flow's local tolerance; the rounding of the GD step and of the norm are a few eps below it.
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S) template LadderCase igr_local_error_case<S>(const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace igr1 {  // the claim's run and registration

nlohmann::json run(const Claim& claim, const RunOptions& opt) {
  return run_cases(claim, opt, {applies_always}, [n = levels_or(opt, kIgrLocalLevels)](auto tag, const ProblemSpec& s) {
    return igr_local_error_case<typename decltype(tag)::type>(s, n);
  });
}

const ClaimRegistration kRegistration({
    "IGR-1", "igr_local_error_order", "GD local error against the original and modified flows",
    "Barrett & Dherin, Implicit Gradient Regularization, ICLR 2021 (Sec. 3, Thm. 3.1)",
    "One GD step theta1 = theta0 - h g(theta0) satisfies ||theta1 - phi^L_h(theta0)|| = Theta(h^2) and "
    "||theta1 - phi^{L~}_h(theta0)|| = O(h^3), with L~ = L + (h/4)||grad L||^2.",
    fmt::format("On a ladder h_k = h0 2^-k, k < {} (h0 = 1/(4 max(1, lambda_max(H(theta0)))) rounded down to a "
                "power of two, unless the problem gives h0), the least-squares slope of log(error) on the last {} "
                "points above the precision floor is within +-{} of 2 (flow of L) and of 3 (flow of L~), on every "
                "model; the negative control must miss order 3 by more than {}.",
                kIgrLocalLevels, OrderFitOptions{}.tail, kOrderTolerance, kOrderTolerance),
    "Coefficient h/2 instead of h/4 (flow of L + (h/2)||g||^2): the same order-3 check must reject it.", "mp50",
    run});

}  // namespace igr1

}  // namespace irverify
