// IGR-4 (Barrett & Dherin 2021, Sec. 5-6; CLAIMS.md), on two-param, diag-uv and smooth formula models: from the same theta0, GD with larger
// h (below 2/lambda_max) converges to flatter minima (smaller lambda_max, more balanced) than gradient flow; the limit
// of the flow of L~ = L + (h/4)|g|^2 is GD's limit to O(h^2), the limit of the flow of L only to O(h).
#include "checks/igr/igr4_flat_minima.hpp"
#include "checks/framework/claim.hpp"

#include "checks/igr/flat_minima_study.hpp"

#include <cmath>
#include <optional>

namespace irverify {

namespace igr4 {

// The measurement: per h, GD's limit (steps, sharpness, balance) and the sharpness at the limit of the flow of L~;
// the limit of the flow of L; with two parameters, the trajectories in the (theta1, theta2) plane (the first three h).
template <class S> struct GdLimit {
  S h;
  long steps = 0;
  Sharpness<S> sharp;
  std::optional<S> balance;
  S lmax_tilde;
};
struct PlanePath {
  std::string name;
  std::vector<double> x, y;
};
struct Plane {
  std::optional<double> hyperbola_c;  // two-param: the minima theta1 theta2 = c through the flow of L's limit
  std::vector<PlanePath> paths;
};
template <class S> struct Igr4Measurement {
  Sharpness<S> flow;
  std::optional<S> flow_balance;
  std::vector<GdLimit<S>> gd;  // by decreasing h
  std::optional<Plane> plane;
};

template <class S> PlanePath plane_path(std::string name, const std::vector<Vec<S>>& path) {
  PlanePath p{std::move(name), {}, {}};
  for (const auto& x : path) {
    p.x.push_back(to_double(x(0)));
    p.y.push_back(to_double(x(1)));
  }
  return p;
}

// The ladder (GD limit against the limits of the flows of L, L~ and the h/2 control) and the measurement.
template <class S> Igr4Measurement<S> measure(const FlatMinimaSetup<S>& st, int levels, Case& c) {
  const Model<S>& m = st.model();
  const std::string& kind = st.pr.spec.model;
  const LimitPoint<S> flowL = st.flow(S(0));
  Igr4Measurement<S> r{sharpness<S>(m, st.all, flowL.theta), balance<S>(kind, flowL.theta), {}, {}};
  if (flowL.theta.size() == 2) r.plane = Plane{};
  if (kind == "two-param") r.plane->hyperbola_c = to_double(S(flowL.theta(0) * flowL.theta(1)));
  S h = st.h0;
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    const LimitPoint<S> gd = st.gd(h), tl = st.flow(h / 4), ctl = st.flow(h / 2);
    c.add_error(0, S((gd.theta - flowL.theta).norm()));
    c.add_error(1, S((gd.theta - tl.theta).norm()));
    c.add_error(2, S((gd.theta - ctl.theta).norm()));
    r.gd.push_back({h, gd.iterations, sharpness<S>(m, st.all, gd.theta), balance<S>(kind, gd.theta),
                    sharpness<S>(m, st.all, tl.theta).lmax});
    if (r.plane && k < 3) {
      r.plane->paths.push_back(plane_path<S>(fmt::format("GD, h = {:g}", to_double(h)), gd.path));
      if (k == 0) r.plane->paths.push_back(plane_path<S>(fmt::format("flow of L~, h = {:g}", to_double(h)), tl.path));
    }
  }
  if (r.plane) r.plane->paths.push_back(plane_path<S>("flow of L", flowL.path));
  return r;
}

// Sharpness: strictly decreasing in h, each GD limit flatter than the flow's; every limit below the stability bound.
template <class S> void judge(const Igr4Measurement<S>& r, const FlatMinimaSetup<S>& st, Case& c) {
  // Resolution: a limit is known to lim.target, so lambda_max to about 100 target max(1, lambda).
  const double res = 100 * st.lim.target * std::max(1.0, to_double(r.flow.lmax));
  std::vector<double> with_flow = {to_double(r.flow.lmax)};  // by increasing h, the flow of L as h = 0
  bool stable = true;
  for (auto g = r.gd.rbegin(); g != r.gd.rend(); ++g) with_flow.push_back(to_double(g->sharp.lmax));
  for (const GdLimit<S>& g : r.gd) stable = stable && g.h * g.sharp.lmax < 2;
  const bool decreasing = strictly_decreasing(with_flow, res);
  // Control for the monotonicity test: the flow of L does not depend on h; the same test must not pass it.
  const bool control_passes = strictly_decreasing(std::vector<double>(r.gd.size() + 1, to_double(r.flow.lmax)), res);
  sharpness_statements(c, "lambda_max of the GD limit strictly decreasing in h (the flow of L as h = 0)", decreasing,
                       "control: the flow of L's limit, independent of h, strictly decreasing in h", control_passes, res);
  c.state("every GD limit below the stability bound: h lambda_max < 2", kHolds, outcome_of(stable));
}

template <class S> CaseTable limits_table(const Igr4Measurement<S>& r) {
  CaseTable t{"Reached minima (GD limit for each h; last row: the flow of L)",
              {"h", "GD steps", "lambda_max", "tr H", "balance", "h lambda_max", "lambda_max at L~ limit"},
              {}};
  for (const GdLimit<S>& g : r.gd)
    t.rows.push_back({e3(to_double(g.h)), std::to_string(g.steps), f6(to_double(g.sharp.lmax)), f6(to_double(g.sharp.trace)),
                      balance_text<S>(g.balance), f6(to_double(S(g.h * g.sharp.lmax))), f6(to_double(g.lmax_tilde))});
  t.rows.push_back({"flow of L", "–", f6(to_double(r.flow.lmax)), f6(to_double(r.flow.trace)), balance_text<S>(r.flow_balance),
                    "–", "–"});
  return t;
}

// The bounding box of points, as axis ranges padded by `pad` of the extent (and 1e-3).
struct PlaneBox {
  double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
  void add(double x, double y) {
    xlo = std::min(xlo, x), xhi = std::max(xhi, x), ylo = std::min(ylo, y), yhi = std::max(yhi, y);
  }
  void axes(FigurePanel& p, double pad) const {
    const double px = pad * (xhi - xlo) + 1e-3, py = pad * (yhi - ylo) + 1e-3;
    p.x = figure_axis("theta1");
    p.y = figure_axis("theta2");
    p.x.min = xlo - px, p.x.max = xhi + px, p.y.min = ylo - py, p.y.max = yhi + py;
  }
};

// The (theta1, theta2) plane: the minima hyperbola (two-param), the trajectories, their limits and theta0; the second panel
// enlarged around the limits.
Figure plane_figure(const Plane& plane, const ProblemSpec& spec) {
  FigurePanel p;
  if (plane.hyperbola_c)
    p.curves = {{fmt::format("minima: theta1 theta2 = {:.4f}", *plane.hyperbola_c), *plane.hyperbola_c, -1, false}};
  FigureSeries limits{"limits", {}, {}, {}, {}, Mark::points, false, 1.6}, start{"theta0", {}, {}, {}, {}, Mark::points, false, 1.2};
  PlaneBox all, ends;
  for (const PlanePath& path : plane.paths) {
    p.series.push_back({path.name, path.x, path.y, {}, {}, Mark::linespoints, false, 0.35});
    for (std::size_t i = 0; i < path.x.size(); ++i) all.add(path.x[i], path.y[i]);
    limits.x.push_back(path.x.back());
    limits.y.push_back(path.y.back());
    ends.add(path.x.back(), path.y.back());
  }
  start.x = {plane.paths[0].x[0]};
  start.y = {plane.paths[0].y[0]};
  p.series.push_back(std::move(start));
  p.series.push_back(std::move(limits));
  FigurePanel enlarged = p;
  p.title = "trajectories";
  all.axes(p, 0.15);
  enlarged.title = "limits, enlarged";
  ends.axes(enlarged, 0.25);
  return {"IGR-4-plane", fmt::format("IGR-4: {}", spec.name), "trajectories in the parameter plane", 2,
          {std::move(p), std::move(enlarged)}};
}

template <class S> void present(const Igr4Measurement<S>& r, const ProblemSpec& spec, Case& c) {
  c.tables.push_back(limits_table<S>(r));
  if (!r.plane) return;
  nlohmann::json paths = nlohmann::json::array();
  for (const PlanePath& path : r.plane->paths) {
    std::vector<std::vector<double>> points;
    for (std::size_t i = 0; i < path.x.size(); ++i) points.push_back({path.x[i], path.y[i]});
    paths.push_back({{"name", path.name}, {"points", points}});
  }
  c.extra["plane"] = {{"paths", paths}};
  if (r.plane->hyperbola_c) c.extra["plane"]["hyperbola_c"] = *r.plane->hyperbola_c;
  c.figures.push_back(plane_figure(*r.plane, spec));
}

}  // namespace igr4

template <class S> Case igr_flat_minima_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  const FlatMinimaSetup<S> st(ctx, spec);
  Case c = st.start("GD limits against flow limits");
  c.add_series("GD limit vs limit of the flow of L", Role::claim, 1);
  c.add_series("GD limit vs limit of the flow of L + (h/4)|g|^2", Role::claim, 2);
  c.add_series("GD limit vs limit of the flow of L + (h/2)|g|^2 (wrong coefficient)", Role::control, 2);
  const igr4::Igr4Measurement<S> r = igr4::measure<S>(st, levels, c);
  igr4::judge<S>(r, st, c);
  igr4::present<S>(r, spec, c);
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
  c.verdict_rule = fmt::format("On two-param, diag-uv and smooth formula models: h_k = h0 2^-k, k < {}, h0 = 1/lambda_max(H(theta0)) rounded down to a power "
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
