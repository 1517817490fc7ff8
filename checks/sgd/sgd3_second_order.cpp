// SGD-3 (derived in CLAIMS.md from Smith, Dherin, Barrett & De 2021, Sec. 3): E[theta_m] = theta0 - m eps g +
// eps^2 C2 + O(eps^3), C2 = (1/2)(m^2 H g - sum_k H_k g_k); C2 extracted by Richardson extrapolation of exact means
// (and of the modified flow) agrees with the closed form to >= 10 digits. Controls: C2 with the eps/(2m) coefficient,
// and without the minibatch term.
#include "checks/sgd/sgd3_second_order.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/sgd_setup.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "solvers/order/richardson.hpp"
#include "theory/losses/sgd_modified_loss.hpp"

#include <cmath>

namespace irverify {

namespace sgd3 {

template <class S> double digits(const Vec<S>& a, const Vec<S>& b) {
  const S rel = S((a - b).norm()) / std::max(S(b.norm()), scalar_traits<S>::smallest_normal());
  return rel > 0 ? -std::log10(to_double(rel)) : double(digits10<S>());
}

void judge(const Sgd3Measurement& r, Case& c) {
  const Sgd3Digits& d = r.digits;
  for (const auto& [text, expected, dig] :
       {std::make_tuple("the eps^2 coefficient of the exact mean iterate is C2", kHolds, d.exact_mean),
        std::make_tuple("the eps^2 coefficient of the modified flow of L~SGD is C2", kHolds, d.modified_flow),
        std::make_tuple("control: the eps^2 coefficient is C2 with eps/(2m) for eps/(4m)", kRefuted, d.control_coefficient),
        std::make_tuple("control: the eps^2 coefficient is C2 without the minibatch term", kRefuted, d.control_no_minibatch)})
    c.state(text, expected, outcome_of(dig >= kSgd3Digits),
            fmt::format("{:.1f} digits of agreement (agreement: >= {:g})", dig, kSgd3Digits));
}

void present(const Sgd3Measurement& r, Case& c) {
  const Sgd3Digits& d = r.digits;
  c.tables.push_back({fmt::format("C2 = (1/2)(m^2 H g - sum_k H_k g_k) = {} ... (digits of agreement; agreement: >= {:g})",
                                  fmt::format("({:.12g}, {:.12g})", r.c2_0, r.c2_1), kSgd3Digits),
                      {"estimate compared with the closed form", "digits", "Richardson error estimate"},
                      {{"exact means, extrapolated", fmt::format("{:.1f}", d.exact_mean), fmt::format("{:.2e}", r.mean_change)},
                       {"modified flow L~SGD, extrapolated", fmt::format("{:.1f}", d.modified_flow),
                        fmt::format("{:.2e}", r.flow_change)},
                       {"control: closed form with eps/(2m)", fmt::format("{:.1f}", d.control_coefficient), "–"},
                       {"control: closed form without the minibatch term", fmt::format("{:.1f}", d.control_no_minibatch), "–"}}});
  c.extra["digits"] = {{"exact_mean", d.exact_mean}, {"modified_flow", d.modified_flow},
                       {"control_coefficient", d.control_coefficient}, {"control_no_minibatch", d.control_no_minibatch}};
  c.headline("digits: exact means {:.1f}–{:.1f}", d.exact_mean, Aggregate::range);
  c.headline("modified flow {:.1f}–{:.1f}", d.modified_flow, Aggregate::range);
  c.headline("controls ≤ {:.1f}", std::max(d.control_coefficient, d.control_no_minibatch));
}

}  // namespace sgd3

template <class S> Sgd3Measurement sgd_second_order_measure(const SgdSetup<S>& st, int levels, Case& c) {
  const Model<S>& m = st.model();
  const Vec<S>& th0 = st.theta0();
  const S nb(st.batches());
  c.add_series("|D(eps) - C2|, D = (E[theta_m] - theta0 + m eps g)/eps^2", Role::context, 1);
  const Vec<S> C2 = sgd_second_order_coefficient(m, st.part, th0);
  std::vector<Vec<S>> D_mean, D_flow;
  S eps = st.eps0;
  for (int k = 0; k < levels; ++k, eps /= 2) {
    c.add_h(eps);
    const Vec<S> first = th0 - nb * eps * st.g0;
    D_mean.push_back((exact_epoch_mean(m, st.part, th0, eps, st.ctx.deadline).mean - first) / (eps * eps));
    D_flow.push_back(
        (TaylorFlow<S>(sgd_modified_field(m, st.part, eps, S(1) / 4), st.ctx.deadline).integrate(th0, nb * eps) - first) /
        (eps * eps));
    c.add_error(0, S((D_mean.back() - C2).norm()));
  }
  const auto [est, est_err] = richardson<S>(D_mean);
  const auto [flow_est, flow_err] = richardson<S>(D_flow);
  // Wrong closed forms: the eps/(2m) coefficient doubles the minibatch sum; without it only m^2 H g / 2 is left.
  Vec<S> minibatch = Vec<S>::Zero(th0.size());
  for (const auto& b : st.part) minibatch += m.hessian(th0, b) * m.gradient(th0, b);
  const Vec<S> wrong_coef = C2 - minibatch / 2, no_minibatch = C2 + minibatch / 2;
  Sgd3Measurement r;
  r.c2_0 = to_double(C2(0));
  r.c2_1 = to_double(C2(1));
  r.mean_change = to_double(est_err);
  r.flow_change = to_double(flow_err);
  r.digits = {sgd3::digits<S>(est, C2), sgd3::digits<S>(flow_est, C2), sgd3::digits<S>(est, wrong_coef),
              sgd3::digits<S>(est, no_minibatch)};
  return r;
}

template <class S> Case sgd_second_order_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  const SgdSetup<S> st(ctx, spec);
  Case c = st.start(fmt::format("eps^2 coefficient, Richardson over {} levels", levels));
  c.variable = "eps";
  const Sgd3Measurement r = sgd_second_order_measure<S>(st, levels, c);
  sgd3::judge(r, c);
  sgd3::present(r, c);
  c.solver = "exact enumeration; Richardson extrapolation (Neville table, ratio 2)";
  return st.finish(std::move(c), to_double(S(64 * irverify::eps<S>())));
}

#define IRVERIFY_INST(S)                                                                     \
  template Sgd3Measurement sgd_second_order_measure<S>(const SgdSetup<S>&, int, Case&); \
  template Case sgd_second_order_case<S>(const RunContext&, const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace sgd3 {  // the claim's registration


const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "SGD-3";
  c.title = "Shuffled SGD: the eps^2 coefficient of the mean iterate";
  c.paper = "Derived in CLAIMS.md from Smith, Dherin, Barrett & De, ICLR 2021 (Sec. 3)";
  c.statement = "E[theta_m] = theta0 - m eps g + (eps^2/4)(m^2 grad||g||^2 - sum_k grad||g_k||^2) + O(eps^3), all at theta0; "
      "the modified flow has the same eps^2 coefficient.";
  c.verdict_rule = fmt::format("C2 extracted by Richardson extrapolation (ratio 2, {} levels) of D(eps) = (E[theta_m] - theta0 + m eps "
      "g)/eps^2 from exact means, and likewise from the flow of L~SGD, agrees with the closed form to >= {:g} "
      "digits.",
      kRichardsonLevels, kSgd3Digits);
  c.negative_control = "The closed form with coefficient eps/(2m), and without the minibatch term (m^2 H g / 2 only), must agree to "
      "fewer digits.";
  c.precision = "mp50";
  c.levels = kRichardsonLevels;
  c.not_applicable = sgd_not_applicable;
  c.problems = sgd_builtin_problems;
  c.summary_expected = fmt::format("≥ {:g} digits; controls fewer", kSgd3Digits);
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return sgd_second_order_case<typename decltype(tag)::type>(ctx, s, ctx.levels);
  });
  return c;
}());

}  // namespace sgd3

}  // namespace irverify
