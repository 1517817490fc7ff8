#include "checks/rank/rank3_trends.hpp"

#include "checks/rank/rank_setup.hpp"
#include "theory/problem/generator.hpp"

#include <algorithm>
#include <cmath>

namespace irverify {

std::vector<ProblemSpec> rank3_problems() {
  std::vector<ProblemSpec> v;
  for (const auto& [model, seed] : {std::pair<const char*, std::uint64_t>{"linear2", 31}, {"relu2", 32}})
    v.push_back(scaled_matrix_problem(generate_problem(model, seed, {32, 16, 16, 16}), 2, 2, 3));
  return v;
}

namespace rank3 {
namespace {

// A point of an axis: the parameters and x = log2 of the varied one.
struct PlanPoint {
  int B;
  std::string mu, lambda;
  double x;
};
// Its measurement: the mean epsilon-rank of each layer over the runs, and W1's spectrum at the end of run 0.
struct Point {
  PlanPoint at;
  double mean, se;    // epsilon-rank of W1 over the runs
  double mean2, se2;  // of W2
  std::vector<double> spectrum;  // s_k / s_1 of W1 at the end of run 0
};
struct RunRanks {
  int r1, r2;
  Vec<double> s1;  // W1's singular values
};
struct Trend {
  double slope, se;  // per doubling of the parameter
};
// One axis: its points, the stated direction (+1 rises, -1 falls) and the trend in each layer (W1, W2).
struct AxisMeasurement {
  std::string name;
  int sign;
  std::vector<Point> points;
  Trend t[2];
};
struct Rank3Measurement {
  long steps;                      // the training budget of every point
  std::vector<AxisMeasurement> axes;  // B, mu, lambda, mu at lambda = 0
};

// Least-squares slope of the means against x, its standard error from the means' (independent seeds per point).
Trend trend(const std::vector<Point>& p, bool second) {
  double xb = 0;
  for (const auto& q : p) xb += q.at.x;
  xb /= double(p.size());
  double yb = 0;  // centred means: equal means give a slope of exactly 0
  for (const auto& q : p) yb += second ? q.mean2 : q.mean;
  yb /= double(p.size());
  double sxx = 0, sxy = 0, var = 0;
  for (const auto& q : p) {
    const double d = q.at.x - xb, y = (second ? q.mean2 : q.mean) - yb, s = second ? q.se2 : q.se;
    sxx += d * d, sxy += d * y, var += d * d * s * s;
  }
  return {sxy / sxx, std::sqrt(var) / sxx};
}
// "rises" (sign +1) or "falls" (sign -1): holds when the 99.9% interval excludes 0 on that side, refuted when it
// excludes the other side or 0 is the measured slope with no spread.
Outcome trend_outcome(const Trend& t, int sign) {
  const double s = sign * t.slope;
  if (s - kZ999 * t.se > 0) return kHolds;
  if (s + kZ999 * t.se <= 0) return kRefuted;
  return kUnresolved;
}
// Both layers must show the stated direction.
Outcome axis_outcome(const AxisMeasurement& a) {
  const Outcome o1 = trend_outcome(a.t[0], a.sign), o2 = trend_outcome(a.t[1], a.sign);
  return o1 == kHolds && o2 == kHolds ? kHolds : (o1 == kRefuted || o2 == kRefuted) ? kRefuted : kUnresolved;
}

// The four axes about the base point: B (up to N), mu and lambda times 2^k, and mu times 2^k at lambda = 0.
template <class S>
std::vector<std::vector<PlanPoint>> plan_axes(const Rank3Plan& plan, int N, const std::string& mu_base, const std::string& lam_base) {
  std::vector<PlanPoint> pb, pm, pl, pc;
  for (int B : plan.batches)
    if (B <= N) pb.push_back({B, mu_base, lam_base, std::log2(double(B))});
  // mu and lambda: the base times 2^k (exact in decimal: 2^-k = 5^k 10^-k).
  const auto times = [](const std::string& base, int k) {
    const S v = parse_scalar<S>(base) * (k >= 0 ? S(1 << k) : S(1) / S(1 << -k));
    return to_string_full(v);
  };
  const auto log2_of = [](const std::string& v) { return std::log2(std::stod(v)); };
  for (int k : plan.factors) pm.push_back({plan.B, times(mu_base, k), lam_base, log2_of(times(mu_base, k))});
  for (int k : plan.factors) pl.push_back({plan.B, mu_base, times(lam_base, k), log2_of(times(lam_base, k))});
  for (int k : plan.factors) pc.push_back({plan.B, times(mu_base, k), "0", log2_of(times(mu_base, k))});
  return {pb, pm, pl, pc};
}

// One point: plan.runs runs of T steps under `seed`, the epsilon-rank of each layer at the end.
template <class S>
Point measure_point(const RunContext& ctx, const MatrixNet<S>& m, const Vec<S>& theta0, const Rank3Plan& plan, long T, const PlanPoint& q,
                    std::uint64_t seed) {
  const S mu = parse_scalar<S>(q.mu), lam = parse_scalar<S>(q.lambda), eps_rank(plan.epsilon);
  ctx.heartbeat(fmt::format("B = {}, mu = {}, lambda = {}: {} runs x {} steps", q.B, q.mu, q.lambda, plan.runs, T));
  const WeightDecay<S> wd{mu, lam, std::min(q.B, m.num_examples()), BatchSampling::WithoutReplacement};
  const std::vector<RunRanks> r =
      weight_decay_end_points<RunRanks>(m, wd, theta0, T, seed, {ctx.control(plan.runs), 1}, [&](const Vec<S>& x) {
        const Vec<S> s1 = layer_singular_values<S>(m, x, 1);
        return RunRanks{epsilon_rank<S>(s1, eps_rank), epsilon_rank<S>(layer_singular_values<S>(m, x, 2), eps_rank), to_doubles(s1)};
      });
  std::vector<int> a, b;
  for (const auto& run : r) a.push_back(run.r1), b.push_back(run.r2);
  const MeanSe ma = mean_se(a), mb = mean_se(b);
  Point p{q, ma.mean, ma.se, mb.mean, mb.se, {}};
  const Vec<double>& s0 = r.front().s1;
  for (Eigen::Index k = 0; k < s0.size(); ++k) p.spectrum.push_back(s0(0) > 0 ? s0(k) / s0(0) : 0.0);
  return p;
}

// The axes in order, point k (over all axes) under sub_seed(seed, "RANK-3 plan point", k).
template <class S> Rank3Measurement measure(const RunContext& ctx, const MatrixNet<S>& m, const Vec<S>& theta0, const Rank3Plan& plan, long T,
                                            const std::string& mu_base, const std::string& lam_base) {
  const char* const names[] = {"B", "mu", "lambda", "mu at lambda = 0"};
  const int signs[] = {+1, -1, -1, -1};
  const auto axes = plan_axes<S>(plan, m.num_examples(), mu_base, lam_base);
  Rank3Measurement r{T, {}};
  std::uint64_t point = 0;
  for (std::size_t i = 0; i < axes.size(); ++i) {
    AxisMeasurement a{names[i], signs[i], {}, {}};
    for (const PlanPoint& q : axes[i]) a.points.push_back(measure_point<S>(ctx, m, theta0, plan, T, q, sub_seed(ctx.seed, "RANK-3 plan point", point++)));
    a.t[0] = trend(a.points, false), a.t[1] = trend(a.points, true);
    r.axes.push_back(std::move(a));
  }
  return r;
}

std::string evidence(const AxisMeasurement& a) {
  return fmt::format("slopes per doubling {:+.3f} ± {:.3f} (W1), {:+.3f} ± {:.3f} (W2)", a.t[0].slope, a.t[0].se, a.t[1].slope, a.t[1].se);
}

void judge(const Rank3Measurement& r, bool linear, Case& c) {
  const AxisMeasurement &ab = r.axes[0], &am = r.axes[1], &al = r.axes[2], &a0 = r.axes[3];
  // linear2: dW1 = W2' R X' lies in range(W2') and dW2 = R (W1 X)' in range(W1)': the minibatch noise cannot add
  // rank, so once theta0's components have decayed B has no effect (expected refuted). relu2: each example's
  // activation pattern D_i lets its term leave that range, so more examples per step add rank.
  if (linear)
    c.state("linear2: the epsilon-rank rises with the batch size B (its gradient noise stays in range(W2'), range(W1'))", kRefuted,
            axis_outcome(ab), evidence(ab));
  else
    c.state("the epsilon-rank rises with the batch size B (falls with smaller B)", kHolds, axis_outcome(ab), evidence(ab));
  c.state("the epsilon-rank falls with larger step mu", kHolds, axis_outcome(am), evidence(am));
  c.state("the epsilon-rank falls with larger weight decay lambda", kHolds, axis_outcome(al), evidence(al));
  // Control: at lambda = 0 the fall with mu is at least half of that at the base lambda (in both layers).
  bool refuted = true, holds = true;
  for (int l = 0; l < 2; ++l) {
    const double half = 0.5 * (-am.t[l].slope);
    refuted = refuted && -a0.t[l].slope + kZ999 * a0.t[l].se < half - 0.5 * kZ999 * am.t[l].se;
    holds = holds && -a0.t[l].slope - kZ999 * a0.t[l].se > half + 0.5 * kZ999 * am.t[l].se;
  }
  c.state("control: at lambda = 0 the epsilon-rank falls with larger mu (at least half as fast as at the base lambda)", kRefuted,
          refuted ? kRefuted : holds ? kHolds : kUnresolved, evidence(a0));
}

void tables(const Rank3Measurement& r, const Rank3Plan& plan, Case& c) {
  CaseTable tt{fmt::format("Mean epsilon-rank (epsilon = {:g}) of W1 and W2 at the end, ± standard error over {} runs", plan.epsilon, plan.runs),
               {"varied", "B", "mu", "lambda", "steps", "r_e(W1)", "± se", "r_e(W2)", "± se"},
               {}};
  CaseTable tf{"Trends: least-squares slope of the mean epsilon-rank per doubling of the parameter, ± se (99.9% two-sided "
               "decides); both layers must show the stated direction",
               {"axis", "direction", "slope W1", "± se", "slope W2", "± se", "outcome"},
               {}};
  for (const AxisMeasurement& a : r.axes) {
    for (const Point& p : a.points)
      tt.rows.push_back({a.name, std::to_string(p.at.B), p.at.mu, p.at.lambda, std::to_string(r.steps), fmt::format("{:.3f}", p.mean),
                         fmt::format("{:.3f}", p.se), fmt::format("{:.3f}", p.mean2), fmt::format("{:.3f}", p.se2)});
    tf.rows.push_back({a.name, a.sign > 0 ? "rises" : "falls", fmt::format("{:+.3f}", a.t[0].slope), fmt::format("{:.3f}", a.t[0].se),
                       fmt::format("{:+.3f}", a.t[1].slope), fmt::format("{:.3f}", a.t[1].se), outcome_name(axis_outcome(a))});
  }
  c.tables.push_back(std::move(tt));
  c.tables.push_back(std::move(tf));
}

// A panel per axis: the mean epsilon-rank of W1 and W2 with 99.9% bars, a tick at each measured value.
FigurePanel trend_panel(const AxisMeasurement& a) {
  FigurePanel p;
  p.title = a.name;
  p.x = figure_axis(a.name.substr(0, a.name.find(' ')), true);
  p.y = figure_axis("epsilon-rank at the end");
  FigureSeries w1{"W1", {}, {}, {}, {}}, w2{"W2", {}, {}, {}, {}};
  const auto add = [](FigureSeries& s, double x, double mean, double se) {
    s.x.push_back(x), s.y.push_back(mean);
    s.y_low.push_back(mean - kZ999 * se), s.y_high.push_back(mean + kZ999 * se);
  };
  for (const Point& q : a.points) {
    const double x = std::exp2(q.at.x);
    p.x.ticks.push_back(x);
    add(w1, x, q.mean, q.se), add(w2, x, q.mean2, q.se2);
  }
  if (!p.x.ticks.empty()) {  // the end points off the frame
    const auto [lo, hi] = std::minmax_element(p.x.ticks.begin(), p.x.ticks.end());
    p.x.min = *lo * 0.8, p.x.max = *hi * 1.25;
  }
  p.series = {std::move(w1), std::move(w2)};
  return p;
}

// The spectra s_k / s_1 of W1 at the end of run 0, one per lambda (zeros drawn at the bottom edge, 1e-17).
FigurePanel spectra_panel(const AxisMeasurement& lambdas) {
  FigurePanel p;
  p.title = "spectra at the end, per lambda";
  p.x = figure_axis("k");
  p.y = figure_axis("s_k / s_1 of W1 (run 0)", true);
  p.y.min = 1e-17, p.y.max = 2;
  p.x.min = 0.5;
  for (const Point& q : lambdas.points) {
    p.x.max = double(q.spectrum.size()) + 0.5;
    FigureSeries s{fmt::format("lambda = {:g}", std::exp2(q.at.x)), {}, {}, {}, {}};
    for (std::size_t k = 0; k < q.spectrum.size(); ++k) s.x.push_back(double(k + 1)), s.y.push_back(std::max(q.spectrum[k], 1e-17));
    p.series.push_back(std::move(s));
  }
  return p;
}

// The tables, the record fields (per axis: points and slopes), the headline, and the trends figure.
void present(const Rank3Measurement& r, const Rank3Plan& plan, const ProblemSpec& spec, Case& c) {
  tables(r, plan, c);
  nlohmann::json axes = nlohmann::json::object();
  for (const AxisMeasurement& a : r.axes) {
    nlohmann::json ja = nlohmann::json::array();
    for (const Point& p : a.points)
      ja.push_back({{"x", std::exp2(p.at.x)}, {"rank_W1", p.mean}, {"se_W1", p.se}, {"rank_W2", p.mean2}, {"se_W2", p.se2},
                    {"spectrum_W1", p.spectrum}});
    axes[a.name] = {{"points", ja}, {"slope_W1", a.t[0].slope}, {"se_W1", a.t[0].se}, {"slope_W2", a.t[1].slope}, {"se_W2", a.t[1].se}};
  }
  c.extra["trends"] = axes;
  c.extra["epsilon"] = plan.epsilon;
  c.headline_item(fmt::format("slopes/doubling W1: B {:+.2f}, mu {:+.2f}, lambda {:+.2f}, mu at lambda=0 {:+.2f}", r.axes[0].t[0].slope,
                              r.axes[1].t[0].slope, r.axes[2].t[0].slope, r.axes[3].t[0].slope));
  Figure f{"RANK-3-trends-" + spec.name, fmt::format("RANK-3: {} (epsilon = {:g})", spec.name, plan.epsilon),
           "epsilon-rank against B, mu and lambda", 0, {}};
  for (const AxisMeasurement& a : r.axes) f.panels.push_back(trend_panel(a));
  f.panels.push_back(spectra_panel(r.axes[2]));
  c.figures.push_back(std::move(f));
}

}  // namespace
}  // namespace rank3

template <class S> Case rank_trend_case(const RunContext& ctx, const ProblemSpec& spec, const Rank3Plan& plan_in) {
  const auto t0 = std::chrono::steady_clock::now();
  const Problem<S> pr = build_problem<S>(spec);
  const MatrixNet<S>& m = matrix_net(*pr.model);
  Rank3Plan plan = plan_in;
  if (plan.runs == 0) plan.runs = ctx.samples;
  if (spec.batch > 0) plan.B = spec.batch;
  const std::string mu_base = rank_text(spec.h0, plan.mu), lam_base = rank_text(spec.weight_decay, plan.lambda);
  if (!(parse_scalar<S>(lam_base) > 0)) throw ProblemError(spec.origin + ": RANK-3 needs weight_decay > 0 (lambda = 0 is its control)");
  // The training budget, the same at every point (as the paper's experiments train for a fixed number of epochs).
  const long T = static_cast<long>(std::ceil(plan.relax / to_double(S(2 * parse_scalar<S>(mu_base) * parse_scalar<S>(lam_base)))));
  Case c = new_case<S>(ctx, spec, m, "epsilon-rank against B, mu and lambda");
  c.solver = fmt::format("SGD with weight decay in {}, base B = {}, mu = {}, lambda = {}; {} runs per point (point k under sub_seed({}, \"RANK-3 plan point\", k)), "
                         "{} steps everywhere ({:g} / (2 mu lambda) at the base point); epsilon-rank at epsilon = {:g}",
                         scalar_name<S>(), plan.B, mu_base, lam_base, plan.runs, ctx.seed, T, plan.relax, plan.epsilon);
  const rank3::Rank3Measurement r = rank3::measure<S>(ctx, m, pr.theta0, plan, T, mu_base, lam_base);
  rank3::judge(r, m.kind() == "linear2", c);
  rank3::present(r, plan, spec, c);
  return finish_case(std::move(c), 0, t0);
}

#define IRVERIFY_INST(S) template Case rank_trend_case<S>(const RunContext&, const ProblemSpec&, const Rank3Plan&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace rank3 {

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "RANK-3";
  c.title = "The epsilon-rank falls with smaller batch, larger step and larger weight decay";
  c.paper = "Galanti, Siegel, Gupte & Poggio, SGD and Weight Decay Secretly Minimize the Rank, arXiv 2206.05794 (Sec. 4: the "
      "rank of trained layers against batch size, learning rate and weight decay)";
  c.statement = "After a fixed training budget of SGD with weight decay, the epsilon-rank of each weight matrix is lower for smaller "
      "B, larger mu and larger lambda; without weight decay it does not fall with mu.";
  c.verdict_rule = "On linear2 and relu2 (N = 32, p = h = q = 16; features and labels scaled by 1/4, theta0 by 1/8), each of B (1 .. 16), "
      "mu (0.025 .. 0.2) and lambda (0.00625 .. 0.05) varied about B = 4, mu = 0.1, lambda = 0.025, 64 runs per point of "
      "the same 3200 steps (16 / (2 mu lambda) at the base): the least-squares slope of the mean epsilon-rank (epsilon = "
      "1e-3, Frobenius) against log2 of the parameter has the stated sign in both layers at 99.9%. On linear2 the B trend "
      "is expected refuted: its gradient noise stays in the layers' current ranges (dW1 in range(W2'), dW2 in range(W1)'), "
      "so it adds no rank.";
  c.negative_control = "At lambda = 0 (same mu values and budget), \"the rank falls with larger mu at least half as fast as at the base "
      "lambda\" must be refuted in both layers (99.9%).";
  c.precision = "double";
  c.seed = kRank3Seed;
  c.samples = kRank3Runs;
  c.samples_are = "runs per point of each trend";
  c.not_applicable = [](const ProblemSpec& s) { return rank_not_applicable(s); };
  c.problems = rank3_problems;
  c.eigen_size = EigenSize::None;
  c.forms_hessian = false;  // SGD on the weight matrices and their SVDs
  c.steps_on_batch = true;
  c.summary_expected = "rank rises with B, falls with mu and lambda (99.9%); no fall with mu at lambda = 0";
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return rank_trend_case<typename decltype(tag)::type>(ctx, s);
  });
  return c;
}());

}  // namespace rank3

}  // namespace irverify
