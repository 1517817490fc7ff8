#include "checks/stab/stab4_selection.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/stability/linear_growth.hpp"
#include "solvers/stability/lyapunov.hpp"
#include "solvers/stability/return_fraction.hpp"
#include "solvers/stability/sgd_threshold.hpp"
#include "theory/random/counter_stream.hpp"

#include <cmath>

namespace irverify {

inline constexpr std::uint32_t kStabStartDomain = 6;  // starting points
inline constexpr std::uint32_t kStabBatchDomain = 7;  // batches

namespace {

struct Optimizer {
  std::string name;
  int B;  // 0: GD (full batch)
  BatchSampling sampling;
};
const std::vector<Optimizer> kOptimizers = {{"GD", 0, BatchSampling::WithoutReplacement},
                                            {"SGD B=1", 1, BatchSampling::WithReplacement},
                                            {"SGD B=2 w/o repl.", 2, BatchSampling::WithoutReplacement}};

// Diagonal network in double with a direct gradient: beta = u.v (uv) or u^2 - v^2 (uu-vv),
// grad_u = q (.) dbeta/du, grad_v = q (.) dbeta/dv, q = (1/|b|) X_b'(X_b beta - y_b).
struct FastDiag {
  const Mat<double>& X;
  const Vec<double>& y;
  bool uv;
  int p;
  Vec<double> beta(const Vec<double>& th) const {
    const auto u = th.head(p), v = th.tail(p);
    return uv ? Vec<double>(u.cwiseProduct(v)) : Vec<double>(u.cwiseProduct(u) - v.cwiseProduct(v));
  }
  double loss(const Vec<double>& th) const { return (X * beta(th) - y).squaredNorm() / (2.0 * X.rows()); }
  void step(Vec<double>& th, const std::vector<int>& b, double eta, Vec<double>& q) const {
    const Vec<double> be = beta(th);
    q.setZero();
    for (int i : b) q += (X.row(i).dot(be) - y(i)) * X.row(i).transpose();
    q /= static_cast<double>(b.size());
    const Vec<double> u = th.head(p), v = th.tail(p);
    if (uv) {
      th.head(p) -= eta * q.cwiseProduct(v);
      th.tail(p) -= eta * q.cwiseProduct(u);
    } else {
      th.head(p) -= 2 * eta * q.cwiseProduct(u);
      th.tail(p) += 2 * eta * q.cwiseProduct(v);
    }
  }
};

enum class RunEnd { Converged, Diverged, NotConverged };

}  // namespace

Statement ms_stable_statement(int unstable, int exhibits, double min_margin) {
  return {kStabMsStatement, kRefuted, exhibits > 0 ? kRefuted : unstable > 0 ? kUnresolved : kHolds,
          fmt::format("{} converged end points mean-square unstable (min eta*/eta = {:.5f}); {} with Lambda < 0 resolved",
                      unstable, min_margin, exhibits)};
}

Case stab_selection_case(const RunContext& ctx, const ProblemSpec& spec) {
  const int starts = static_cast<int>(ctx.samples), levels = ctx.levels;
  const MinimumSetup<double> st(ctx, spec);
  const auto* dn = dynamic_cast<const DiagNet<double>*>(&st.model());
  if (!dn) throw ProblemError(spec.origin + ": STAB-4 is stated for diagonal networks");
  Case c = st.start("selection of minima by GD and SGD");
  const int N = dn->num_examples(), p = dn->features();
  const FastDiag net{dn->X(), dn->y(), dn->diag_kind() != DiagKind::UUVV, p};
  // Ladder: eta_top = 2/lambda_max at the minimum Gauss-Newton finds from theta0, then 2^(-1/2) steps.
  const double eta_top = 2 / st.inst.lambda_max();
  c.solver = fmt::format("{} starts (Philox seed {}), eta_k = {:.4g} 2^(-k/2), k < {}, at most {} steps; converged when the "
                         "distance to the minima is <= {:.0e} at {} consecutive epochs; end points polished by Gauss-Newton",
                         starts, ctx.seed, eta_top, levels, kStabMaxSteps, kStabConvergedDistance, kStabConvergedWindow);
  CaseTable t{"End points per optimizer and eta (converged / diverged / not converged in the step budget); maxima over "
              "the converged end points",
              {"optimizer", "eta", "runs", "max lambda_max", "2/eta", "max tr H", "min eta*/eta", "max eta tr H/(2 max(B,1))",
               "outcome"},
              {}};
  LyapunovOptions lyo{ctx.control(), kStabLyapunovBurnIn, kStabLyapunovWindow};
  lyo.run.samples = kStabLyapunovRuns;
  CaseTable tu{fmt::format("SGD end points that are NOT mean-square stable (eta > eta*): the exact log rho(T(eta)) > 0, and the "
                           "top Lyapunov exponent of the linearized SGD (solvers/stability/lyapunov.hpp: {} runs, burn-in {}, "
                           "window {}, seed {}); an exhibit needs Lambda < 0 at 99.9%",
                           lyo.run.samples, lyo.burn_in, lyo.window, ctx.seed),
               {"optimizer", "eta", "eta*/eta", "eta tr H/(2B)", "log rho(T)", "Lambda ± se", "reading"},
               {}};
  nlohmann::json points = nlohmann::json::array();
  bool trace_ok = true, gd_ok = true, gd_trace_above = false;
  int sgd_points = 0, ms_unstable = 0, exhibits = 0;
  double worst_unstable = 1;
  double gd_worst_trace_ratio = 0, sgd_min_margin = INFINITY, sgd_max_bound = 0;
  for (const Optimizer& opt : kOptimizers) {
    for (int k = 0; k < levels; ++k) {
      const double eta = eta_top * std::pow(2.0, -0.5 * k);
      int conv = 0, div = 0, stuck = 0;
      double max_lam = 0, max_tr = 0, min_margin = INFINITY, max_bound = 0;
      bool ok = true;
      for (int s = 0; s < starts; ++s) {
        CounterStream init(ctx.seed, static_cast<std::uint32_t>(s), kStabStartDomain);
        Vec<double> th(2 * p);
        for (int j = 0; j < 2 * p; ++j) th(j) = 2 * init.uniform() - 1;
        CounterStream rng(ctx.seed, static_cast<std::uint32_t>(s * 64 + k), kStabBatchDomain);
        std::vector<int> all(N), batch(std::max(opt.B, 1)), perm(N);
        std::iota(all.begin(), all.end(), 0);
        Vec<double> q(p);
        RunEnd end = RunEnd::NotConverged;
        auto step = [&](Vec<double>& x) {
          if (opt.B == 0) return net.step(x, all, eta, q);
          draw_batch(rng, N, opt.sampling, perm, batch);
          net.step(x, batch, eta, q);
        };
        // After steps 1, N + 1, 2N + 1, ...: divergence, or kStabConvergedWindow checks in a row at distance <=
        // kStabConvergedDistance from the minima (|J^+ r|, solvers/stability/return_fraction.hpp; far above rounding:
        // updates there are ~1e-8, never below one ulp of theta).
        int near = 0;
        iterate_until(step, th, kStabMaxSteps, [&](long k, const Vec<double>& x) {
          if ((k - 1) % N != 0) return false;
          if (!(net.loss(x) < 1e8)) {
            end = RunEnd::Diverged;
            return true;
          }
          near = distance_to_minima(st.model(), x) <= kStabConvergedDistance ? near + 1 : 0;
          if (near == kStabConvergedWindow) end = RunEnd::Converged;
          return end == RunEnd::Converged;
        });
        if (end == RunEnd::Diverged) ++div;
        if (end == RunEnd::NotConverged) ++stuck;
        if (end != RunEnd::Converged) continue;
        const InterpolationResult<double> pol = gauss_newton_minimum<double>(st.model(), th, minimum_residual_tolerance<double>(st.model()));
        const StabilityInstance<double> in = stability_instance<double>(output_jacobian<double>(st.model(), pol.theta));
        const double lam = in.lambda_max(), tr = in.trace();
        const int Bq = std::max(opt.B, 1);
        const double eta_star = opt.B == 0 ? 2 / lam : eta_star_structured<double>(in, opt.B, opt.sampling);
        const double tol = eta_star_tolerance(in);
        ++conv;
        max_lam = std::max(max_lam, lam), max_tr = std::max(max_tr, tr);
        min_margin = std::min(min_margin, eta_star / eta);
        max_bound = std::max(max_bound, eta * tr / (2 * Bq));
        if (opt.B == 0) {
          ok = ok && lam <= (2 / eta) * (1 + tol);
          gd_ok = gd_ok && lam <= (2 / eta) * (1 + tol);
          gd_trace_above = gd_trace_above || tr > 2 / eta;
          gd_worst_trace_ratio = std::max(gd_worst_trace_ratio, eta * tr / 2);
        } else {
          const bool tr_ok = tr <= (2 * Bq / eta) * (1 + tol), ms_ok = eta <= eta_star * (1 + tol);
          ok = ok && tr_ok;
          trace_ok = trace_ok && tr_ok;
          sgd_max_bound = std::max(sgd_max_bound, eta * tr / (2 * Bq));
          sgd_min_margin = std::min(sgd_min_margin, eta_star / eta);
          ++sgd_points;
          if (!ms_ok) {
            ++ms_unstable;
            const StabilityOperators<double> ops(in);
            const double lr = std::log(t_spectrum<double>(ops, batch_coefficients<double>(N, opt.B, opt.sampling), eta, false).rho);
            const LyapunovEstimate g = lyapunov_exponent(in, opt.B, opt.sampling, eta, lyo);
            const bool as_stable = g.lambda + kZ999 * g.stderr_ < 0;
            exhibits += as_stable;
            if (as_stable && eta_star / eta < worst_unstable) {  // the most unstable resolved end point, as a problem file
              worst_unstable = eta_star / eta;
              ProblemSpec ps = spec;
              ps.name = fmt::format("{}-ms-unstable-end-point-{}-eta-{:.5f}", spec.name, opt.B == 1 ? "sgd-b1" : "sgd-b2", eta);
              ps.origin = fmt::format("STAB-4 end point of {} at eta = {:.17g}", opt.name, eta);
              ps.theta0.clear();
              for (int j = 0; j < pol.theta.size(); ++j) ps.theta0.push_back(fmt::format("{:.17g}", pol.theta(j)));
              c.extra["unstable_end_point"] = {{"optimizer", opt.name}, {"B", opt.B},
                                               {"sampling", sampling_name(opt.sampling)}, {"eta", eta}, {"eta_star", eta_star},
                                               {"lambda", g.lambda}, {"lambda_stderr", g.stderr_}};
              c.stored_problems.assign(
                  1, {ps.to_json(),
                      fmt::format("Exhibit kept (refutes \"every SGD end point is mean-square stable\"): the most mean-square-"
                                  "unstable end point with a resolved negative Lyapunov exponent ({}, eta = {:.6g}, eta* = "
                                  "{:.6g}, Lambda = {:.6f} ± {:.6f}), theta0 = the end point; STAB-6 locates eta_L there",
                                  opt.name, eta, eta_star, g.lambda, g.stderr_),
                      "STAB-6"});
            }
            tu.rows.push_back({opt.name, fmt::format("{:.5f}", eta), fmt::format("{:.5f}", eta_star / eta),
                               fmt::format("{:.5f}", eta * tr / (2 * Bq)), fmt::format("{:.5f}", lr),
                               fmt::format("{:.6f} ± {:.6f}", g.lambda, g.stderr_),
                               as_stable ? "mean-square unstable, Lambda < 0: an exhibit" : "Lambda not resolved negative"});
          }
        }
        points.push_back({{"optimizer", opt.name}, {"eta", eta}, {"lambda_max", lam}, {"trace", tr}, {"eta_star", eta_star},
                          {"polish_distance", pol.moved}});
      }
      t.rows.push_back({opt.name, fmt::format("{:.5f}", eta), fmt::format("{} / {} / {}", conv, div, stuck),
                        conv ? fmt::format("{:.5f}", max_lam) : "–", fmt::format("{:.5f}", 2 / eta),
                        conv ? fmt::format("{:.5f}", max_tr) : "–", conv ? fmt::format("{:.5f}", min_margin) : "–",
                        conv ? fmt::format("{:.5f}", max_bound) : "–", !conv ? "no end point" : ok ? "holds" : "FAILS"});
    }
  }
  c.tables.push_back(std::move(t));
  if (!tu.rows.empty()) c.tables.push_back(std::move(tu));
  c.state("every converged SGD end point obeys tr H <= 2B/eta (B = 1: Wu & Su)", kHolds, outcome_of(trace_ok, sgd_points > 0),
          fmt::format("{} end points; max eta tr H/(2B) = {:.5f}", sgd_points, sgd_max_bound));
  c.state("every GD end point has lambda_max <= 2/eta", kHolds, outcome_of(gd_ok));
  c.state("control: every GD end point obeys the trace bound tr H <= 2/eta", kRefuted, outcome_of(!gd_trace_above, gd_trace_above),
          fmt::format("max eta tr H / 2 = {:.5f}", gd_worst_trace_ratio));
  if (ms_unstable > 0) c.state(ms_stable_statement(ms_unstable, exhibits, sgd_min_margin));
  c.extra["mean_square_unstable_end_points"] = ms_unstable;
  c.extra["exhibits"] = exhibits;
  c.extra["selection"] = {{"points", points}, {"eta_top", eta_top}};
  c.extra["gd_max_trace_ratio"] = gd_worst_trace_ratio;
  c.extra["sgd_min_stability_margin"] = sgd_min_margin;
  c.extra["sgd_end_points"] = sgd_points;
  c.headline("{:.0f} SGD end points: trace bound checked at all", sgd_points, Aggregate::sum);
  c.headline("{:.0f} mean-square unstable", ms_unstable, Aggregate::sum);
  c.headline("min eta*/eta = {:.4f}", sgd_min_margin, Aggregate::min);
  c.headline("{:.0f} with Lambda < 0 resolved", exhibits, Aggregate::sum);
  c.headline("GD max eta tr H/2 = {:.3f}", gd_worst_trace_ratio);
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
      "statement needs an exhibit: an end point with eta > eta* and Lambda < 0 at 99.9%.",
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
