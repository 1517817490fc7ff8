#include "checks/rank/rank2_rank_bound.hpp"

#include "checks/rank/rank_setup.hpp"
#include "theory/problem/generator.hpp"

#include <algorithm>
#include <cmath>

namespace irverify {

std::vector<ProblemSpec> rank2_problems() {
  std::vector<ProblemSpec> v;
  for (const auto& [model, seed] : {std::pair<const char*, std::uint64_t>{"linear2", 21}, {"relu2", 22}})
    v.push_back(scaled_matrix_problem(generate_problem(model, seed, {64, 32, 32, 32}), 2, 2, 3));
  v.push_back(scaled_matrix_problem(generate_problem("linear2", 23, {64, 32, 8, 32}), 2, 2, 3));  // a narrow hidden layer
  return v;
}

namespace rank2 {
namespace {

// One run's trace, an observer of weight_decay_runs: |W_t|_F and |G_t|_F per layer, t = 0 .. T (scaled sums: no
// underflow), and the singular values of W_t at the checkpoints.
template <class S> struct RunTrace {
  const MatrixNet<S>* m;
  const std::vector<long>* checkpoints;
  std::size_t next = 0;
  std::vector<S> wnorm[2], gnorm[2];
  std::vector<Vec<S>> sv[2];
  void operator()(long t, const Vec<S>& x, const WeightDecayStep<S>& step) {
    for (int l = 0; l < 2 && t > 0; ++l) gnorm[l].push_back(S(layer_matrix(*m, step.gradient(), l + 1).stableNorm()));
    for (int l = 0; l < 2; ++l) wnorm[l].push_back(S(layer_matrix(*m, x, l + 1).stableNorm()));
    if (next < checkpoints->size() && (*checkpoints)[next] == t) {
      for (int l = 0; l < 2; ++l) sv[l].push_back(layer_singular_values<S>(*m, x, l + 1));
      ++next;
    }
  }
};

const std::vector<double> kEpsilons = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};

// A grid point in S.
template <class S> struct GridPoint {
  int B;
  std::string mu_t, lam_t;
  S mu, lam, cdec;  // cdec = 1 - 2 mu lambda
  double two_ml;
  int dims[2];  // min of each layer's dimensions
};
template <class S> GridPoint<S> grid_point(const MatrixNet<S>& m, int B, const std::string& mu_t, const std::string& lam_t) {
  const S mu = parse_scalar<S>(mu_t), lam = parse_scalar<S>(lam_t), cdec = S(1) - 2 * mu * lam;
  return {B, mu_t, lam_t, mu, lam, cdec, to_double(S(2 * mu * lam)),
          {std::min(m.hidden(), m.features()), std::min(m.outputs(), m.hidden())}};
}

// The derived bound at (run, t, layer) for every n with (n - 1) B below the layer's dimension, and its control with
// n (B - 1); the tolerance: 4 (n + 2) eps per term of the unrolling, 4 d eps |W_t| for the SVD.
template <class S>
void check_derived(const RunTrace<S>& tr, int l, long t, const Vec<S>& sv, const GridPoint<S>& g, const std::string& at, Rank2Point& p) {
  const S Wt = tr.wnorm[l][t];
  S cn(1), gsum(0);
  for (long n = 1; n <= t && (n - 1) * g.B < g.dims[l]; ++n) {
    gsum += g.mu * cn * tr.gnorm[l][t - n];
    cn *= g.cdec;
    const S bound = cn * tr.wnorm[l][t - n];
    const S tol = tol::ulps<S>(static_cast<int>(4 * (n + 2))) * (bound + gsum) + tol::ulps<S>(4 * g.dims[l]) * Wt;
    const S tail = tail_norm<S>(sv, std::min<Eigen::Index>(sv.size(), n * g.B));
    p.derived.add(tail > bound + tol, bound > 0 ? to_double(S(tail / bound)) : 0.0, at + fmt::format(", n = {}", n));
    const S tail_c = tail_norm<S>(sv, std::min<Eigen::Index>(sv.size(), n * (g.B - 1)));
    p.control.add(tail_c > bound + tol, 0.0, at);
  }
}

// The hypothesis form (where rho = |W_(t-n_e)| / |W_t| <= 2) and the paper's form (where not vacuous) at (run, t,
// layer) for every epsilon.
template <class S>
void check_epsilons(const RunTrace<S>& tr, int l, long t, bool last, const Vec<S>& sv, const GridPoint<S>& g, const std::string& at,
                    Rank2Point& p, Rank2Counterexample& cx) {
  const S Wt = tr.wnorm[l][t];
  for (double ep : kEpsilons) {
    const S eS(ep);
    const int r = epsilon_rank<S>(sv, eS), r_spec = numerical_rank<S>(sv, eS);
    if (l == 0 && last && ep == 1e-2) p.rank_sum += r;
    const double ln = std::log(2 / ep) / g.two_ml;
    const long ne = static_cast<long>(std::ceil(ln));
    if (ne <= t) {
      const double rho = to_double(S(tr.wnorm[l][t - ne] / Wt));
      if (rho <= 2) p.hypothesis.add(r > ne * g.B, double(r) / double(ne * g.B), at);
    }
    const double pb = g.B * ln;
    if (pb >= g.dims[l]) {
      ++p.vacuous;
      continue;
    }
    const std::string where = at + fmt::format(", e = {:g}: r_e = {} > {:.3f}", ep, r, pb);
    p.paper.add(r > pb, r / pb, where);
    p.paper_spectral.add(r_spec > pb, r_spec / pb, where);
    if (r > pb && ne <= t) {
      ++p.late_violations;
      p.rho_at_violations = std::max(p.rho_at_violations, to_double(S(tr.wnorm[l][t - ne] / Wt)));
    }
    if (r > pb && (!cx.found || (ne <= t && !cx.late))) cx = {true, ne <= t, where, g.B, g.mu_t, g.lam_t};
  }
}

// Every checkpoint and layer of one run.
template <class S>
void check_run(const RunTrace<S>& tr, std::size_t run, const std::vector<long>& checkpoints, const GridPoint<S>& g, Rank2Point& p,
               Rank2Counterexample& cx) {
  for (std::size_t ci = 0; ci < checkpoints.size(); ++ci) {
    const long t = checkpoints[ci];
    for (int l = 0; l < 2; ++l) {
      const std::string at = fmt::format("B = {}, mu = {}, lambda = {}, run {}, t = {}, W{}", g.B, g.mu_t, g.lam_t, run, t, l + 1);
      check_derived(tr, l, t, tr.sv[l][ci], g, at, p);
      check_epsilons(tr, l, t, ci + 1 == checkpoints.size(), tr.sv[l][ci], g, at, p, cx);
    }
  }
}

// One grid point: grid.runs runs under `seed`, checked in run order.
template <class S>
Rank2Point measure_point(const RunContext& ctx, const MatrixNet<S>& m, const Vec<S>& theta0, const Rank2Grid& grid, const GridPoint<S>& g,
                         std::uint64_t seed, Rank2Counterexample& cx) {
  const long T = grid.checkpoints.back();
  ctx.heartbeat(fmt::format("B = {}, mu = {}, lambda = {}: {} runs x {} steps", g.B, g.mu_t, g.lam_t, grid.runs, T));
  const WeightDecay<S> wd{g.mu, g.lam, g.B, BatchSampling::WithoutReplacement};
  const std::vector<RunTrace<S>> traces = weight_decay_runs<S>(m, wd, theta0, T, seed, {ctx.control(grid.runs), 1},
                                                               [&] { return RunTrace<S>{&m, &grid.checkpoints, 0, {}, {}, {}}; });
  Rank2Point p;
  p.B = g.B, p.mu = g.mu_t, p.lambda = g.lam_t, p.two_mu_lambda = g.two_ml;
  for (std::size_t run = 0; run < traces.size(); ++run) check_run(traces[run], run, grid.checkpoints, g, p, cx);
  p.mean_rank_W1 = p.rank_sum / double(traces.size());
  return p;
}

// The grid points in order (B, then mu, then lambda; B > N skipped), point k under sub_seed(seed, "RANK-2 grid point", k).
template <class S> Rank2Measurement measure(const RunContext& ctx, const MatrixNet<S>& m, const Vec<S>& theta0, const Rank2Grid& grid) {
  Rank2Measurement r;
  std::uint64_t point = 0;
  for (int B : grid.batches)
    for (const std::string& mu_t : grid.mus)
      for (const std::string& lam_t : grid.lambdas) {
        if (B > m.num_examples()) continue;
        const std::uint64_t seed = sub_seed(ctx.seed, "RANK-2 grid point", point++);
        r.points.push_back(measure_point<S>(ctx, m, theta0, grid, grid_point<S>(m, B, mu_t, lam_t), seed, r.cx));
        const Rank2Point& p = r.points.back();
        r.derived.merge(p.derived), r.hypothesis.merge(p.hypothesis), r.paper.merge(p.paper);
        r.paper_spectral.merge(p.paper_spectral), r.control.merge(p.control);
        r.vacuous += p.vacuous, r.late_violations += p.late_violations;
      }
  return r;
}

void judge(const Rank2Measurement& r, Case& c) {
  c.state("derived: dist_F(W_t, rank <= n B) <= (1 - 2 mu lambda)^n |W_(t-n)|_F for every n, t, run and layer", kHolds,
          outcome_of(r.derived.violations == 0),
          fmt::format("{} checks, worst tail/bound {:.4f} ({})", r.derived.checks, r.derived.worst, r.derived.where));
  // Stated where the hypothesis holds somewhere (on a collapsing instance, rho > 2 at every checkpoint: nothing to check).
  if (r.hypothesis.checks > 0)
    c.state("with the hypothesis |W_(t-n_e)| <= 2 |W_t|: r_e(W_t) <= n_e B, n_e = ceil(log(2/e)/(2 mu lambda))", kHolds,
            outcome_of(r.hypothesis.violations == 0),
            fmt::format("{} checks, worst r_e/(n_e B) {:.3f}", r.hypothesis.checks, r.hypothesis.worst));
  c.state("control: dist_F(W_t, rank <= n (B - 1)) <= (1 - 2 mu lambda)^n |W_(t-n)|_F (one term per step too few)", kRefuted,
          outcome_of(r.control.violations == 0), fmt::format("{} of {} checks violated", r.control.violations, r.control.checks));
  if (r.paper.violations > 0)
    c.state(kRank2PaperForm, kRefuted, kRefuted,
            fmt::format("{} of {} non-vacuous checks violated (spectral: {}; {} at t >= n_e, where the unrolling reaches back n_e "
                        "steps), worst r_e/bound {:.3f}; stored: {}",
                        r.paper.violations, r.paper.checks, r.paper_spectral.violations, r.late_violations, r.paper.worst, r.cx.where));
}

CaseTable grid_table(const Rank2Measurement& r) {
  CaseTable tg{"Per grid point (both layers, all runs, checkpoints and epsilon): the derived bound's worst tail/bound; the "
               "hypothesis form (checks where rho <= 2, violations); the paper's form where it is not vacuous (B log(2/e)/(2 mu "
               "lambda) < min dims): worst r_e / bound and violations (Frobenius; spectral in brackets), with the largest rho "
               "among them; mean epsilon-rank of W1 at the last checkpoint (e = 1e-2)",
               {"B", "mu", "lambda", "2 mu lambda", "derived worst", "hypothesis checks / violations", "paper checks",
                "paper worst ratio", "paper violations", "largest rho at violations with t >= n_e", "r_e(W1), e = 1e-2"},
               {}};
  for (const Rank2Point& p : r.points) {
    const bool paper = p.paper.checks > 0;
    tg.rows.push_back({std::to_string(p.B), p.mu, p.lambda, fmt::format("{:.6g}", p.two_mu_lambda), fmt::format("{:.4f}", p.derived.worst),
                       fmt::format("{} / {}", p.hypothesis.checks, p.hypothesis.violations), std::to_string(p.paper.checks),
                       paper ? fmt::format("{:.3f} [{:.3f}]", p.paper.worst, p.paper_spectral.worst) : "-",
                       paper ? fmt::format("{} [{}], {} at t >= n_e", p.paper.violations, p.paper_spectral.violations, p.late_violations) : "-",
                       p.late_violations ? fmt::format("{:.3g}", p.rho_at_violations) : "-", fmt::format("{:.2f}", p.mean_rank_W1)});
  }
  return tg;
}

// The table, the record fields, the headline, and the counterexample as a problem file.
void present(const Rank2Measurement& r, const ProblemSpec& spec, Case& c) {
  c.tables.push_back(grid_table(r));
  nlohmann::json points = nlohmann::json::array();
  for (const Rank2Point& p : r.points)
    points.push_back({{"B", p.B}, {"mu", p.mu}, {"lambda", p.lambda}, {"derived_worst", p.derived.worst}, {"paper_worst", p.paper.worst},
                      {"paper_violations", p.paper.violations}, {"paper_checks", p.paper.checks}, {"mean_rank_W1", p.mean_rank_W1}});
  c.extra["grid"] = points;
  c.extra["derived_worst_ratio"] = r.derived.worst;
  c.extra["paper_worst_ratio"] = r.paper.worst;
  c.extra["paper_worst_ratio_spectral"] = r.paper_spectral.worst;
  c.extra["paper_violations"] = r.paper.violations;
  c.extra["paper_checks"] = r.paper.checks;
  c.extra["paper_violations_late"] = r.late_violations;
  c.extra["hypothesis_checks"] = r.hypothesis.checks;
  c.extra["paper_vacuous_checks"] = r.vacuous;
  c.headline_item(fmt::format("derived worst {:.3f}, paper worst {:.3f} ({} of {} violated)", r.derived.worst, r.paper.worst,
                              r.paper.violations, r.paper.checks));
  if (r.paper.violations == 0) return;
  ProblemSpec cx = spec;
  cx.batch = r.cx.B;
  cx.replacement = false;
  cx.h0 = r.cx.mu;
  cx.weight_decay = r.cx.lambda;
  cx.name = spec.name + "-rank2-counterexample";
  c.stored_problems.push_back({cx.to_json(), "Rank2Counterexample stored as a problem file", "RANK-2"});
}

// The grid with the problem's batch, h0 or weight_decay in place of that axis, and the run's Monte Carlo size.
Rank2Grid resolved(const RunContext& ctx, const ProblemSpec& spec, Rank2Grid grid) {
  if (grid.runs == 0) grid.runs = ctx.samples;
  if (spec.batch > 0) grid.batches = {spec.batch};
  if (!spec.h0.empty()) grid.mus = {spec.h0};
  if (!spec.weight_decay.empty()) grid.lambdas = {spec.weight_decay};
  return grid;
}

}  // namespace
}  // namespace rank2

template <class S>
Case rank_bound_case_in(const RunContext& ctx, const ProblemSpec& spec, const Rank2Grid& grid_in, Rank2Measurement* measured) {
  const auto t0 = std::chrono::steady_clock::now();
  const Problem<S> pr = build_problem<S>(spec);
  const MatrixNet<S>& m = matrix_net(*pr.model);
  const Rank2Grid grid = rank2::resolved(ctx, spec, grid_in);
  Case c = new_case<S>(ctx, spec, m, "rank bound over a grid");
  c.solver = fmt::format("SGD with weight decay in {}, {} runs per grid point (point k under sub_seed({}, \"RANK-2 grid point\", k)), checkpoints t = {}, "
                         "epsilon = 1e-1 .. 1e-6", scalar_name<S>(), grid.runs, ctx.seed, fmt::join(grid.checkpoints, ", "));
  const Rank2Measurement r = rank2::measure<S>(ctx, m, pr.theta0, grid);
  rank2::judge(r, c);
  rank2::present(r, spec, c);
  if (measured) *measured = r;
  return finish_case(std::move(c), 0, t0);
}

Case rank_bound_case(const RunContext& ctx, const ProblemSpec& spec, const Rank2Grid& grid, Rank2Measurement* measured) {
  return rank_bound_case_in<double>(ctx, spec, grid, measured);
}

#define IRVERIFY_INST(S) \
  template Case rank_bound_case_in<S>(const RunContext&, const ProblemSpec&, const Rank2Grid&, Rank2Measurement*);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace rank2 {

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "RANK-2";
  c.title = "The low-rank bound of SGD with weight decay, as a proof check";
  c.paper = "Galanti, Siegel, Gupte & Poggio, SGD and Weight Decay Secretly Minimize the Rank, arXiv 2206.05794 (Thm. 1: W_T/|W_T| "
      "is within epsilon of rank <= B log(2/epsilon)/(2 mu lambda))";
  c.statement = "From the unrolling, dist(W_t, rank <= n B) <= (1 - 2 mu lambda)^n |W_(t-n)|; with |W_(t-n)| <= 2 |W_t| at n = "
      "ceil(log(2/e)/(2 mu lambda)) this gives rank_e(W_t/|W_t|) <= B ceil(log(2/e)/(2 mu lambda)); the paper states "
      "rank_e <= B log(2/e)/(2 mu lambda).";
  c.verdict_rule = "Over a grid of (B, mu, lambda), seeds (16) and checkpoints t = 4 .. 1024 on linear2 and relu2 (N = 64, p = h = q = "
      "32) and linear2 with h = 8: "
      "the derived bound holds at every n within its rounding tolerance 4 (n + 2) eps (bound + mu sum c^(j-1) |G|) + 4 d "
      "eps |W_t|, and the hypothesis form wherever rho <= 2; the paper's form is measured where it is not vacuous and "
      "its violations stored.";
  c.negative_control = "The derived bound with n (B - 1) in place of n B must be refuted. The paper's form without its hypothesis is "
      "expected refuted on some instance (where |W_t| still falls fast: under strong decay the layers collapse towards "
      "0 and |W_(t-n_e)| > 2 |W_t|): its first violation is stored as a problem file.";
  c.precision = "double";
  c.seed = kRank2Seed;
  c.samples = kRank2Runs;
  c.samples_are = "runs per grid point";
  c.not_applicable = [](const ProblemSpec& s) { return rank_not_applicable(s); };
  c.problems = rank2_problems;
  c.eigen_size = EigenSize::None;
  c.forms_hessian = false;  // SGD on the weight matrices and their SVDs
  c.steps_on_batch = true;
  c.refuted_somewhere = {kRank2PaperForm};
  c.summary_expected = "derived bound everywhere; the paper's form without its hypothesis refuted somewhere";
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return rank_bound_case_in<typename decltype(tag)::type>(ctx, s, {});
  });
  return c;
}());

}  // namespace rank2

}  // namespace irverify
