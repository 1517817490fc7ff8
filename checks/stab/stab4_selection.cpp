#include "checks/stab/stab4_selection.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "checks/stab/stab6_lyapunov.hpp"
#include "solvers/stability/selection.hpp"
#include "solvers/stability/sgd_threshold.hpp"

#include <cmath>

namespace irverify {

namespace stab4_detail {  // named: the family is one unity translation unit

struct Optimizer {
  std::string name;
  int B;  // 0: GD (full batch)
  BatchSampling sampling;
};
const std::vector<Optimizer> kOptimizers = {{"GD", 0, BatchSampling::WithoutReplacement},
                                            {"SGD B=1", 1, BatchSampling::WithReplacement},
                                            {"SGD B=2 w/o repl.", 2, BatchSampling::WithoutReplacement}};

// The measurement: per optimizer and eta, how the runs ended and, per converged run, its polished end point.
struct EndPoint {
  Vec<double> theta;
  double polish = 0;                      // |polished - end point|
  double lam = 0, tr = 0, eta_star = 0;   // lambda_max, tr H, the run's threshold (GD: 2/lambda_max)
  double tol = 0;                         // eta_star_tolerance
  bool ms_unstable = false;               // SGD with eta > eta*(1 + tol): then log rho(T(eta)) and Lambda(eta)
  double log_rho = 0;
  LyapunovEstimate lyapunov;
  // Lambda < 0 resolved at critical value z (the family's: exhibit_critical).
  bool exhibit(double z) const { return ms_unstable && lyapunov_sign(lyapunov, z) < 0; }
};
struct Cell {
  const Optimizer* opt;
  double eta;
  int converged = 0, diverged = 0, stuck = 0;
  std::vector<EndPoint> points;
  int Bq() const { return std::max(opt->B, 1); }
  bool gd() const { return opt->B == 0; }
};
struct Stab4Measurement {
  double eta_top = 0;  // 2/lambda_max at the minimum Gauss-Newton finds from theta0
  LyapunovOptions lyo;
  std::vector<Cell> cells;  // optimizer-major, eta descending
};

// The bounds of one end point (tolerance: eta*'s, 64 n eps).
bool gd_bound(const Cell& c, const EndPoint& e) { return e.lam <= (2 / c.eta) * (1 + e.tol); }
bool trace_bound(const Cell& c, const EndPoint& e) { return e.tr <= (2 * c.Bq() / c.eta) * (1 + e.tol); }
double bound_ratio(const Cell& c, const EndPoint& e) { return c.eta * e.tr / (2 * c.Bq()); }

// One converged run's end point: its spectrum and threshold; for a mean-square-unstable SGD end point, the exact
// log rho(T) and the Lyapunov exponent.
EndPoint end_point(const Model<double>& model, const Cell& c, const InterpolationResult<double>& pol, const LyapunovOptions& lyo) {
  const Optimizer& opt = *c.opt;
  const StabilityInstance<double> in = stability_instance<double>(output_jacobian<double>(model, pol.theta));
  EndPoint e;
  e.theta = pol.theta, e.polish = pol.moved;
  e.lam = in.lambda_max(), e.tr = in.trace();
  e.eta_star = opt.B == 0 ? 2 / e.lam : eta_star_structured<double>(in, opt.B, opt.sampling);
  e.tol = eta_star_tolerance(in);
  e.ms_unstable = opt.B > 0 && !(c.eta <= e.eta_star * (1 + e.tol));
  if (!e.ms_unstable) return e;
  const StabilityOperators<double> ops(in);
  const BatchCoefficients<double> coef = batch_coefficients<double>(in.N, opt.B, opt.sampling);
  e.log_rho = std::log(t_spectrum<double>(ops, coef, c.eta, false).rho);
  e.lyapunov = lyapunov_exponent(in, opt.B, opt.sampling, c.eta, lyo);
  return e;
}

// Every optimizer at eta_k = eta_top 2^(-k/2), k < ctx.levels, from ctx.samples random starts.
Stab4Measurement measure(const RunContext& ctx, const DiagNet<double>& net, double eta_top) {
  Stab4Measurement m;
  m.eta_top = eta_top;
  m.lyo = LyapunovOptions{ctx.control(), kStabLyapunovBurnIn, kStabLyapunovWindow};
  m.lyo.run.samples = kStabLyapunovRuns;
  for (const Optimizer& opt : kOptimizers) {
    for (int k = 0; k < ctx.levels; ++k) {
      Cell c{&opt, eta_top * std::pow(2.0, -0.5 * k), 0, 0, 0, {}};
      SelectionOptions so{ctx.control(), opt.B, opt.sampling, c.eta, static_cast<std::uint32_t>(k), kStabMaxSteps,
                          kStabConvergedDistance, kStabConvergedWindow};
      for (const SelectionRun& r : selection_runs(net, so)) {
        c.diverged += r.end == RunEnd::diverged;
        c.stuck += r.end == RunEnd::not_converged;
        if (r.end != RunEnd::converged) continue;
        ++c.converged;
        c.points.push_back(end_point(net, c, r.polished, m.lyo));
      }
      m.cells.push_back(std::move(c));
    }
  }
  return m;
}

// What the statements and the summary rest on, over every cell in order.
struct Tally {
  bool trace_ok = true, gd_ok = true, gd_trace_above = false;
  int sgd_points = 0, ms_unstable = 0, exhibits = 0;
  double z = kZ999;  // exhibit_critical
  double gd_worst_trace_ratio = 0, sgd_min_margin = INFINITY, sgd_max_bound = 0;
  const Cell* worst_cell = nullptr;  // the most mean-square-unstable exhibit (least eta*/eta)
  const EndPoint* worst = nullptr;
};
// An exhibit is any of the case's mean-square-unstable end points with Lambda < 0 resolved, so the refutation rests on
// the largest of that many one-sided z's: each is judged at the Bonferroni critical value of their count.
double exhibit_critical(const Stab4Measurement& m) {
  int n = 0;
  for (const Cell& c : m.cells)
    for (const EndPoint& e : c.points) n += !c.gd() && e.ms_unstable;
  return bonferroni_z999(std::max(1, n));
}

Tally tally(const Stab4Measurement& m) {
  Tally t;
  t.z = exhibit_critical(m);
  double worst_unstable = 1;
  for (const Cell& c : m.cells) {
    for (const EndPoint& e : c.points) {
      if (c.gd()) {
        t.gd_ok = t.gd_ok && gd_bound(c, e);
        t.gd_trace_above = t.gd_trace_above || e.tr > 2 / c.eta;
        t.gd_worst_trace_ratio = std::max(t.gd_worst_trace_ratio, c.eta * e.tr / 2);
        continue;
      }
      t.trace_ok = t.trace_ok && trace_bound(c, e);
      t.sgd_max_bound = std::max(t.sgd_max_bound, bound_ratio(c, e));
      t.sgd_min_margin = std::min(t.sgd_min_margin, e.eta_star / c.eta);
      ++t.sgd_points;
      t.ms_unstable += e.ms_unstable;
      t.exhibits += e.exhibit(t.z);
      if (e.exhibit(t.z) && e.eta_star / c.eta < worst_unstable) worst_unstable = e.eta_star / c.eta, t.worst_cell = &c, t.worst = &e;
    }
  }
  return t;
}

void judge(const Tally& t, Case& c) {
  c.state("every converged SGD end point obeys tr H <= 2B/eta (B = 1: Wu & Su)", kHolds, outcome_of(t.trace_ok, t.sgd_points > 0),
          fmt::format("{} end points; max eta tr H/(2B) = {:.5f}", t.sgd_points, t.sgd_max_bound));
  c.state("every GD end point has lambda_max <= 2/eta", kHolds, outcome_of(t.gd_ok));
  c.state("control: every GD end point obeys the trace bound tr H <= 2/eta", kRefuted, outcome_of(!t.gd_trace_above, t.gd_trace_above),
          fmt::format("max eta tr H / 2 = {:.5f}", t.gd_worst_trace_ratio));
  if (t.ms_unstable > 0) c.state(ms_stable_statement(t.ms_unstable, t.exhibits, t.sgd_min_margin, t.z));
}

// The table row of one cell: maxima over its converged end points.
std::vector<std::string> cell_row(const Cell& c) {
  double max_lam = 0, max_tr = 0, min_margin = INFINITY, max_bound = 0;
  bool ok = true;
  for (const EndPoint& e : c.points) {
    max_lam = std::max(max_lam, e.lam), max_tr = std::max(max_tr, e.tr);
    min_margin = std::min(min_margin, e.eta_star / c.eta);
    max_bound = std::max(max_bound, bound_ratio(c, e));
    ok = ok && (c.gd() ? gd_bound(c, e) : trace_bound(c, e));
  }
  const bool conv = c.converged > 0;
  auto f5 = [&](double x) { return conv ? fmt::format("{:.5f}", x) : std::string("–"); };
  return {c.opt->name, fmt::format("{:.5f}", c.eta), fmt::format("{} / {} / {}", c.converged, c.diverged, c.stuck), f5(max_lam),
          fmt::format("{:.5f}", 2 / c.eta), f5(max_tr), f5(min_margin), f5(max_bound), !conv ? "no end point" : ok ? "holds" : "FAILS"};
}

void present_tables(const Stab4Measurement& m, const RunContext& ctx, Case& c) {
  CaseTable t{"End points per optimizer and eta (converged / diverged / not converged in the step budget); maxima over "
              "the converged end points",
              {"optimizer", "eta", "runs", "max lambda_max", "2/eta", "max tr H", "min eta*/eta", "max eta tr H/(2 max(B,1))",
               "outcome"},
              {}};
  CaseTable tu{fmt::format("SGD end points that are NOT mean-square stable (eta > eta*): the exact log rho(T(eta)) > 0, and the "
                           "top Lyapunov exponent of the linearized SGD (solvers/stability/lyapunov.hpp: {} runs, burn-in {}, "
                           "window {}, seed {}); an exhibit needs Lambda + z se < 0, z = {:.3f} (99.9% family-wise over "
                           "the table's rows)",
                           m.lyo.run.samples, m.lyo.burn_in, m.lyo.window, ctx.seed, exhibit_critical(m)),
               {"optimizer", "eta", "eta*/eta", "eta tr H/(2B)", "log rho(T)", "Lambda ± se", "reading"},
               {}};
  for (const Cell& cell : m.cells) {
    for (const EndPoint& e : cell.points) {
      if (!e.ms_unstable) continue;
      tu.rows.push_back({cell.opt->name, fmt::format("{:.5f}", cell.eta), fmt::format("{:.5f}", e.eta_star / cell.eta),
                         fmt::format("{:.5f}", bound_ratio(cell, e)), fmt::format("{:.5f}", e.log_rho),
                         fmt::format("{:.6f} ± {:.6f}", e.lyapunov.lambda, e.lyapunov.stderr_),
                         e.exhibit(exhibit_critical(m)) ? "mean-square unstable, Lambda < 0: an exhibit" : "Lambda not resolved negative"});
    }
    t.rows.push_back(cell_row(cell));
  }
  c.tables.push_back(std::move(t));
  if (!tu.rows.empty()) c.tables.push_back(std::move(tu));
}

// The most unstable exhibit as a problem file (theta0 = the end point), and its record field.
void present_exhibit(const Tally& t, const ProblemSpec& spec, Case& c) {
  if (!t.worst) return;
  const Optimizer& opt = *t.worst_cell->opt;
  const EndPoint& e = *t.worst;
  const double eta = t.worst_cell->eta;
  ProblemSpec ps = spec;
  ps.name = fmt::format("{}-ms-unstable-end-point-{}-eta-{:.5f}", spec.name, opt.B == 1 ? "sgd-b1" : "sgd-b2", eta);
  ps.origin = fmt::format("STAB-4 end point of {} at eta = {:.17g}", opt.name, eta);
  ps.theta0.clear();
  for (int j = 0; j < e.theta.size(); ++j) ps.theta0.push_back(fmt::format("{:.17g}", e.theta(j)));
  c.extra["unstable_end_point"] = {{"optimizer", opt.name}, {"B", opt.B}, {"sampling", sampling_name(opt.sampling)}, {"eta", eta},
                                   {"eta_star", e.eta_star}, {"lambda", e.lyapunov.lambda}, {"lambda_stderr", e.lyapunov.stderr_}};
  c.stored_problems.push_back(
      {ps.to_json(),
       fmt::format("Exhibit kept (refutes \"every SGD end point is mean-square stable\"): the most mean-square-unstable end "
                   "point with a resolved negative Lyapunov exponent ({}, eta = {:.6g}, eta* = {:.6g}, Lambda = {:.6f} ± "
                   "{:.6f}), theta0 = the end point; STAB-6 locates eta_L there",
                   opt.name, eta, e.eta_star, e.lyapunov.lambda, e.lyapunov.stderr_),
       "STAB-6"});
}

// tr H and lambda_max of the end points against eta, one series per optimizer (nudged apart in eta), with 2/eta and
// the B = 2 bound 4/eta; the points also as a record field.
void present_figure(const Stab4Measurement& m, const ProblemSpec& spec, Case& c) {
  nlohmann::json points = nlohmann::json::array();
  FigurePanel tr, lam;
  tr.title = "tr H at the end points", lam.title = "lambda_max at the end points";
  tr.x = lam.x = figure_axis("eta", true);
  tr.y = figure_axis("tr H", true), lam.y = figure_axis("lambda_max", true);
  double lo = INFINITY, hi = 0;
  for (const Optimizer& opt : kOptimizers) {
    const int k = static_cast<int>(tr.series.size());  // the series' place among those drawn
    FigureSeries s{opt.name, {}, {}, {}, {}, Mark::points, false}, l = s;
    for (const Cell& cell : m.cells) {
      if (cell.opt != &opt) continue;
      for (const EndPoint& e : cell.points) {
        points.push_back({{"optimizer", cell.opt->name}, {"eta", cell.eta}, {"lambda_max", e.lam}, {"trace", e.tr},
                          {"eta_star", e.eta_star}, {"polish_distance", e.polish}});
        s.x.push_back(cell.eta * (1 + 0.015 * (k - 1))), s.y.push_back(e.tr), l.y.push_back(e.lam);
        lo = std::min(lo, cell.eta), hi = std::max(hi, cell.eta);
      }
    }
    l.x = s.x;
    if (!s.x.empty()) tr.series.push_back(std::move(s)), lam.series.push_back(std::move(l));
  }
  c.extra["selection"] = {{"points", points}, {"eta_top", m.eta_top}};
  if (points.empty()) return;
  tr.x.min = lam.x.min = lo / 1.25, tr.x.max = lam.x.max = hi * 1.25;
  for (double x = std::exp2(std::floor(std::log2(tr.x.min))); x <= tr.x.max; x *= 2)  // ticks at the powers of 2
    if (x >= tr.x.min) tr.x.ticks.push_back(x), lam.x.ticks.push_back(x);
  tr.curves = {{"2/eta", 2, -1, false}, {"4/eta (B = 2 bound)", 4, -1, true}};
  lam.curves = {{"2/eta", 2, -1, false}};
  c.figures.push_back({"STAB-4-selection-" + spec.name, fmt::format("STAB-4: {} (end points of {} runs)", spec.name, points.size()),
                       "sharpness of end points against eta", 2, {std::move(tr), std::move(lam)}});
}

void present(const Stab4Measurement& m, const Tally& t, const RunContext& ctx, const ProblemSpec& spec, Case& c) {
  present_tables(m, ctx, c);
  present_exhibit(t, spec, c);
  present_figure(m, spec, c);
  c.extra["mean_square_unstable_end_points"] = t.ms_unstable;
  c.extra["exhibits"] = t.exhibits;
  c.extra["gd_max_trace_ratio"] = t.gd_worst_trace_ratio;
  c.extra["sgd_min_stability_margin"] = t.sgd_min_margin;
  c.extra["sgd_end_points"] = t.sgd_points;
  c.headline("{:.0f} SGD end points: trace bound checked at all", t.sgd_points, Aggregate::sum);
  c.headline("{:.0f} mean-square unstable", t.ms_unstable, Aggregate::sum);
  c.headline("min eta*/eta = {:.4f}", t.sgd_min_margin, Aggregate::min);
  c.headline("{:.0f} with Lambda < 0 resolved", t.exhibits, Aggregate::sum);
  c.headline("GD max eta tr H/2 = {:.3f}", t.gd_worst_trace_ratio);
}

}  // namespace stab4_detail

Statement ms_stable_statement(int unstable, int exhibits, double min_margin, double z) {
  return {kStabMsStatement, kRefuted, exhibits > 0 ? kRefuted : unstable > 0 ? kUnresolved : kHolds,
          fmt::format("{} converged end points mean-square unstable (min eta*/eta = {:.5f}); {} with Lambda < 0 resolved "
                      "(Lambda + {:.3f} se < 0: 99.9% over the {})",
                      unstable, min_margin, exhibits, z, unstable),
          std::nullopt};
}

Case stab_selection_case(const RunContext& ctx, const ProblemSpec& spec) {
  using namespace stab4_detail;
  const MinimumSetup<double> st(ctx, spec);
  const auto* dn = dynamic_cast<const DiagNet<double>*>(&st.model());
  if (!dn) throw ProblemError(spec.origin + ": STAB-4 is stated for diagonal networks");
  Case c = st.start("selection of minima by GD and SGD");
  // Ladder: eta_top = 2/lambda_max at the minimum Gauss-Newton finds from theta0, then 2^(-1/2) steps.
  const double eta_top = 2 / st.inst.lambda_max();
  c.solver = fmt::format("{} starts (Philox seed {}), eta_k = {:.4g} 2^(-k/2), k < {}, at most {} steps; converged when the "
                         "distance to the minima is <= {:.0e} at {} consecutive epochs; end points polished by Gauss-Newton",
                         ctx.samples, ctx.seed, eta_top, ctx.levels, kStabMaxSteps, kStabConvergedDistance, kStabConvergedWindow);
  const Stab4Measurement m = measure(ctx, *dn, eta_top);
  const Tally t = tally(m);
  judge(t, c);
  present(m, t, ctx, spec, c);
  return st.finish(std::move(c));
}
namespace stab4 {  // the claim's registration

std::string stab4_not_applicable(const ProblemSpec& s) {
  const std::string why = requires_model(s, {"diag-uv", "diag-uu-vv", "two-param"});
  return why.empty() ? interpolation_not_applicable(s) : why;
}

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "STAB-4";
  c.title = "Selection: SGD ends at trace-bounded minima, GD only at lambda_max-bounded ones";
  c.paper = "Wu, Ma & E, NeurIPS 2018; Wu & Su, ICML 2023";
  c.statement = "Holds: trained to convergence on diagonal networks, SGD ends at minima with tr H <= 2B/eta (B = 1: 2/eta); GD at "
      "the same eta ends with lambda_max <= 2/eta and can have tr H > 2/eta. Refuted: every SGD end point is "
      "mean-square stable (eta <= eta*) -- SGD can converge to mean-square unstable minima where the Lyapunov exponent "
      "is negative (Mulayoff & Michaeli, Sec. 5; Ziyin et al. 2023; Chemnitz & Engel 2025; STAB-6).";
  c.verdict_rule = fmt::format("On diag-uv and diag-uu-vv (double): {} random starts, GD, SGD B = 1 with replacement and SGD B = 2 "
      "without, eta_k = (2/lambda_max at the Gauss-Newton minimum from theta0) 2^(-k/2), k < {}, at most {} "
      "steps, converged when the distance to the minima stays <= {:.0e} for {} epochs; every converged SGD "
      "end point has tr H <= 2B/eta(1 + 64 n eps); every GD end point lambda_max <= 2/eta. The refuted "
      "statement needs an exhibit: an end point with eta > eta* and Lambda < 0 at 99.9% family-wise (Bonferroni over "
      "the case's mean-square-unstable end points).",
      kStabStarts, kStabEtaLevels, kStabMaxSteps, kStabConvergedDistance, kStabConvergedWindow);
  c.negative_control = "The trace bound applied to GD (tr H <= 2/eta at GD's end points) must fail at some end point.";
  c.precision = "double";
  c.seed = kStabSelectionSeed;
  c.samples = kStabStarts;
  c.samples_are = "random starts per method and eta";
  c.levels = kStabEtaLevels;
  c.not_applicable = stab4_not_applicable;
  c.problems = [] { return std::vector<ProblemSpec>{minimum_problems()[1], minimum_problems()[2]}; };
  c.eigen_size = EigenSize::Examples;
  c.refuted_somewhere = {kStabMsStatement};
  c.summary_expected = "SGD: eta tr H/(2B) ≤ 1; GD: lambda_max ≤ 2/eta and some eta tr H/2 > 1; some SGD end point "
                       "mean-square unstable with Lambda < 0 (refuted)";
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    if (!std::is_same_v<typename decltype(tag)::type, double>)
      throw ProblemError("STAB-4 trains many runs and runs in double only (--precision double)");
    return stab_selection_case(ctx, s);
  });
  return c;
}());

}  // namespace stab4

}  // namespace irverify
