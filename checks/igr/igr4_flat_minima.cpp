// IGR-4 (Barrett & Dherin 2021, Sec. 5-6; CLAIMS.md), on two-param and diag-uv: from the same theta0, GD with larger
// h (below 2/lambda_max) converges to flatter minima (smaller lambda_max, more balanced) than gradient flow; the limit
// of the flow of L~ = L + (h/4)|g|^2 is GD's limit to O(h^2), the limit of the flow of L only to O(h).
#include "checks/igr/igr4_flat_minima.hpp"
#include "checks/framework/claim.hpp"

#include "checks/igr/flat_minima_study.hpp"

namespace irverify {

template <class S> Case igr_flat_minima_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  const FlatMinimaSetup<S> st(ctx, spec);
  const Model<S>& m = st.model();
  Case c = st.start("GD limits against flow limits");
  c.add_series("GD limit vs limit of the flow of L", Role::claim, 1);
  c.add_series("GD limit vs limit of the flow of L + (h/4)|g|^2", Role::claim, 2);
  c.add_series("GD limit vs limit of the flow of L + (h/2)|g|^2 (wrong coefficient)", Role::control, 2);
  const LimitPoint<S> flowL = st.flow(S(0));
  const Sharpness<S> sL = sharpness<S>(m, st.all, flowL.theta);
  CaseTable t{"Reached minima (GD limit for each h; last row: the flow of L)",
              {"h", "GD steps", "lambda_max", "tr H", "balance", "h lambda_max", "lambda_max at L~ limit"},
              {}};
  std::vector<double> lam_by_increasing_h;
  bool stable = true;
  nlohmann::json paths = nlohmann::json::array();
  S h = st.h0;
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    const LimitPoint<S> gd = st.gd(h), tl = st.flow(h / 4), ctl = st.flow(h / 2);
    c.add_error(0, S((gd.theta - flowL.theta).norm()));
    c.add_error(1, S((gd.theta - tl.theta).norm()));
    c.add_error(2, S((gd.theta - ctl.theta).norm()));
    const Sharpness<S> sg = sharpness<S>(m, st.all, gd.theta);
    stable = stable && h * sg.lmax < 2;
    lam_by_increasing_h.insert(lam_by_increasing_h.begin(), to_double(sg.lmax));
    t.rows.push_back({e3(to_double(h)), std::to_string(gd.iterations), f6(to_double(sg.lmax)), f6(to_double(sg.trace)),
                      f6(to_double(balance<S>(spec.model, gd.theta))), f6(to_double(S(h * sg.lmax))),
                      f6(to_double(sharpness<S>(m, st.all, tl.theta).lmax))});
    if (spec.model == "two-param" && k < 3) {
      paths.push_back({{"name", fmt::format("GD, h = {:g}", to_double(h))}, {"points", points(gd.path)}});
      if (k == 0) paths.push_back({{"name", fmt::format("flow of L~, h = {:g}", to_double(h))}, {"points", points(tl.path)}});
    }
  }
  t.rows.push_back({"flow of L", "–", f6(to_double(sL.lmax)), f6(to_double(sL.trace)),
                    f6(to_double(balance<S>(spec.model, flowL.theta))), "–", "–"});
  c.tables.push_back(std::move(t));
  // Sharpness: strictly decreasing in h, each GD limit flatter than the flow's. Resolution: a limit is known to
  // lim.target, so lambda_max to about 100 target max(1, lambda).
  const double res = 100 * st.lim.target * std::max(1.0, to_double(sL.lmax));
  std::vector<double> with_flow = {to_double(sL.lmax)};
  with_flow.insert(with_flow.end(), lam_by_increasing_h.begin(), lam_by_increasing_h.end());
  const bool decreasing = strictly_decreasing(with_flow, res);
  // Control for the monotonicity test: the flow of L does not depend on h; the same test must not pass it.
  const bool control_passes = strictly_decreasing(std::vector<double>(levels + 1, to_double(sL.lmax)), res);
  sharpness_statements(c, "lambda_max of the GD limit strictly decreasing in h (the flow of L as h = 0)", decreasing,
                       "control: the flow of L's limit, independent of h, strictly decreasing in h", control_passes, res);
  c.state("every GD limit below the stability bound: h lambda_max < 2", kHolds, outcome_of(stable));
  if (spec.model == "two-param") {
    paths.push_back({{"name", "flow of L"}, {"points", points(flowL.path)}});
    // Minima: the hyperbola theta1 theta2 = c through the flow's limit (c = <x, y> / <x, x>).
    c.extra["plane"] = {{"hyperbola_c", to_double(S(flowL.theta(0) * flowL.theta(1)))}, {"paths", paths}};
  }
  return st.finish(std::move(c), st.lim.target);
}

#define IRVERIFY_INST(S) template Case igr_flat_minima_case<S>(const RunContext&, const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace igr4 {  // the claim's registration


const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "IGR-4";
  c.title = "GD ends at flatter minima; the flow of L~ predicts its limit to O(h^2)";
  c.paper = "Barrett & Dherin, Implicit Gradient Regularization, ICLR 2021 (Sec. 5-6)";
  c.statement = "From the same theta0, GD with larger h (below 2/lambda_max) converges to a flatter minimum (smaller lambda_max, "
      "more balanced) than gradient flow; the limit of the flow of L~ = L + (h/4)||g||^2 predicts GD's limit with "
      "error O(h^2), the limit of the flow of L only O(h).";
  c.verdict_rule = fmt::format("On two-param and diag-uv: h_k = h0 2^-k, k < {}, h0 = 1/lambda_max(H(theta0)) rounded down to a power "
      "of two; GD and the flows run to steady state (remaining distance below eps^(3/4)|theta0|). "
      "lambda_max at GD's limit strictly decreasing in h (and below the flow's), h lambda_max < 2 at every "
      "limit; fitted orders of the limit distances within +-{} of 1 (flow of L) and 2 (flow of L~).",
      kFlatMinimaLevels, kOrderTolerance);
  c.negative_control = "Coefficient h/2 in L~ (its limit is only O(h) from GD's) must be rejected by the order-2 check; the "
      "h-independent flow-of-L limit must fail the decreasing-sharpness test.";
  c.precision = "quad";
  c.levels = kFlatMinimaLevels;
  c.not_applicable = flat_minima_not_applicable;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return igr_flat_minima_case<typename decltype(tag)::type>(ctx, s, ctx.levels);
  });
  return c;
}());

}  // namespace igr4

}  // namespace irverify
