#include "checks/claims/igr_local_error.hpp"

#include "checks/claims/dispatch.hpp"
#include "checks/claims/run_cases.hpp"
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

nlohmann::json run_igr_local_error(const RunOptions& opt) {
  return run_cases(opt, {"IGR-1", "mp50", applies_always,
                         ladder_cases(levels_or(opt, kIgrLocalLevels), [](auto tag, const ProblemSpec& s, int n) {
                           return igr_local_error_case<typename decltype(tag)::type>(s, n);
                         })});
}

}  // namespace irverify
