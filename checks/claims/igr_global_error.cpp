#include "checks/claims/igr_global_error.hpp"

#include "checks/claims/dispatch.hpp"
#include "checks/claims/run_cases.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "theory/losses/igr_modified_loss.hpp"
#include "theory/problem/generator.hpp"


namespace irverify {

template <class S> LadderCase igr_global_error_case(const ProblemSpec& spec, int levels) {
  using std::ceil;
  const LadderSetup<S> st(spec);
  const Model<S>& m = st.model();
  const Vec<S>& th0 = st.theta0();
  const S h0 = ladder_start<S>(st.pr, st.H0);
  const long n0 = std::max(1L, static_cast<long>(to_double(S(ceil(S(1) / h0)))));
  const S T = h0 * n0;

  LadderCase c = st.start(fmt::format("GD to T = {}", to_double(T)));
  const S coef[] = {S(0), S(1) / 4, S(1) / 2};
  c.add_series("GD vs flow of L", "claim", 1);
  c.add_series("GD vs flow of L + (h/4)|g|^2", "claim", 2);
  c.add_series("GD vs flow of L + (h/2)|g|^2 (wrong coefficient)", "negative-control", 2);

  const TaylorFlow<S> plain(gradient_flow_field(m, st.all));
  c.solver = "Taylor series, order " + std::to_string(plain.order());
  const Vec<S> flow_L = plain.integrate(th0, T);
  S h = h0;
  long n = n0;
  for (int k = 0; k < levels; ++k, h /= 2, n *= 2) {
    c.add_h(h);
    Vec<S> th = th0;
    for (long j = 0; j < n; ++j) th -= h * m.gradient(th, st.all);
    for (std::size_t i = 0; i < c.series.size(); ++i) {
      const Vec<S> flow = coef[i] == 0 ? flow_L : TaylorFlow<S>(igr_flow_field(m, h, coef[i], st.all)).integrate(th0, T);
      c.add_error(i, S((th - flow).norm()));
    }
  }
  // Given floor: the flows' tolerance, as in IGR-1. GD's own rounding grows with n (about sqrt(n) to n times
  // eps |theta|); where it takes over, the error stalls and the fitter detects and reports that floor.
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S) template LadderCase igr_global_error_case<S>(const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

nlohmann::json run_igr_global_error(const RunOptions& opt) {
  nlohmann::json rec =
      run_cases(opt, {"IGR-2", "mp50", requires_smooth,
                      ladder_cases(levels_or(opt, kIgrGlobalLevels), [](auto tag, const ProblemSpec& s, int n) {
                        return igr_global_error_case<typename decltype(tag)::type>(s, n);
                      })});
  // The precision floor made visible: least-squares in double, down to where GD's rounding meets the O(h^2) error.
  if (opt.problems.empty()) {
    progress(opt, "IGR-2", "floor demonstration: least-squares in double, 22 levels");
    LadderCase d = igr_global_error_case<double>(generate_problem("least-squares", 1), 22);
    d.label += " (double: the rounding floor)";
    rec["cases"].push_back(ladder_case_json(d));
    if (!d.pass) rec["verdict"] = "fail";
  }
  return rec;
}

}  // namespace irverify
