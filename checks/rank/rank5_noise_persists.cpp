#include "checks/rank/rank5_noise_persists.hpp"

#include "checks/rank/rank4_closed_form.hpp"
#include "checks/rank/rank_setup.hpp"
#include "theory/problem/generator.hpp"

#include <algorithm>
#include <cmath>

namespace irverify {

ProblemSpec interpolating_problem(std::uint64_t seed) {
  ProblemSpec s = whitened_problem(seed);
  const int N = s.num_examples(), p = s.features(), q = s.outputs, h = s.hidden;
  // M = Y'X/N exactly: the labels are multiples of 2^-6 and X is +-1, so M is a multiple of 2^-6 / N (= 2^-9).
  std::vector<std::string> th;
  for (int j = 0; j < h; ++j)
    for (int l = 0; l < p; ++l) {
      long long acc = 0;  // in units of 2^-6
      if (j < q)
        for (int i = 0; i < N; ++i) acc += std::llround(std::stod(s.data[i][p + j]) * 64) * std::stoll(s.data[i][l]);
      th.push_back(dyadic_text(acc, 6 + static_cast<int>(std::log2(N))));
    }
  for (int k = 0; k < q; ++k)
    for (int j = 0; j < h; ++j) th.push_back(k == j ? "1" : "0");
  s.theta0 = th;
  s.name = fmt::format("linear2-whitened-interpolating-s{}", seed);
  s.origin = fmt::format("interpolating_problem(seed={})", seed);
  validate(s);
  return s;
}

std::vector<ProblemSpec> rank5_problems() { return {interpolating_problem(3)}; }

namespace rank5 {
namespace {

// One run's steps, an observer of weight_decay_runs: the sums of |theta_(t+1) - theta_t| over the two halves of the
// window of `window` steps after `relax` steps.
template <class S> struct WindowSteps {
  long relax, window;
  Vec<S> prev;
  double a = 0, b = 0;
  void operator()(long t, const Vec<S>& x, const WeightDecayStep<S>&) {
    if (t < relax) return;
    if (t > relax) (t - relax - 1 < window / 2 ? a : b) += to_double(S((x - prev).norm()));
    prev = x;
  }
};
template <class S>
Rank5Window window_means(const RunContext& ctx, const MatrixNet<S>& m, const Vec<S>& theta0, const WeightDecay<S>& wd, long relax, long window,
                         std::uint64_t seed) {
  const std::vector<WindowSteps<S>> runs = weight_decay_runs<S>(m, wd, theta0, relax + window, seed, {ctx.control(ctx.samples), 4},
                                                                [&] { return WindowSteps<S>{relax, window, {}, 0, 0}; });
  std::vector<double> a, b;
  for (const auto& r : runs) a.push_back(r.a / double(window / 2)), b.push_back(r.b / double(window - window / 2));
  return {mean_se(a), mean_se(b)};
}

// GD with weight decay until |theta_(t+1) - theta_t| <= floor_rel max(1, |theta_(t+1)|), at most kRank5GdMaxSteps steps.
template <class S>
Rank5Gd<S> gd_to_floor(const RunContext& ctx, const MatrixNet<S>& m, const WeightDecay<S>& wd, const Vec<S>& theta0, const S& floor_rel) {
  S last(0);
  const auto at_floor = [&](long, const Vec<S>& before, const Vec<S>& x, const WeightDecayStep<S>&) {
    last = (x - before).norm();
    return last <= floor_rel * std::max(S(1), S(x.norm()));
  };
  const WeightDecayEnd<S> r = weight_decay_until<S>(m, wd, theta0, kRank5GdMaxSteps, ctx.seed, 0, ctx.deadline, at_floor);
  return {last, r.end.steps, r.end.stopped};
}

// The schemes B = 1 and N/2 (B < N; seed sub_seed(seed, "RANK-5 batch", B)), GD (B = N, the batch of `gd`), and the
// control B = 1 at lambda = 0 (seed sub_seed(seed, "RANK-5 control", 0)), from theta0.
template <class S>
Rank5Measurement<S> measure(const RunContext& ctx, const MatrixNet<S>& m, const Vec<S>& theta0, const WeightDecay<S>& gd, long relax, long window) {
  const S floor_rel = tol::ulps<S>(64);  // a step below 64 eps max(1, |theta|) is rounding
  Rank5Measurement<S> r;
  r.floor = to_double(S(floor_rel * std::max(S(1), S(theta0.norm()))));
  for (int B : {1, std::max(1, gd.batch / 2)}) {
    if (B >= gd.batch) continue;
    ctx.heartbeat(fmt::format("B = {}: {} runs x {} steps", B, ctx.samples, relax + window));
    const WeightDecay<S> wd{gd.mu, gd.lambda, B, BatchSampling::WithoutReplacement};
    r.schemes.push_back({B, to_string_full(gd.lambda), window_means<S>(ctx, m, theta0, wd, relax, window, sub_seed(ctx.seed, "RANK-5 batch", static_cast<std::uint64_t>(B)))});
  }
  r.gd = gd_to_floor<S>(ctx, m, gd, theta0, floor_rel);
  const WeightDecay<S> control{gd.mu, S(0), 1, BatchSampling::WithoutReplacement};  // lambda = 0 at the interpolating start
  r.control = window_means<S>(ctx, m, theta0, control, relax, window, sub_seed(ctx.seed, "RANK-5 control", 0));
  return r;
}

// "Keeps moving": the second half's mean step resolved (99.9%) above the floor and above half the first half's;
// refuted when the second half is resolved at the floor.
Outcome keeps_moving(const Rank5Window& w, double floor) {
  const double lo_b = w.b.mean - kZ999 * w.b.se, hi_a = w.a.mean + kZ999 * w.a.se;
  if (lo_b > floor && lo_b > 0.5 * hi_a) return kHolds;
  return w.b.mean + kZ999 * w.b.se <= floor ? kRefuted : kUnresolved;
}
const char* moving_text(Outcome o) { return o == kHolds ? "keeps moving" : o == kRefuted ? "converged" : "unresolved"; }

template <class S> void judge(const Rank5Measurement<S>& r, Case& c) {
  bool moving = true, resolved = true;
  for (const Rank5Scheme& s : r.schemes) {
    const Outcome o = keeps_moving(s.steps, r.floor);
    moving = moving && o == kHolds;
    resolved = resolved && o != kUnresolved;
  }
  c.state("with lambda > 0 and B < N the iterates keep moving at stationarity (mean step resolved above the floor and not "
          "halving across the window)", kHolds, outcome_of(moving, resolved));
  c.state("with B = N (GD with weight decay) the iterates converge (step at the rounding floor)", kHolds, outcome_of(r.gd.converged),
          fmt::format("last step {:.3e} after {} steps", to_double(r.gd.last), r.gd.steps));
  c.state("control: with lambda = 0 at an interpolating solution the iterates keep moving (B = 1)", kRefuted, keeps_moving(r.control, r.floor),
          fmt::format("mean step {:.3e} ± {:.1e}", r.control.b.mean, r.control.b.se));
}

template <class S> void present(const Rank5Measurement<S>& r, const std::string& lambda, int N, Case& c) {
  CaseTable tt{"Mean step |theta_(t+1) - theta_t| over the window's first and second half (mean over runs ± se); rounding "
               "floor 64 eps max(1, |theta|)",
               {"scheme", "lambda", "first half", "± se", "second half", "± se", "floor", "outcome"},
               {}};
  double step_b1 = 0;
  for (const Rank5Scheme& s : r.schemes) {
    const Rank5Window& w = s.steps;
    tt.rows.push_back({fmt::format("B = {}", s.B), s.lambda, e4(w.a.mean), e4(w.a.se), e4(w.b.mean), e4(w.b.se), e4(r.floor),
                       moving_text(keeps_moving(w, r.floor))});
    c.extra[fmt::format("mean_step_B{}", s.B)] = w.b.mean;
    if (s.B == 1) step_b1 = w.b.mean;
  }
  tt.rows.push_back({fmt::format("B = N = {} (GD)", N), lambda, "", "", e4(to_double(r.gd.last)), "", e4(r.floor),
                     fmt::format("{} in {} steps", r.gd.converged ? "converged" : "not converged", r.gd.steps)});
  c.extra["gd_steps"] = r.gd.steps;
  c.headline_item(fmt::format("mean step {:.3e} (B = 1), GD converged in {} steps", step_b1, r.gd.steps));
  const Rank5Window& w = r.control;
  tt.rows.push_back({"B = 1 (control)", "0", e4(w.a.mean), e4(w.a.se), e4(w.b.mean), e4(w.b.se), e4(r.floor), moving_text(keeps_moving(w, r.floor))});
  c.tables.push_back(std::move(tt));
}

// The control needs an interpolating start: every residual at rounding level (L(theta0) <= (64 eps max(1, |Y|))^2 q).
template <class S> void require_interpolating(const ProblemSpec& spec, const MatrixNet<S>& m, const Vec<S>& theta0) {
  const S e = eps<S>(), scale = std::max(S(1), S(m.Y().cwiseAbs().maxCoeff()));
  const S loss0 = m.loss(theta0, m.all_examples());
  if (loss0 > S(64 * 64) * e * e * scale * scale * S(m.outputs()))
    throw ProblemError(spec.origin + fmt::format(": RANK-5's control starts at an interpolating theta0; L(theta0) = {:.3e}", to_double(loss0)));
}

}  // namespace
}  // namespace rank5

template <class S> Case rank_noise_case(const RunContext& ctx, const ProblemSpec& spec, Rank5Measurement<S>* measured) {
  const auto t0 = std::chrono::steady_clock::now();
  const Problem<S> pr = build_problem<S>(spec);
  const MatrixNet<S>& m = matrix_net(*pr.model);
  const int N = m.num_examples();
  const S mu = rank_mu<S>(spec, kRank4Mu), lambda = rank_lambda<S>(spec, kRank4Lambda);
  if (!(lambda > 0)) throw ProblemError(spec.origin + ": RANK-5 needs weight_decay > 0 (lambda = 0 is its control)");
  rank5::require_interpolating(spec, m, pr.theta0);
  Case c = new_case<S>(ctx, spec, m, "step sizes at stationarity");
  const S decay_rate = 2 * mu * lambda;
  const long relax = static_cast<long>(std::ceil(to_double(S(16 / decay_rate)))), window = 2 * static_cast<long>(std::ceil(to_double(S(4 / decay_rate))));
  c.solver = fmt::format("SGD with weight decay in {}: mu = {}, lambda = {}, {} runs per scheme (under sub_seed({}, \"RANK-5 batch\", B) and \"RANK-5 control\"), {} steps to "
                         "stationarity (16 / (2 mu lambda)) then a window of {} steps in two halves",
                         scalar_name<S>(), rank_text(spec.h0, kRank4Mu), rank_text(spec.weight_decay, kRank4Lambda), ctx.samples, ctx.seed, relax, window);
  const Rank5Measurement<S> r = rank5::measure<S>(ctx, m, pr.theta0, {mu, lambda, N, BatchSampling::WithoutReplacement}, relax, window);
  rank5::judge(r, c);
  rank5::present(r, to_string_full(lambda), N, c);
  if (measured) *measured = r;
  return finish_case(std::move(c), 0, t0);
}

#define IRVERIFY_INST(S) template Case rank_noise_case<S>(const RunContext&, const ProblemSpec&, Rank5Measurement<S>*);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace rank5 {

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "RANK-5";
  c.title = "With weight decay SGD's noise persists; the full batch converges";
  c.paper = "Galanti, Siegel, Gupte & Poggio, SGD and Weight Decay Secretly Minimize the Rank, arXiv 2206.05794 (Sec. 3: with "
      "weight decay the minibatch noise does not vanish at convergence)";
  c.statement = "With lambda > 0 and B < N, SGD with weight decay keeps moving at stationarity (E|theta_(t+1) - theta_t| bounded "
      "below); with B = N it converges.";
  c.verdict_rule = fmt::format("On the whitened linear2 problem started at an interpolating solution (double, {} runs per scheme): after "
      "16/(2 mu lambda) steps, the mean step over a window of 8/(2 mu lambda) steps is resolved (99.9%) above the "
      "rounding floor 64 eps max(1, |theta|) and its second half above half the first (B = 1 and N/2); GD with "
      "weight decay reaches that floor within {} steps.",
      kRank5Runs, kRank5GdMaxSteps);
  c.negative_control = "With lambda = 0 at the interpolating start (every per-example gradient zero), \"the iterates keep moving\" must be "
      "refuted (mean step at the floor); a file whose theta0 does not interpolate is refused with the reason.";
  c.precision = "double";
  c.seed = kRank5Seed;
  c.samples = kRank5Runs;
  c.samples_are = "runs per batch size";
  c.not_applicable = [](const ProblemSpec& s) { return rank_not_applicable(s); };
  c.problems = rank5_problems;
  c.eigen_size = EigenSize::None;
  c.forms_hessian = false;  // SGD on the weight matrices and their SVDs
  c.steps_on_batch = true;
  c.summary_expected = "SGD + WD keeps moving, GD + WD converges; lambda = 0 at interpolation converges";
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return rank_noise_case<typename decltype(tag)::type>(ctx, s);
  });
  return c;
}());

}  // namespace rank5

}  // namespace irverify
