#include "checks/rank/rank4_closed_form.hpp"

#include "checks/rank/rank_setup.hpp"
#include "theory/problem/generator.hpp"

#include <algorithm>
#include <cmath>

namespace irverify {

ProblemSpec whitened_problem(std::uint64_t seed) {
  constexpr int N = 8, q = 6, h = 8, bits = 6;
  const auto grid = [](CounterStream& r, int lo, int hi) { return lo + static_cast<long long>(r.below(static_cast<std::uint32_t>(hi - lo + 1))); };
  const std::uint64_t key = sub_seed(seed, "RANK-4 whitened problem", 0);  // not the generator's streams of `seed`
  CounterStream teach(key, 1), noise(key, 2), start(key, 3);
  // M = 2 u1 v1' + u2 v2' (u, v on [-1, 1] in steps of 1/8) + noise on [-1/8, 1/8] in steps of 1/64, in units of 1/64.
  std::vector<std::vector<long long>> M(q, std::vector<long long>(N, 0));
  for (int a : {2, 1}) {
    std::vector<long long> u(q), v(N);
    for (auto& x : u) x = grid(teach, -8, 8);
    for (auto& x : v) x = grid(teach, -8, 8);
    for (int k = 0; k < q; ++k)
      for (int l = 0; l < N; ++l) M[k][l] += a * u[k] * v[l];
  }
  for (auto& row : M)
    for (auto& x : row) x += grid(noise, -8, 8);
  ProblemSpec s;
  s.model = "linear2";
  s.hidden = h;
  s.outputs = q;
  s.seed = seed;
  s.name = fmt::format("linear2-whitened-s{}", seed);
  s.origin = fmt::format("whitened_problem(seed={})", seed);
  Mat<double> Md(q, N);
  for (int i = 0; i < N; ++i) {
    std::vector<std::string> row;
    std::vector<int> x(N);
    for (int l = 0; l < N; ++l) x[l] = (__builtin_popcount(static_cast<unsigned>(i & l)) % 2) ? -1 : 1;  // Sylvester
    for (int l = 0; l < N; ++l) row.push_back(std::to_string(x[l]));
    for (int k = 0; k < q; ++k) {
      long long y = 0;
      for (int l = 0; l < N; ++l) y += M[k][l] * x[l];
      row.push_back(dyadic_text(y, bits));
    }
    s.data.push_back(std::move(row));
  }
  for (int k = 0; k < q; ++k)
    for (int l = 0; l < N; ++l) Md(k, l) = static_cast<double>(M[k][l]) / 64;
  const Vec<double> sv = singular_values<double>(Md);
  Eigen::Index best = 1;  // the widest gap s_k / s_(k+1), k >= 1 (keep at least the top direction)
  for (Eigen::Index k = 1; k + 1 < sv.size(); ++k)
    if (sv(k) / sv(k + 1) > sv(best) / sv(best + 1)) best = k;
  s.weight_decay = dyadic_text(std::llround(std::sqrt(sv(best) * sv(best + 1)) / 2 * 256), 8);  // 2 lambda = sqrt(s_k s_(k+1))
  s.h0 = dyadic_text(1, static_cast<int>(std::ceil(std::log2(4 * sv(0)))));
  for (int i = 0; i < h * (N + q); ++i) s.theta0.push_back(dyadic_text(grid(start, -32, 32), bits));
  validate(s);
  return s;
}

std::vector<ProblemSpec> rank4_problems() { return {whitened_problem(3)}; }

std::string rank4_not_applicable(const ProblemSpec& s) {
  if (s.model != "linear2") return "the closed form is stated for linear2 only";
  if (std::string why = rank_not_applicable(s); !why.empty()) return why;
  const Problem<double> pr = build_problem<double>(s);
  const auto& m = matrix_net(*pr.model);
  const Mat<double> G = m.X().transpose() * m.X() / double(m.num_examples());
  if ((G - Mat<double>::Identity(G.rows(), G.cols())).cwiseAbs().maxCoeff() > 4 * m.num_examples() * eps<double>())
    return "the closed form needs whitened inputs, X'X/N = I";
  return "";
}

namespace rank4 {
namespace {

template <class S> Rank4ClosedForm<S> closed_form(const MatrixNet<S>& m, const S& two_l, const S& lambda) {
  using std::abs;
  Rank4ClosedForm<S> cf;
  cf.two_l = two_l;
  const Mat<S> M = m.Y().transpose() * m.X() / S(m.num_examples());
  cf.s = singular_values<S>(M);
  const auto soft = [&](const S& t) {
    Vec<S> v(cf.s.size());
    for (Eigen::Index k = 0; k < cf.s.size(); ++k) v(k) = std::max(S(cf.s(k) - t), S(0));
    return v;
  };
  cf.star = soft(two_l), cf.control = soft(lambda);
  cf.kappa = abs(cf.s(0) - two_l);
  for (Eigen::Index k = 0; k < cf.s.size(); ++k) cf.rank += cf.s(k) > two_l, cf.kappa = std::min(cf.kappa, S(abs(cf.s(k) - two_l)));
  return cf;
}

// GD with weight decay until the regularized gradient at the step's start is at most 2^8 eps max(1, |theta|) (that
// start is the end point), at most kRank4MaxSteps steps.
template <class S>
Rank4Gd<S> gd_to_floor(const RunContext& ctx, const MatrixNet<S>& m, const WeightDecay<S>& wd, const Vec<S>& theta0, const S& two_l) {
  S field(0);
  const auto at_floor = [&](long k, const Vec<S>& before, const Vec<S>&, const WeightDecayStep<S>& gd) {
    field = (gd.gradient() + two_l * before).norm();
    const bool stop = field <= tol::ulps<S>(256) * std::max(S(1), S(before.norm()));
    if (!stop && (k - 1) % 4096 == 0) ctx.heartbeat(fmt::format("GD with weight decay: step {}, |field| = {:.2e}", k - 1, to_double(field)));
    return stop;
  };
  const WeightDecayEnd<S> r = weight_decay_until<S>(m, wd, theta0, kRank4MaxSteps, ctx.seed, 0, ctx.deadline, at_floor);
  const bool stopped = r.end.stopped;
  return {stopped ? r.before : r.theta, field, stopped ? r.end.steps - 1 : r.end.steps, stopped};
}

template <class S> Rank4Comparison<S> compare_gd(const MatrixNet<S>& m, const Rank4ClosedForm<S>& cf, const Rank4Gd<S>& gd) {
  using std::abs;
  using std::log10;
  const S e = eps<S>();
  const Mat<S> W1 = m.W1(gd.theta), W2 = m.W2(gd.theta), W = W2 * W1;
  Rank4Comparison<S> r;
  r.sigma = singular_values<S>(W);
  // Distance to the minimizer set <= |field| / kappa (curvature across it); plus the SVD's own rounding.
  r.tol = gd.field / cf.kappa + tol::ulps<S>(64) * cf.s(0);
  r.err = S(0), r.cerr = S(0);
  for (Eigen::Index k = 0; k < cf.s.size(); ++k)
    r.err = std::max(r.err, S(abs(r.sigma(k) - cf.star(k)))), r.cerr = std::max(r.cerr, S(abs(r.sigma(k) - cf.control(k))));
  for (Eigen::Index k = 0; k < r.sigma.size(); ++k) r.rank += r.sigma(k) > r.tol;
  r.nuc = r.sigma.sum(), r.n1 = W1.squaredNorm(), r.n2 = W2.squaredNorm();
  r.balance = std::max(abs(r.n1 - r.nuc), abs(r.n2 - r.nuc));
  r.digits = to_double(S(-log10(std::max(r.err, e) / cf.s(0))));
  return r;
}

// ctx.samples runs of SGD with weight decay in double for B = 1 and N/2 (seed: sub_seed(seed, "RANK-4 batch", B)), T steps each.
std::vector<Rank4SgdRanks> sgd_ranks(const RunContext& ctx, const ProblemSpec& spec, double mu, double lambda, long T, int r_star) {
  const Problem<double> pd = build_problem<double>(spec);
  const MatrixNet<double>& md = matrix_net(*pd.model);
  std::vector<Rank4SgdRanks> out;
  for (int B : {1, std::max(1, md.num_examples() / 2)}) {
    ctx.heartbeat(fmt::format("SGD with weight decay, B = {}: {} runs x {} steps", B, ctx.samples, T));
    const WeightDecay<double> wd{mu, lambda, B, BatchSampling::WithoutReplacement};
    const std::uint64_t seed = sub_seed(ctx.seed, "RANK-4 batch", static_cast<std::uint64_t>(B));
    const std::vector<int> ranks =
        weight_decay_end_points<int>(md, wd, pd.theta0, T, seed, {ctx.control(ctx.samples), 4}, [&](const Vec<double>& x) {
          return epsilon_rank<double>(singular_values<double>(Mat<double>(md.W2(x) * md.W1(x))), kRank4Epsilon);
        });
    out.push_back({B, mean_se(ranks), *std::max_element(ranks.begin(), ranks.end()),
                   static_cast<long>(std::count_if(ranks.begin(), ranks.end(), [&](int r) { return r > r_star; }))});
  }
  return out;
}

// GD with weight decay to the floor and its comparison with the closed form r.cf; SGD with weight decay at the same mu
// and lambda, in double, for as many steps as GD took.
template <class S>
void measure_runs(const RunContext& ctx, const ProblemSpec& spec, const MatrixNet<S>& m, const WeightDecay<S>& gd, const Vec<S>& theta0,
                  double mu_d, double lam_d, Rank4Measurement<S>& r) {
  r.gd = gd_to_floor<S>(ctx, m, gd, theta0, r.cf.two_l);
  r.cmp = compare_gd<S>(m, r.cf, r.gd);
  r.sgd = sgd_ranks(ctx, spec, mu_d, lam_d, std::max(r.gd.steps, 1L), r.cf.rank);
  for (const Rank4SgdRanks& g : r.sgd) r.sgd_worst = std::max(r.sgd_worst, g.max);
}

template <class S> void judge(const Rank4Measurement<S>& r, Case& c) {
  const Rank4ClosedForm<S>& cf = r.cf;
  const Rank4Comparison<S>& g = r.cmp;
  const bool conv = r.gd.converged;
  const std::string ev = fmt::format("max |sigma_k - sigma*_k| = {:.3e} (tolerance {:.3e}: |field| {:.2e} / separation {:.4f}); {:.1f} digits",
                                     to_double(g.err), to_double(g.tol), to_double(r.gd.field), to_double(cf.kappa), g.digits);
  c.state("GD with weight decay reaches the soft-thresholded singular values max(s_k - 2 lambda, 0)", kHolds, outcome_of(g.err <= g.tol, conv), ev);
  c.state(fmt::format("its rank is #{{s_k > 2 lambda}} = {}", cf.rank), kHolds, outcome_of(g.rank == cf.rank, conv),
          fmt::format("{} singular values above the tolerance", g.rank));
  c.state("the factors are balanced: |W1|_F^2 = |W2|_F^2 = |W2 W1|_*", kHolds, outcome_of(g.balance <= 4 * g.tol * (1 + cf.s.size()), conv),
          fmt::format("|W1|^2 = {:.12f}, |W2|^2 = {:.12f}, nuclear norm {:.12f}", to_double(g.n1), to_double(g.n2), to_double(g.nuc)));
  c.state("control: the threshold is lambda (max(s_k - lambda, 0))", kRefuted, outcome_of(g.cerr <= g.tol, conv),
          fmt::format("max deviation {:.3e}", to_double(g.cerr)));
  c.state(fmt::format("SGD with weight decay at the same lambda ends at epsilon-rank <= the closed form's (epsilon = {:g}, every run)", kRank4Epsilon),
          kHolds, outcome_of(r.sgd_worst <= cf.rank), fmt::format("largest epsilon-rank {} against {}", r.sgd_worst, cf.rank));
}

// The data's singular values, the closed form and GD's end point (zeros drawn at the bottom edge, 1e-60).
template <class S> Figure spectrum_figure(const Rank4Measurement<S>& r, const ProblemSpec& spec) {
  FigurePanel p;
  p.title = fmt::format("RANK-4: {} (closed-form rank {})", spec.name, r.cf.rank);
  p.x = figure_axis("k");
  p.y = figure_axis("singular value", true);
  p.y.min = 1e-60, p.y.max = 10;
  p.x.min = 0.5, p.x.max = double(r.cf.s.size()) + 0.5;
  FigureSeries data{"s_k (data M)", {}, {}, {}, {}}, star{"max(s_k - 2 lambda, 0)", {}, {}, {}, {}},
      gd{fmt::format("GD + weight decay ({})", scalar_name<S>()), {}, {}, {}, {}, Mark::points};
  for (Eigen::Index k = 0; k < r.cf.s.size(); ++k) {
    const double x = double(k + 1);
    data.x.push_back(x), data.y.push_back(to_double(r.cf.s(k)));
    star.x.push_back(x), star.y.push_back(std::max(to_double(r.cf.star(k)), 1e-60));
    gd.x.push_back(x), gd.y.push_back(std::max(to_double(r.cmp.sigma(k)), 1e-60));
  }
  p.series = {std::move(data), std::move(star), std::move(gd)};
  return {"RANK-4-spectrum-" + spec.name, "", "singular values: data, closed form, GD", 0, {std::move(p)}};
}

template <class S> void present(const Rank4Measurement<S>& r, const RunContext& ctx, const ProblemSpec& spec, double mu, double lambda, Case& c) {
  using std::abs;
  const Rank4ClosedForm<S>& cf = r.cf;
  CaseTable ts{fmt::format("Singular values: data M = Y'X/N, closed form max(s_k - 2 lambda, 0) (2 lambda = {}), GD with weight "
                           "decay after {} steps ({}), the control max(s_k - lambda, 0)",
                           to_string_full(cf.two_l), r.gd.steps, scalar_name<S>()),
               {"k", "s_k (data)", "closed form", "GD + WD", "|GD - closed form|", "control"},
               {}};
  for (Eigen::Index k = 0; k < cf.s.size(); ++k)
    ts.rows.push_back({std::to_string(k + 1), fmt::format("{:.10f}", to_double(cf.s(k))), fmt::format("{:.10f}", to_double(cf.star(k))),
                       fmt::format("{:.12e}", to_double(r.cmp.sigma(k))), e4(to_double(S(abs(r.cmp.sigma(k) - cf.star(k))))),
                       fmt::format("{:.10f}", to_double(cf.control(k)))});
  c.tables.push_back(std::move(ts));
  c.extra["closed_form_rank"] = cf.rank;
  c.extra["gd_steps"] = r.gd.steps;
  c.extra["digits"] = r.cmp.digits;
  c.headline_item(fmt::format("{:.1f} digits, rank {}", r.cmp.digits, cf.rank), "GD + WD vs soft-thresholded spectrum: {}");
  c.extra["spectrum"] = {{"data", to_doubles(cf.s)}, {"closed_form", to_doubles(cf.star)}, {"gd", to_doubles(r.cmp.sigma)}};
  CaseTable tg{fmt::format("SGD with weight decay (double, mu = {}, lambda = {}, {} steps = GD's, {} runs, seed {}): "
                           "epsilon-rank of W2 W1 at the end (epsilon = {:g}), against the closed form's rank {}",
                           mu, lambda, std::max(r.gd.steps, 1L), ctx.samples, ctx.seed, kRank4Epsilon, cf.rank),
               {"B", "mean epsilon-rank", "± se", "max", "runs above the closed form's rank"},
               {}};
  for (const Rank4SgdRanks& g : r.sgd) {
    tg.rows.push_back({std::to_string(g.B), fmt::format("{:.3f}", g.rank.mean), fmt::format("{:.3f}", g.rank.se), std::to_string(g.max),
                       std::to_string(g.above)});
    c.extra[fmt::format("sgd_mean_rank_B{}", g.B)] = g.rank.mean;
  }
  c.tables.push_back(std::move(tg));
  c.figures.push_back(spectrum_figure(r, spec));
}

}  // namespace
}  // namespace rank4

template <class S> Case rank_closed_form_case(const RunContext& ctx, const ProblemSpec& spec, Rank4Measurement<S>* measured) {
  const auto t0 = std::chrono::steady_clock::now();
  const Problem<S> pr = build_problem<S>(spec);
  const MatrixNet<S>& m = matrix_net(*pr.model);
  const int N = m.num_examples();
  const S mu = rank_mu<S>(spec, kRank4Mu), lambda = rank_lambda<S>(spec, kRank4Lambda), two_l = 2 * lambda;
  const Mat<S> G = m.X().transpose() * m.X() / S(N);
  if ((G - Mat<S>::Identity(G.rows(), G.cols())).cwiseAbs().maxCoeff() > tol::ulps<S>(4 * N))
    throw ProblemError(spec.origin + ": RANK-4 needs whitened inputs, X'X/N = I");
  Rank4Measurement<S> r;
  r.cf = rank4::closed_form<S>(m, two_l, lambda);
  if (m.hidden() < r.cf.rank) throw ProblemError(spec.origin + fmt::format(": RANK-4 needs hidden >= {} (the rank of the closed form)", r.cf.rank));
  Case c = new_case<S>(ctx, spec, m, "closed form of linear2 with weight decay");
  c.solver = fmt::format("GD with weight decay in {} (mu = {}, lambda = {}) until |grad (L + lambda |theta|^2)| <= 2^8 eps "
                         "max(1, |theta|); SGD with weight decay in double, {} runs per batch size B under sub_seed({}, \"RANK-4 batch\", B)",
                         scalar_name<S>(), rank_text(spec.h0, kRank4Mu), rank_text(spec.weight_decay, kRank4Lambda), ctx.samples, ctx.seed);
  const double mu_d = to_double(mu), lam_d = to_double(lambda);  // SGD's, in double
  rank4::measure_runs<S>(ctx, spec, m, {mu, lambda, N, BatchSampling::WithoutReplacement}, pr.theta0, mu_d, lam_d, r);
  rank4::judge(r, c);
  rank4::present(r, ctx, spec, mu_d, lam_d, c);
  if (measured) *measured = r;
  return finish_case(std::move(c), 0, t0);
}

#define IRVERIFY_INST(S) template Case rank_closed_form_case<S>(const RunContext&, const ProblemSpec&, Rank4Measurement<S>*);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace rank4 {

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "RANK-4";
  c.title = "Weight decay on both factors of a linear network soft-thresholds the singular values";
  c.paper = "Srebro, Rennie & Jaakkola, NIPS 2005 (Lemma 1: min over W2 W1 = W of (|W1|^2 + |W2|^2)/2 = |W|_*); Cai, Candes & "
      "Shen, SIAM J. Optim. 2010 (Thm. 2.1: singular value soft-thresholding); the anchor of Galanti et al. 2022's "
      "rank claims";
  c.statement = "For linear2 with whitened inputs (X'X/N = I), the global minimizers of L + lambda (|W1|^2 + |W2|^2) have the product "
      "U diag(max(s_k - 2 lambda, 0)) V' (M = Y'X/N = U diag(s) V'), of rank #{s_k > 2 lambda}, with balanced factors; GD "
      "with weight decay reaches it, and SGD with weight decay at the same lambda ends at a rank no higher.";
  c.verdict_rule = fmt::format("GD with weight decay in mp50 until the regularized gradient is at the rounding floor (2^8 eps): the product's "
      "singular values agree with the closed form within |field|/separation + 64 eps s_1, its rank and the balance "
      "|W1|^2 = |W2|^2 = |W|_* likewise; SGD with weight decay (B = 1 and N/2, {} runs each, double) ends at "
      "epsilon-rank <= the closed form's (epsilon = {:g}) in every run.",
      kRank4Runs, kRank4Epsilon);
  c.negative_control = "The threshold lambda instead of 2 lambda (the factor 2 of the nuclear-norm form dropped) must be refuted by the "
      "same comparison; GD that does not reach the floor within the step limit leaves everything unresolved (fails).";
  c.precision = "mp50";
  c.seed = kRank4Seed;
  c.samples = kRank4Runs;
  c.samples_are = "SGD runs per batch size";
  c.simulation_precision = "double";
  c.not_applicable = rank4_not_applicable;
  c.problems = rank4_problems;
  c.eigen_size = EigenSize::None;
  c.forms_hessian = false;  // SGD on the weight matrices and their SVDs
  c.steps_on_batch = true;
  c.summary_expected = "agreement to the rounding floor; SGD epsilon-rank <= it; threshold lambda refuted";
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return rank_closed_form_case<typename decltype(tag)::type>(ctx, s);
  });
  return c;
}());

}  // namespace rank4

}  // namespace irverify
