// LWA-1 (CLAIMS.md LWA, derived from Li, Wang & Arora, ICLR 2022): on l_i = 1/2 (u v x_i - y_i)^2 with data no u v
// fits, Gamma = {u v = c*}, H = m2 J J' (J = (v, u)), Sigma = kappa H, and the drift gives d/dt (u^2 - v^2) =
// -kappa m2 (u^2 - v^2) in t = k eta^2; SGD's E[D_t]/D_0 tends to exp(-kappa m2 t) with weak error O(eta).
// The prediction is the general drift's flow on Gamma (solvers/ln/lwa_drift.hpp), checked against that closed form;
// the controls are the flows of the wrong drifts, whose discrepancies must not vanish.
#include "checks/lwa/lwa1_manifold_drift.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/ladder_setup.hpp"
#include "checks/framework/vanishing.hpp"
#include "solvers/ln/lwa_drift.hpp"
#include "solvers/ln/uv_balance.hpp"
#include "solvers/stats/confidence.hpp"
#include "theory/models/diag_net.hpp"
#include "theory/problem/problem_io.hpp"
#include "theory/stability/sharpness.hpp"

#include <cmath>

namespace irverify {

namespace lwa1 {

inline constexpr int kHorizonDen = 2;      // t = 1/2
inline constexpr int kFlowSteps = 256;     // RK4 steps of the manifold flow to t (128 for its error estimate)
inline constexpr int kCurvePoints = 16;    // the figure's times j t / 16
inline constexpr double kVanishOrder = 0.5;

struct Variant {
  LwaDrift drift;
  const char* name;
};
const Variant kVariants[] = {{LwaDrift::derived, "the derived drift -(1/2) P grad^3 L[L_H^-1(Sigma)]"},
                             {LwaDrift::doubled, "the drift doubled (label noise: -c/2 for -c/4)"},
                             {LwaDrift::no_inverse, "Sigma in place of the Lyapunov inverse L_H^-1(Sigma)"},
                             {LwaDrift::none, "no drift (the interpolating answer)"}};

// The u v model's data, c* = sum x y / sum x^2, the start moved onto Gamma, and kappa m2 = mean of ((c* x_i - y_i) x_i)^2.
template <class S> struct UvSetup {
  Vec<S> x, y, theta0;
  S c_star, m2, q;
};

template <class S> UvSetup<S> uv_setup(const Problem<S>& pr) {
  const auto* net = dynamic_cast<const DiagNet<S>*>(pr.model.get());
  if (!net || pr.model->kind() != "two-param") throw ProblemError(pr.spec.origin + ": LWA-1 needs the u v model (model two-param)");
  UvSetup<S> u{net->X().col(0), net->y(), pr.theta0, S(0), S(0), S(0)};
  const S N(static_cast<int>(u.x.size()));
  u.m2 = u.x.squaredNorm() / N;
  if (!(u.m2 > 0)) throw ProblemError(pr.spec.origin + ": every x_i is 0");
  u.c_star = u.x.dot(u.y) / u.x.squaredNorm();
  u.q = (u.c_star * u.x - u.y).cwiseProduct(u.x).squaredNorm() / N;
  // Interpolation (every r_i x_i = 0 to rounding): Sigma = 0 on Gamma and nothing drifts.
  if (!(u.q > S(64) * eps<S>() * u.y.cwiseProduct(u.x).squaredNorm() / N))
    throw ProblemError(pr.spec.origin + ": the data are fitted by some u v (every (c* x_i - y_i) x_i = 0): no noise on the manifold");
  if (u.theta0(0) == 0) throw ProblemError(pr.spec.origin + ": LWA-1 moves theta0 onto u v = c* keeping u: u0 must not be 0");
  u.theta0(1) = u.c_star / u.theta0(0);
  if (u.theta0(0) * u.theta0(0) == u.theta0(1) * u.theta0(1))
    throw ProblemError(pr.spec.origin + ": theta0 on the manifold is balanced (u^2 = v^2): D_0 = 0");
  return u;
}

template <class S> S balance(const Vec<S>& th) { return th(0) * th(0) - th(1) * th(1); }

// The figure: E[D_s]/D_0 over s in [0, t] at the first and last eta, against the derived prediction and the controls'.
template <class S>
void present_figure(const Model<S>& m, const UvSetup<S>& u, const S& t, const S& proj_tol, const std::vector<BalanceEstimate<S>>& first,
                    const std::vector<BalanceEstimate<S>>& last, bool reshuffle, Case& c) {
  const S D0 = balance<S>(u.theta0);
  FigurePanel panel{"", figure_axis("t = k eta^2"), figure_axis("E[D_t] / D_0"), {}, {}, {}, {}};
  auto mc_series = [&](const std::vector<BalanceEstimate<S>>& e, double h, double size) {
    FigureSeries s{fmt::format("SGD, eta = {:g} (± 3 se)", h), {}, {}, {}, {}, Mark::points, false, size};
    const long steps = std::lround(to_double(t) / (h * h));
    for (int j = 0; j <= kCurvePoints; ++j) {
      const double mean = to_double(e[j].mean), w = 3 * to_double(e[j].se);
      s.x.push_back(double(steps * j / kCurvePoints) * h * h);
      s.y.push_back(mean);
      s.y_low.push_back(mean - w);
      s.y_high.push_back(mean + w);
    }
    return s;
  };
  panel.series.push_back(mc_series(first, c.h.front(), 0.9));
  panel.series.push_back(mc_series(last, c.h.back(), 0.6));
  for (int v = 0; v < 4; ++v) {
    FigureSeries s{kVariants[v].name, {}, {}, {}, {}, Mark::lines, false, 0.7};
    for (int j = 0; j <= kCurvePoints; ++j) {
      const S tj = t * S(j) / S(kCurvePoints);
      s.x.push_back(to_double(tj));
      s.y.push_back(j == 0 ? 1.0 : to_double(S(balance<S>(lwa_flow<S>(m, u.theta0, tj, kFlowSteps / kCurvePoints * j, kVariants[v].drift, proj_tol)) / D0)));
    }
    panel.series.push_back(std::move(s));
  }
  c.figures.push_back({fmt::format("LWA-1-balance-{}-{}", c.spec.name, reshuffle ? "reshuffled" : "iid"),
                       fmt::format("LWA-1: {} ({})", c.spec.name, c.label),
                       "E[D_t]/D_0 of SGD at the largest and smallest eta against the flows of the derived and the wrong drifts",
                       1,
                       {std::move(panel)}});
}

}  // namespace lwa1

template <class S> Case lwa_balance_case(const RunContext& ctx, const ProblemSpec& spec, bool reshuffle, int levels) {
  using namespace lwa1;
  using std::abs;
  using std::exp;
  const auto t0 = std::chrono::steady_clock::now();
  const Problem<S> pr = build_problem<S>(spec);
  const Model<S>& m = *pr.model;
  const UvSetup<S> u = uv_setup<S>(pr);
  const S t = S(1) / kHorizonDen, D0 = balance<S>(u.theta0);
  // Newton's stop on Gamma: |grad L| <= 64 eps (|y . x| + m2 |theta|^2) |theta|^2 (its terms' scale, with room to spare).
  const S scale = std::max(S(1), S(u.theta0.squaredNorm()));
  const S proj_tol = S(64) * eps<S>() * scale * std::max(S(1), S(u.y.cwiseProduct(u.x).norm() + u.m2 * scale));
  const Mat<S> H0 = m.hessian(u.theta0, m.all_examples());
  Case c = new_case<S>(ctx, spec, m, reshuffle ? "B = 1, reshuffled epochs" : "B = 1, i.i.d. examples");
  c.variable = "eta";
  // The predictions: D(Y_t)/D_0 along each variant's flow on Gamma; the derived one against exp(-kappa m2 t).
  S pred[4], pred_half = S(0);
  for (int v = 0; v < 4; ++v) pred[v] = balance<S>(lwa_flow<S>(m, u.theta0, t, kFlowSteps, kVariants[v].drift, proj_tol)) / D0;
  pred_half = balance<S>(lwa_flow<S>(m, u.theta0, t, kFlowSteps / 2, LwaDrift::derived, proj_tol)) / D0;
  const S closed = exp(-u.q * t), rk_tol = std::max(S(abs(pred[0] - pred_half)), S(64 * kFlowSteps) * eps<S>());
  c.state("the general drift's flow on Gamma gives E[D_t]/D_0 = exp(-kappa m2 t) (CLAIMS.md's closed form)", kHolds,
          outcome_of(abs(pred[0] - closed) <= rk_tol),
          fmt::format("flow {:.12f}, exp(-kappa m2 t) = {:.12f}, |difference| {:.2e}; tolerance max(|RK4 {} - {} steps|, 64 steps eps) = {:.2e}",
                      to_double(pred[0]), to_double(closed), to_double(S(abs(pred[0] - closed))), kFlowSteps, kFlowSteps / 2,
                      to_double(rk_tol)));
  c.add_series("|E[D_t]/D_0 - prediction of the derived drift|", Role::claim, 1);
  CaseTable tab{fmt::format("E[D_t]/D_0 at t = 1/{} (Monte Carlo mean ± standard error, {} runs, seed {}) and its distance to each "
                            "prediction",
                            kHorizonDen, ctx.samples, ctx.seed),
                {"eta", "steps", "E[D_t]/D_0", "derived", "z", "doubled", "no Lyapunov inverse", "no drift"}, {}};
  std::vector<double> d[4], se;
  std::vector<BalanceEstimate<S>> first, last;
  std::vector<long> at;
  const S eta0 = start_step<S>(pr, lambda_max<S>(H0), "lambda_max(H)", power_of_two_below<S>(S(1) / (2 * std::max(S(1), lambda_max<S>(H0)))));
  S eta = eta0;
  for (int k = 0; k < levels; ++k, eta /= 2) {
    c.add_h(eta);
    const long steps = std::lround(to_double(S(t / (eta * eta))));
    at.clear();
    for (int j = 0; j <= kCurvePoints; ++j) at.push_back(steps * j / kCurvePoints);  // plotted at at[j] eta^2
    ctx.heartbeat(fmt::format("LWA-1: eta = {:.4g}, {} runs x {} steps", to_double(eta), ctx.samples, steps));
    const std::vector<BalanceEstimate<S>> e = uv_balance_mc<S>(u.x, u.y, u.theta0, eta, at, reshuffle, ctx.control());
    const BalanceEstimate<S>& end = e.back();
    se.push_back(to_double(end.se));
    std::vector<std::string> row{to_string_full(eta), std::to_string(steps), fmt::format("{:.8f} ± {:.2e}", to_double(end.mean), se.back())};
    for (int v = 0; v < 4; ++v) {
      d[v].push_back(to_double(S(end.mean - pred[v])));
      row.push_back(fmt::format("{:.4e}", d[v].back()));
      if (v == 0) row.push_back(fmt::format("{:.1f}", se.back() > 0 ? std::abs(d[0].back()) / se.back() : INFINITY));
    }
    c.add_error(0, S(abs(end.mean - pred[0])), se.back());
    tab.rows.push_back(std::move(row));
    if (k == 0) first = e;
    last = e;
  }
  c.tables.push_back(std::move(tab));
  const double z = bonferroni_z999(6);
  for (int v = 1; v < 4; ++v)
    c.state(vanishing_statement(fmt::format("E[D_t]/D_0 tends to the prediction of {} (its distance falls by more than 2^({} x {:g}) "
                                            "over the ladder)",
                                            kVariants[v].name, levels - 1, kVanishOrder),
                                kRefuted, d[v], se, kVanishOrder, z, "eta"));
  CaseTable pt{"Predictions at t (flows of the drifts on Gamma, RK4, 256 steps)", {"drift", "E[D_t]/D_0 predicted"}, {}};
  for (int v = 0; v < 4; ++v) pt.rows.push_back({kVariants[v].name, fmt::format("{:.12f}", to_double(pred[v]))});
  pt.rows.push_back({"closed form exp(-kappa m2 t)", fmt::format("{:.12f}", to_double(closed))});
  c.tables.push_back(std::move(pt));
  present_figure<S>(m, u, t, proj_tol, first, last, reshuffle, c);
  c.solver = fmt::format("SGD on the u v model (B = 1), {} runs, seed {}; drifts' flows RK4 on Gamma ({} steps), Newton projection",
                         ctx.samples, ctx.seed, kFlowSteps);
  c.extra["c_star"] = to_string_full(u.c_star);
  c.extra["theta0_on_manifold"] = {to_string_full(u.theta0(0)), to_string_full(u.theta0(1))};
  c.extra["kappa_m2"] = to_string_full(u.q);
  c.extra["horizon"] = to_string_full(t);
  c.extra["mc_runs"] = ctx.samples;
  return finish_case(std::move(c), 0.0, t0);
}

#define IRVERIFY_INST(S) template Case lwa_balance_case<S>(const RunContext&, const ProblemSpec&, bool, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace lwa1 {  // the claim's registration

std::string not_applicable(const ProblemSpec& s) {
  if (s.model != "two-param") return "LWA-1 checks the u v model (model two-param), whose balance u^2 - v^2 obeys an exact identity";
  if (s.num_examples() < 2) return "one example is always fitted by some u v: no noise on the manifold";
  return "";
}

std::vector<ProblemSpec> problems() {
  return {parse_problem_text(R"j({"format": "irverify-problem-1", "name": "uv-4", "comment": "CLAIMS.md LWA-1's model, kappa m2 = 3/2",
            "model": "two-param", "data": [["1", "2"], ["2", "1"], ["-1", "-1"], ["1", "2"]], "theta0": ["2", "0.5"]})j", "uv-4"),
          parse_problem_text(R"j({"format": "irverify-problem-1", "name": "uv-5", "comment": "theta0 moved onto u v = c* by LWA-1",
            "model": "two-param", "data": [["0.5", "1"], ["1", "0.3"], ["1.5", "2"], ["-1", "-0.5"], ["2", "1.5"]],
            "theta0": ["1.2", "0.7"]})j", "uv-5")};
}

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "LWA-1";
  c.title = "The drift on the manifold of minima under minibatch noise (no interpolation)";
  c.paper = "Li, Wang & Arora, What Happens after SGD Reaches Zero Loss? A Mathematical Framework, ICLR 2022 (recalled); "
            "CLAIMS.md LWA-1 (derived)";
  c.statement = "On l_i = 1/2 (u v x_i - y_i)^2 with data no u v fits, SGD with B = 1 near Gamma = {u v = c*} follows in "
      "t = k eta^2 the drift -(1/2) P grad^3 L[L_H^-1(Sigma)] (L_H(X) = H X + X H); with H = m2 J J', Sigma = kappa H it "
      "gives d/dt (u^2 - v^2) = -kappa m2 (u^2 - v^2), so E[D_t]/D_0 -> exp(-kappa m2 t) with weak error O(eta), for "
      "i.i.d. and reshuffled examples alike.";
  c.verdict_rule = fmt::format(
      "theta0 moved onto Gamma keeping u; t = 1/{}; eta_k = eta0 2^-k, k < {}, eta0 = 1/(2 max(1, lambda_max(H))) as a power "
      "of two (or h0); t/eta^2 steps; {} runs per level, seed {}. The prediction is the general drift's flow on Gamma "
      "(RK4, {} steps; equal to exp(-kappa m2 t) within the RK4 error); the weak error's fitted order within +-{} of 1 "
      "(points above {} standard errors).",
      kHorizonDen, kLwa1Levels, kLwa1Runs, kLwa1Seed, kFlowSteps, kOrderTolerance, kMcMargin);
  c.negative_control = "The predictions of the drift doubled (-1/2 for -1/4), of Sigma without the Lyapunov inverse and of no "
      "drift: their distances must not vanish (fall by less than 2^(0.5 (levels - 1)), 99.9% intervals, Bonferroni over "
      "six).";
  c.precision = "double";
  c.seed = kLwa1Seed;
  c.samples = kLwa1Runs;
  c.samples_are = "runs per level";
  c.levels = kLwa1Levels;
  c.not_applicable = not_applicable;
  c.problems = problems;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    using S = typename decltype(tag)::type;
    return std::vector<Case>{lwa_balance_case<S>(ctx, s, false, ctx.levels), lwa_balance_case<S>(ctx, s, true, ctx.levels)};
  });
  return c;
}());

}  // namespace lwa1

}  // namespace irverify
