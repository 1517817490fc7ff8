#include "checks/rank/rank2_rank_bound.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/ladder_setup.hpp"
#include "checks/rank/rank_setup.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/parallel/block_map.hpp"
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

namespace {
template <class S> struct RunTrace {
  std::vector<S> wnorm[2], gnorm[2];  // |W_t|_F and |G_t|_F per layer, t = 0 .. T (scaled sums: no underflow)
  std::vector<Vec<S>> sv[2];          // singular values of W_t at the checkpoints
};
// Where a statement was checked: counts and the worst case.
struct Tally {
  long checks = 0, violations = 0;
  double worst = 0;  // the largest measured/bound ratio
  std::string where;
  void add(bool violated, double ratio, const std::string& at) {
    ++checks;
    violations += violated;
    if (ratio > worst) worst = ratio, where = at;
  }
};
const std::vector<double> kEpsilons = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
}  // namespace

template <class S> Case rank_bound_case_in(const RunContext& ctx, const ProblemSpec& spec, const Rank2Grid& grid_in) {
  using std::log;
  using std::pow;
  const auto t0 = std::chrono::steady_clock::now();
  const Problem<S> pr = build_problem<S>(spec);
  const MatrixNet<S>& m = matrix_net(*pr.model);
  const int N = m.num_examples();
  Rank2Grid grid = grid_in;
  if (grid.runs == 0) grid.runs = ctx.samples;
  if (spec.batch > 0) grid.batches = {spec.batch};
  const std::string mu_text = spec.h0, lam_text = spec.weight_decay;
  if (!mu_text.empty()) grid.mus = {mu_text.c_str()};
  if (!lam_text.empty()) grid.lambdas = {lam_text.c_str()};
  const long T = grid.checkpoints.back();
  const int dims[2] = {std::min(m.hidden(), m.features()), std::min(m.outputs(), m.hidden())};
  const S e = eps<S>();
  Case c = new_case<S>(ctx, spec, m, "rank bound over a grid");
  c.solver = fmt::format("SGD with weight decay in {}, {} runs per grid point (seed {} + point), checkpoints t = {}, "
                         "epsilon = 1e-1 .. 1e-6", scalar_name<S>(), grid.runs, ctx.seed, fmt::join(grid.checkpoints, ", "));
  Tally derived, control, hyp, paper, paper_spec;
  long vacuous = 0;
  std::string cx_at;
  ProblemSpec cx_spec;
  bool have_cx = false, cx_late = false;
  long late_total = 0;
  CaseTable tg{"Per grid point (both layers, all runs, checkpoints and epsilon): the derived bound's worst tail/bound; the "
               "hypothesis form (checks where rho <= 2, violations); the paper's form where it is not vacuous (B log(2/e)/(2 mu "
               "lambda) < min dims): worst r_e / bound and violations (Frobenius; spectral in brackets), with the largest rho "
               "among them; mean epsilon-rank of W1 at the last checkpoint (e = 1e-2)",
               {"B", "mu", "lambda", "2 mu lambda", "derived worst", "hypothesis checks / violations", "paper checks",
                "paper worst ratio", "paper violations", "largest rho at violations with t >= n_e", "r_e(W1), e = 1e-2"},
               {}};
  nlohmann::json points = nlohmann::json::array();
  std::uint64_t point = 0;
  for (int B : grid.batches)
    for (const char* mu_t : grid.mus)
      for (const char* lam_t : grid.lambdas) {
        const S mu = parse_scalar<S>(mu_t), lam = parse_scalar<S>(lam_t), cdec = S(1) - 2 * mu * lam;
        if (B > N) continue;
        ctx.heartbeat(fmt::format("B = {}, mu = {}, lambda = {}: {} runs x {} steps", B, mu_t, lam_t, grid.runs, T));
        const WeightDecay<S> wd{mu, lam, B, BatchSampling::WithoutReplacement};
        const std::uint64_t seed = ctx.seed + point++;
        const std::vector<RunTrace<S>> traces = block_map<RunTrace<S>>({ctx.control(grid.runs), 1}, [&](long run) {
          WeightDecayStep<S> step(m, wd, seed, static_cast<std::uint64_t>(run));
          RunTrace<S> tr;
          Vec<S> x = pr.theta0;
          std::size_t next = 0;
          for (long t = 0;; ++t) {
            for (int l = 0; l < 2; ++l) tr.wnorm[l].push_back(S((l == 0 ? m.W1(x) : m.W2(x)).stableNorm()));
            if (next < grid.checkpoints.size() && grid.checkpoints[next] == t) {
              for (int l = 0; l < 2; ++l) tr.sv[l].push_back(layer_singular_values<S>(m, x, l + 1));
              ++next;
            }
            if (t == T) break;
            if (t % 1024 == 0) ctx.deadline.check();
            step(x);
            for (int l = 0; l < 2; ++l) tr.gnorm[l].push_back(S((l == 0 ? m.W1(step.gradient()) : m.W2(step.gradient())).stableNorm()));
          }
          if (!all_finite(x)) throw NumericalFault(fmt::format("RANK-2: SGD with weight decay diverged (B = {}, mu = {}, lambda = {})", B, mu_t, lam_t));
          return tr;
        });
        Tally pd, ph, pp, pps, pc;
        long late_viol = 0;  // paper violations at t >= n_e (where the unrolling reaches back n_e steps)
        double rho_viol = 0, rank_sum = 0;
        for (std::size_t run = 0; run < traces.size(); ++run) {
          const RunTrace<S>& tr = traces[run];
          for (std::size_t ci = 0; ci < grid.checkpoints.size(); ++ci) {
            const long t = grid.checkpoints[ci];
            for (int l = 0; l < 2; ++l) {
              const Vec<S>& sv = tr.sv[l][ci];
              const S Wt = tr.wnorm[l][t];
              const std::string at = fmt::format("B = {}, mu = {}, lambda = {}, run {}, t = {}, W{}", B, mu_t, lam_t, run, t, l + 1);
              // derived, and the control with n (B - 1), for every n with n B below the layer's rank.
              S cn(1), gsum(0);
              for (long n = 1; n <= t && (n - 1) * B < dims[l]; ++n) {
                gsum += mu * cn * tr.gnorm[l][t - n];
                cn *= cdec;
                const S bound = cn * tr.wnorm[l][t - n];
                const S tol = 4 * (n + 2) * e * (bound + gsum) + 4 * dims[l] * e * Wt;
                const S tail = tail_norm<S>(sv, std::min<Eigen::Index>(sv.size(), n * B));
                pd.add(tail > bound + tol, bound > 0 ? to_double(S(tail / bound)) : 0.0, at + fmt::format(", n = {}", n));
                const S tail_c = tail_norm<S>(sv, std::min<Eigen::Index>(sv.size(), n * (B - 1)));
                pc.add(tail_c > bound + tol, 0.0, at);
              }
              for (double ep : kEpsilons) {
                const S eS(ep);
                const int r = epsilon_rank<S>(sv, eS), r_spec = numerical_rank<S>(sv, eS);
                if (l == 0 && ci + 1 == grid.checkpoints.size() && ep == 1e-2) rank_sum += r;
                const double ln = std::log(2 / ep) / to_double(S(2 * mu * lam));
                const long ne = static_cast<long>(std::ceil(ln));
                if (ne <= t) {
                  const double rho = to_double(S(tr.wnorm[l][t - ne] / Wt));
                  if (rho <= 2) ph.add(r > ne * B, double(r) / double(ne * B), at);
                }
                const double pb = B * ln;
                if (pb >= dims[l]) {
                  ++vacuous;
                  continue;
                }
                const std::string where = at + fmt::format(", e = {:g}: r_e = {} > {:.3f}", ep, r, pb);
                pp.add(r > pb, r / pb, where);
                pps.add(r_spec > pb, r_spec / pb, where);
                if (r > pb && ne <= t) {
                  ++late_viol;
                  rho_viol = std::max(rho_viol, to_double(S(tr.wnorm[l][t - ne] / Wt)));
                }
                if (r > pb) {
                  if (!have_cx || (ne <= t && !cx_late)) {
                    cx_late = ne <= t;
                    have_cx = true;
                    cx_at = where;
                    cx_spec = spec;
                    cx_spec.batch = B;
                    cx_spec.replacement = false;
                    cx_spec.h0 = mu_t;
                    cx_spec.weight_decay = lam_t;
                    cx_spec.name = spec.name + "-rank2-counterexample";
                  }
                }
              }
            }
          }
        }
        const auto merge = [](Tally& into, const Tally& t) {
          into.checks += t.checks;
          into.violations += t.violations;
          if (t.worst > into.worst) into.worst = t.worst, into.where = t.where;
        };
        merge(derived, pd), merge(hyp, ph), merge(paper, pp), merge(paper_spec, pps), merge(control, pc);
        late_total += late_viol;
        tg.rows.push_back({std::to_string(B), mu_t, lam_t, fmt::format("{:.6g}", to_double(S(2 * mu * lam))), fmt::format("{:.4f}", pd.worst),
                           fmt::format("{} / {}", ph.checks, ph.violations), std::to_string(pp.checks),
                           pp.checks ? fmt::format("{:.3f} [{:.3f}]", pp.worst, pps.worst) : "-",
                           pp.checks ? fmt::format("{} [{}], {} at t >= n_e", pp.violations, pps.violations, late_viol) : "-",
                           late_viol ? fmt::format("{:.3g}", rho_viol) : "-", fmt::format("{:.2f}", rank_sum / double(traces.size()))});
        points.push_back({{"B", B}, {"mu", mu_t}, {"lambda", lam_t}, {"derived_worst", pd.worst}, {"paper_worst", pp.worst},
                          {"paper_violations", pp.violations}, {"paper_checks", pp.checks}, {"mean_rank_W1", rank_sum / double(traces.size())}});
      }
  c.tables.push_back(std::move(tg));
  c.extra["grid"] = points;
  c.extra["derived_worst_ratio"] = derived.worst;
  c.extra["paper_worst_ratio"] = paper.worst;
  c.extra["paper_worst_ratio_spectral"] = paper_spec.worst;
  c.extra["paper_violations"] = paper.violations;
  c.extra["paper_checks"] = paper.checks;
  c.headline_item(fmt::format("derived worst {:.3f}, paper worst {:.3f} ({} of {} violated)", derived.worst, paper.worst,
                              paper.violations, paper.checks));
  c.extra["paper_violations_late"] = late_total;
  c.state("derived: dist_F(W_t, rank <= n B) <= (1 - 2 mu lambda)^n |W_(t-n)|_F for every n, t, run and layer", kHolds,
          outcome_of(derived.violations == 0),
          fmt::format("{} checks, worst tail/bound {:.4f} ({})", derived.checks, derived.worst, derived.where));
  // Stated where the hypothesis holds somewhere (on a collapsing instance, rho > 2 at every checkpoint: nothing to check).
  c.extra["hypothesis_checks"] = hyp.checks;
  if (hyp.checks > 0)
    c.state("with the hypothesis |W_(t-n_e)| <= 2 |W_t|: r_e(W_t) <= n_e B, n_e = ceil(log(2/e)/(2 mu lambda))", kHolds,
            outcome_of(hyp.violations == 0), fmt::format("{} checks, worst r_e/(n_e B) {:.3f}", hyp.checks, hyp.worst));
  c.state("control: dist_F(W_t, rank <= n (B - 1)) <= (1 - 2 mu lambda)^n |W_(t-n)|_F (one term per step too few)", kRefuted,
          outcome_of(control.violations == 0), fmt::format("{} of {} checks violated", control.violations, control.checks));
  if (paper.violations > 0) {
    c.state(kRank2PaperForm, kRefuted, kRefuted,
            fmt::format("{} of {} non-vacuous checks violated (spectral: {}; {} at t >= n_e, where the unrolling reaches back n_e "
                        "steps), worst r_e/bound {:.3f}; stored: {}",
                        paper.violations, paper.checks, paper_spec.violations, late_total, paper.worst, cx_at));
    c.stored_problems.push_back({cx_spec.to_json(), "Counterexample stored as a problem file", "RANK-2"});
  }
  c.extra["paper_vacuous_checks"] = vacuous;
  return finish_case(std::move(c), 0, t0);
}

Case rank_bound_case(const RunContext& ctx, const ProblemSpec& spec, const Rank2Grid& grid) {
  return rank_bound_case_in<double>(ctx, spec, grid);
}

#define IRVERIFY_INST(S) template Case rank_bound_case_in<S>(const RunContext&, const ProblemSpec&, const Rank2Grid&);
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
  c.not_applicable = rank_not_applicable;
  c.problems = rank2_problems;
  c.eigen_size = EigenSize::None;
  c.refuted_somewhere = {kRank2PaperForm};
  c.summary_expected = "derived bound everywhere; the paper's form without its hypothesis refuted somewhere";
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return rank_bound_case_in<typename decltype(tag)::type>(ctx, s, {});
  });
  return c;
}());

}  // namespace rank2

}  // namespace irverify
