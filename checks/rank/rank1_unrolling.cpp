#include "checks/rank/rank1_unrolling.hpp"

#include "checks/rank/rank_setup.hpp"
#include "theory/problem/generator.hpp"

#include <algorithm>

namespace irverify {

std::vector<ProblemSpec> rank1_problems() {
  GeneratorOptions o{6, 10, 10, 8};
  return {generate_problem("linear2", 11, o), generate_problem("relu2", 12, o)};
}

namespace rank1 {
namespace {

// The replay, an observer of weight_decay_observed_run: theta_t and g_t, the decay, the per-step rank of each layer.
template <class S> struct Replay {
  const MatrixNet<S>* m;
  S zero_rel;
  Rank1Layer<S> layer[2];
  std::vector<Vec<S>> theta, grads;
  S decay;
  void operator()(long t, const Vec<S>& x, const WeightDecayStep<S>& step) {
    theta.push_back(x);
    if (t == 0) {
      decay = step.decay();
      return;
    }
    grads.push_back(step.gradient());
    for (int l = 0; l < 2; ++l) {
      Rank1Layer<S>& lr = layer[l];
      const Vec<S> sv = layer_singular_values<S>(*m, step.gradient(), l + 1);
      if (!(sv(0) > 0)) continue;
      const int r = numerical_rank<S>(sv, zero_rel);
      lr.max_rank = std::max(lr.max_rank, r);
      lr.at_bound += r == lr.bound;
      if (r > 0) lr.kept_min = std::min(lr.kept_min, S(sv(r - 1) / sv(0)));
      if (r < sv.size()) lr.zero_max = std::max(lr.zero_max, S(sv(r) / sv(0)));
    }
  }
};

// |theta_T - (c^n theta_{T-n} - mu sum_j c^{j-1} g_{T-j})| and its rounding bound 4 (n + 2) eps (c^n |theta_{T-n}| +
// mu sum_j c^{j-1} |g_{T-j}|) (one rounding per multiply-add and per power of c, n of each).
template <class S> std::pair<S, S> unrolling_residual(const std::vector<Vec<S>>& theta, const std::vector<Vec<S>>& g,
                                                      const S& c, const S& mu, long n) {
  const long T = static_cast<long>(theta.size()) - 1;
  Vec<S> acc = Vec<S>::Zero(theta[T].size());
  S cj(1), scale(0);
  for (long j = 1; j <= n; ++j) {
    acc -= (mu * cj) * g[T - j];
    scale += mu * cj * g[T - j].norm();
    cj *= c;
  }
  acc += cj * theta[T - n];
  scale += cj * theta[T - n].norm();
  return {S((theta[T] - acc).norm()), S(tol::ulps<S>(static_cast<int>(4 * (n + 2))) * scale)};
}

// `steps` steps of run 0 replayed in S; the ranks, and the identity at n = 1, T/4, T/2, T with c = 1 - 2 mu lambda
// and with the control c = 1 - mu lambda.
template <class S>
Rank1Measurement<S> measure(const RunContext& ctx, const MatrixNet<S>& m, const Vec<S>& theta0, const WeightDecay<S>& wd, long steps) {
  using std::log10;
  using std::pow;
  Rank1Measurement<S> r;
  r.zero_rel = pow(eps<S>(), S(4) / S(5));  // eps^(4/5): 1e-40 in mp50, 1e-13 in double
  Replay<S> rp{&m, r.zero_rel, {}, {}, {}, S(0)};
  rp.layer[0].bound = std::min(wd.batch, std::min(m.hidden(), m.features()));
  rp.layer[1].bound = std::min(wd.batch, std::min(m.outputs(), m.hidden()));
  weight_decay_observed_run<S>(m, wd, theta0, steps, ctx.seed, 0, ctx.deadline, rp);
  for (int l = 0; l < 2; ++l) {
    r.layer[l] = rp.layer[l];
    Rank1Layer<S>& lr = r.layer[l];
    lr.gap = lr.zero_max > 0 ? to_double(S(log10(lr.kept_min / lr.zero_max))) : 999;
  }
  const S wrong = S(1) - wd.mu * wd.lambda;
  for (long n : {1L, steps / 4, steps / 2, steps}) {
    if (n < 1) continue;
    const auto [res, tol] = unrolling_residual<S>(rp.theta, rp.grads, rp.decay, wd.mu, n);
    const auto [cres, ctol] = unrolling_residual<S>(rp.theta, rp.grads, wrong, wd.mu, n);
    r.unrolling.push_back({n, res, tol, cres, ctol});
    r.worst = std::max(r.worst, to_double(S(res / tol)));
  }
  return r;
}

template <class S> void judge(const Rank1Measurement<S>& r, int B, int N, Case& c) {
  bool within = true, clean = true, reached = false;
  for (const Rank1Layer<S>& lr : r.layer) {
    within = within && lr.max_rank <= lr.bound;
    reached = reached || lr.max_rank >= lr.bound;
    clean = clean && lr.kept_min > r.zero_rel && lr.zero_max < r.zero_rel;
  }
  c.state(fmt::format("rank(G_t) <= B = {} at every step, in both layers{}", B, B == N ? " (full batch: rank <= N)" : ""), kHolds,
          outcome_of(within, clean), fmt::format("max ranks {} and {}", r.layer[0].max_rank, r.layer[1].max_rank));
  c.state(fmt::format("control: rank(G_t) <= B - 1 = {} at every step", B - 1), kRefuted, outcome_of(!reached, clean),
          fmt::format("rank {} reached", r.layer[0].bound));
  bool holds = true, control_holds = true;
  for (const Rank1Unroll<S>& u : r.unrolling) holds = holds && u.res <= u.tol, control_holds = control_holds && u.cres <= u.ctol;
  c.state("the unrolled identity holds to rounding for n = 1, T/4, T/2, T", kHolds, outcome_of(holds),
          fmt::format("worst residual / bound {:.2e}", r.worst));
  c.state("control: the identity with decay 1 - mu lambda (factor 2 dropped)", kRefuted, outcome_of(control_holds));
}

template <class S> void present(const Rank1Measurement<S>& r, const MatrixNet<S>& m, long steps, Case& c) {
  CaseTable tr{fmt::format("Per-step rank of the minibatch gradient of each layer over {} steps ({}; singular values <= "
                           "{:.1e} s_1 count as zero)", steps, scalar_name<S>(), to_double(r.zero_rel)),
               {"layer", "shape", "bound min(B, dims)", "max rank", "steps at the bound", "smallest kept s_k/s_1",
                "largest zero s_k/s_1", "gap (decades)"},
               {}};
  for (int l = 0; l < 2; ++l) {
    const Rank1Layer<S>& lr = r.layer[l];
    tr.rows.push_back({l == 0 ? "W1" : "W2", l == 0 ? fmt::format("{} x {}", m.hidden(), m.features()) : fmt::format("{} x {}", m.outputs(), m.hidden()),
                       std::to_string(lr.bound), std::to_string(lr.max_rank), fmt::format("{} of {}", lr.at_bound, steps),
                       e4(to_double(lr.kept_min)), e4(to_double(lr.zero_max)), fmt::format("{:.1f}", lr.gap)});
    c.extra[l == 0 ? "layer1" : "layer2"] = {{"bound", lr.bound}, {"max_rank", lr.max_rank}, {"kept_min", to_double(lr.kept_min)},
                                            {"zero_max", to_double(lr.zero_max)}, {"gap_decades", lr.gap}};
    c.headline("rank gap >= {:.1f} decades", lr.gap, Aggregate::min);
  }
  c.tables.push_back(std::move(tr));
  CaseTable tu{fmt::format("Unrolled identity theta_T = c^n theta_(T-n) - mu sum c^(j-1) g_(T-j), T = {}: residual against its "
                           "rounding bound 4 (n + 2) eps (c^n |theta_(T-n)| + mu sum c^(j-1) |g_(T-j)|); control with c = 1 - mu lambda",
                           steps),
               {"n", "residual", "bound", "control residual", "control / bound"},
               {}};
  for (const Rank1Unroll<S>& u : r.unrolling)
    tu.rows.push_back({std::to_string(u.n), e4(to_double(u.res)), e4(to_double(u.tol)), e4(to_double(u.cres)), e4(to_double(S(u.cres / u.ctol)))});
  c.tables.push_back(std::move(tu));
  c.extra["unrolling_worst_residual_over_bound"] = r.worst;
  c.headline("unrolling residual <= {:.2e} of its rounding bound", r.worst);
}

// The problem's batch, else B = 1, 3 and N (those up to N, each once).
std::vector<int> batch_sizes(const ProblemSpec& spec, int N) {
  if (spec.batch > 0) return {spec.batch};
  std::vector<int> batches;
  for (int B : {1, 3, N})
    if (B <= N && std::find(batches.begin(), batches.end(), B) == batches.end()) batches.push_back(B);
  return batches;
}

}  // namespace
}  // namespace rank1

template <class S>
std::vector<Case> rank_unrolling_cases(const RunContext& ctx, const ProblemSpec& spec, long steps, std::vector<Rank1Measurement<S>>* measured) {
  const Problem<S> pr = build_problem<S>(spec);
  const MatrixNet<S>& m = matrix_net(*pr.model);
  const int N = m.num_examples();
  const S mu = rank_mu<S>(spec, kRank1Mu), lambda = rank_lambda<S>(spec, kRank1Lambda);
  if (!(lambda > 0)) throw ProblemError(spec.origin + ": RANK-1 needs weight_decay > 0 (with lambda = 0 its control, the decay 1 - mu lambda, is the claim)");
  std::vector<Case> out;
  for (int B : rank1::batch_sizes(spec, N)) {
    const auto t0 = std::chrono::steady_clock::now();
    const bool with = spec.with_replacement();
    const WeightDecay<S> wd{mu, lambda, B, with ? BatchSampling::WithReplacement : BatchSampling::WithoutReplacement};
    Case c = new_case<S>(ctx, spec, m, fmt::format("unrolling and per-step rank, B = {}{}", B, B == N && !with ? " (GD)" : ""));
    c.solver = fmt::format("SGD with weight decay replayed in {}: mu = {}, lambda = {}, {} steps, seed {}, batches {}", scalar_name<S>(),
                           rank_text(spec.h0, kRank1Mu), rank_text(spec.weight_decay, kRank1Lambda), steps, ctx.seed,
                           sampling_name(wd.sampling));
    const Rank1Measurement<S> r = rank1::measure<S>(ctx, m, pr.theta0, wd, steps);
    rank1::judge(r, B, N, c);
    rank1::present(r, m, steps, c);
    if (measured) measured->push_back(r);
    out.push_back(finish_case(std::move(c), 0, t0));
  }
  return out;
}

#define IRVERIFY_INST(S) \
  template std::vector<Case> rank_unrolling_cases<S>(const RunContext&, const ProblemSpec&, long, std::vector<Rank1Measurement<S>>*);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace rank1 {

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "RANK-1";
  c.title = "SGD with weight decay unrolls exactly, and each step adds a matrix of rank <= B";
  c.paper = "Galanti, Siegel, Gupte & Poggio, SGD and Weight Decay Secretly Minimize the Rank, arXiv 2206.05794 (Sec. 3, the "
      "unrolled update and rank(G_t) <= B)";
  c.statement = "With W_{t+1} = (1 - 2 mu lambda) W_t - mu G_t, W_T = (1 - 2 mu lambda)^n W_{T-n} - mu sum_{j=1..n} (1 - 2 mu "
      "lambda)^{j-1} G_{T-j}, and the minibatch gradient G_t of a layer used once per example has rank <= B (<= N for the "
      "full batch).";
  c.verdict_rule = fmt::format("Replayed in mp50 ({} steps, mu = {}, lambda = {}, seed {}; B = 1, 3 and N without replacement on linear2 and "
      "relu2 with N = 6 < every layer dimension): the identity's residual is within its rounding bound 4 (n + 2) eps "
      "(c^n |theta_(T-n)| + mu sum c^(j-1) |g_(T-j)|) for n = 1, T/4, T/2, T, and every step's gradient has at most "
      "min(B, dims) singular values above eps^(4/5) s_1 (1e-40), with the kept and the zero ones on either side of it.",
      kRank1Steps, kRank1Mu, kRank1Lambda, kRank1Seed);
  c.negative_control = "Both controls must be refuted: the unrolling with decay 1 - mu lambda leaves a residual above the bound, and "
      "\"rank(G_t) <= B - 1\" fails at some step; a spectrum without a clean gap around the threshold leaves the rank "
      "statements unresolved (fails).";
  c.precision = "mp50";
  c.seed = kRank1Seed;
  c.not_applicable = [](const ProblemSpec& s) { return rank_not_applicable(s, true); };
  c.problems = rank1_problems;
  c.eigen_size = EigenSize::None;
  c.forms_hessian = false;  // SGD on the weight matrices and their SVDs
  c.steps_on_batch = true;
  c.summary_expected = "rank(G_t) <= B, identity to rounding; controls refuted";
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return rank_unrolling_cases<typename decltype(tag)::type>(ctx, s);
  });
  return c;
}());

}  // namespace rank1

}  // namespace irverify
