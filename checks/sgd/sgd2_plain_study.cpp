#include "checks/sgd/sgd2_plain_study.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/case.hpp"
#include "checks/framework/study.hpp"
#include "checks/sgd/mc_error.hpp"
#include "checks/sgd/sgd2_monte_carlo.hpp"
#include "checks/framework/sgd_setup.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "solvers/order/order_fit.hpp"
#include "solvers/parallel/process_group.hpp"
#include "solvers/sgd/kernel_monte_carlo.hpp"
#include "solvers/simd/aligned.hpp"
#include "theory/losses/sgd_modified_loss.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <numeric>

namespace irverify {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Mean of theta_m over all m! orders through the kernel (double), accumulated from r as mc_mean does.
Vec<double> kernel_exact_mean(const SgdKernel& k, const Vec<double>& th0, const Vec<double>& r) {
  const int m = k.batches(), d = k.dim();
  std::vector<int> pi(m);
  std::iota(pi.begin(), pi.end(), 0);
  Vec<double> sum = Vec<double>::Zero(d), x(d);
  long n = 0;
  AlignedVector<double> start(k.stride()), state(k.stride());
  k.pack(th0.data(), start.data());
  do {
    state = start;
    k.epochs(pi.data(), state.data(), 1, best_isa());
    k.unpack(state.data(), x.data());
    sum += x - r;
    ++n;
  } while (std::next_permutation(pi.begin(), pi.end()));
  return r + sum / double(n);
}

}  // namespace

namespace sgd2_plain {

// A level's plan and what its run measures against: the mp50 exact mean and flows, the double first-order mean
// (the accumulation reference) and the kernel.
struct PlannedLevel {
  PlainStudyLevel out;
  double pilot_rate = 0;  // pilot epochs per second
  Vec<mp50> flow, control, exact;
  Vec<double> ref;
  std::unique_ptr<SgdKernel> kernel;
};

void check_options(const PlainStudyOptions& opt) {
  if (opt.levels < 3 || opt.levels_needed < 3 || opt.levels_needed > opt.levels || opt.pilot < 64 || !(opt.resolve >= 1))
    throw std::invalid_argument("sgd2_plain_study: need 3 <= levels_needed <= levels, pilot >= 64, resolve >= 1");
}

// Level k at eps: theory (mp50), floor (double), pilot, plan.
PlannedLevel plan_level(const SgdSetup<mp50>& st, const PlainStudyOptions& opt, int k, const mp50& eps) {
  using S = mp50;
  const RunContext& ctx = st.ctx;
  const ProblemSpec& spec = st.pr.spec;
  const Model<S>& m = st.model();
  const Vec<S>& th0 = st.theta0();
  const Vec<double> th0d = th0.unaryExpr([](const S& x) { return to_double(x); });
  const int nb = st.batches();
  ctx.note(fmt::format("level {}: eps = {:.4g}: exact mean (mp50, {} orders), modified flow, pilot", k, to_double(eps),
                       std::tgamma(nb + 1)));
  PlannedLevel L;
  L.out.eps = to_double(eps);
  if (S(L.out.eps) != eps) throw ProblemError(spec.origin + ": the ladder's steps are not exact in double (give h0 as a power of two)");
  L.exact = exact_epoch_mean(m, st.part, th0, eps, ctx.deadline).mean;
  L.flow = TaylorFlow<S>(sgd_modified_field(m, st.part, eps, S(1) / 4), ctx.deadline).integrate(th0, S(nb) * eps);
  L.control = TaylorFlow<S>(sgd_modified_field(m, st.part, eps, S(1) / 2), ctx.deadline).integrate(th0, S(nb) * eps);
  L.out.distance = to_double(S((L.exact - L.flow).norm()));
  L.ref = first_order_mean(m, st.part, th0, eps).unaryExpr([](const S& x) { return to_double(x); });
  L.kernel = make_sgd_kernel(spec, st.part, L.out.eps);
  const Vec<S> floor_mean = kernel_exact_mean(*L.kernel, th0d, L.ref).unaryExpr([](double x) { return S(x); });
  L.out.double_floor = to_double(S((floor_mean - L.exact).norm()));
  const auto tp = Clock::now();
  McOptions po{ctx.control(), false};
  po.run.samples = opt.pilot;
  const McEstimate<double> p = mc_kernel_mean(*L.kernel, th0d, L.ref, po, best_isa());
  L.pilot_rate = opt.pilot / std::max(since(tp), 1e-9);
  L.out.pilot_noise = per_sample_noise(p);
  const double want = std::ceil(std::pow(opt.resolve * L.out.pilot_noise / L.out.distance, 2) / kMcBlock) * kMcBlock;
  if (!(want < 4294967296.0))
    throw ProblemError(fmt::format("{}: level {} (eps = {:.4g}) would need {:.3g} epochs, beyond the 2^32 orders of one "
                                   "seed: use fewer levels or a smaller resolve",
                                   spec.origin, k, L.out.eps, want));
  L.out.epochs = std::max(opt.pilot, static_cast<long>(want));
  return L;
}

// Level k's run: L.out.epochs plain epochs; the errors against the flows and the exact mean, with their sigmas.
PlainStudyLevel run_level(const RunContext& ctx, const PlannedLevel& L, std::size_t k, const Vec<double>& th0d) {
  using S = mp50;
  PlainStudyLevel r = L.out;
  McOptions mo{ctx.control(), false};
  mo.run.samples = r.epochs;
  mo.run.progress = [&, k](long done, long total, double secs) {
    ctx.heartbeat(fmt::format("level {}: {}", k, progress_text(done, total, secs, "epochs")));
  };
  const auto t0 = Clock::now();
  const McEstimate<double> e = mc_kernel_mean(*L.kernel, th0d, L.ref, mo, best_isa());
  r.seconds = since(t0);
  McEstimate<S> es;  // the estimate in mp50, to measure against the mp50 targets
  es.mean = e.mean.unaryExpr([](double x) { return S(x); });
  es.std_error = e.std_error.unaryExpr([](double x) { return S(x); });
  const auto [ef, sf] = error_and_sigma(es, L.flow);
  const auto [ee, se] = error_and_sigma(es, L.exact);
  const auto [ec, sc] = error_and_sigma(es, L.control);
  r.error = to_double(ef);
  r.sigma = sf;
  r.error_to_exact_in_sigma = to_double(ee) / se;
  r.error_control = to_double(ec);
  r.sigma_control = sc;
  ctx.note(fmt::format("level {}: eps = {:.4g}, {} epochs in {:.1f} s: |mean - phi~| = {:.4e} +- {:.2e} (D = {:.4e}); "
                       "|mean - E| = {:.2f} sigma",
                       k, r.eps, r.epochs, r.seconds, r.error, r.sigma, r.distance, r.error_to_exact_in_sigma));
  return r;
}

// The order fits over the whole ladder: points above kMcMargin sigma, all `levels` in the tail.
void fit_levels(const PlainStudyOptions& opt, PlainStudyResult& r) {
  std::vector<double> h, err, sigma, err_c, sigma_c;
  for (const PlainStudyLevel& l : r.levels) {
    h.push_back(l.eps);
    err.push_back(l.error);
    sigma.push_back(l.sigma);
    err_c.push_back(l.error_control);
    sigma_c.push_back(l.sigma_control);
  }
  OrderFitOptions fo;
  fo.margin = kMcMargin;
  fo.sigma = sigma;
  fo.tail = opt.levels;
  fo.min_points = opt.levels_needed;
  r.fit = fit_order(h, err, fo);
  fo.sigma = sigma_c;
  r.control = fit_order(h, err_c, fo);  // the same estimates against the flow with eps/(2m)
  r.resolved_levels = static_cast<int>(std::count(r.fit.excluded.begin(), r.fit.excluded.end(), false));
}

// Order 3 resolved on at least levels_needed levels, with the double floor clear; the control's order 3 refuted.
void judge(const PlainStudyOptions& opt, PlainStudyResult& r) {
  const double half = 1.96 * r.fit.slope_stderr, half_c = 1.96 * r.control.slope_stderr;
  r.floor_clear = std::all_of(r.levels.begin(), r.levels.end(),
                              [](const PlainStudyLevel& l) { return l.double_floor < l.distance / 100; });
  r.order_3_resolved = r.fit.ok && r.resolved_levels >= opt.levels_needed && mc_order_matches(r.fit, 3, kOrderTolerance) &&
                       half <= kMcMaxHalfWidth && r.floor_clear;
  r.control_refuted = r.control.ok && half_c <= kMcMaxHalfWidth && !mc_order_matches(r.control, 3, kOrderTolerance);
}

}  // namespace sgd2_plain

PlainStudyResult sgd2_plain_study(const RunContext& ctx, const ProblemSpec& spec, const PlainStudyOptions& opt) {
  using S = mp50;
  sgd2_plain::check_options(opt);
  const auto t_start = Clock::now();
  const SgdSetup<S> st(ctx, spec);
  const Isa isa = best_isa();
  std::vector<sgd2_plain::PlannedLevel> plan;
  S eps = st.eps0;
  for (int k = 0; k < opt.levels; ++k, eps /= 2) plan.push_back(sgd2_plain::plan_level(st, opt, k, eps));
  PlainStudyResult r;
  r.problem = spec;
  r.batches = st.batches();
  r.batch_size = st.part[0].size();
  r.seed = ctx.seed;
  r.pilot = opt.pilot;
  r.resolve = opt.resolve;
  r.threads = ctx.threads;
  r.processes = ctx.group ? ctx.group->size() : 1;
  r.isa = isa_name(isa);
  double planned = 0;
  for (const sgd2_plain::PlannedLevel& L : plan) {
    planned += L.out.epochs / L.pilot_rate;
    r.total_epochs += L.out.epochs;
  }
  ctx.note(fmt::format("plan: {} epochs in all ({:.3g} per-example gradients), about {:.0f} s on {} thread(s) ({})",
                       r.total_epochs, double(r.total_epochs) * st.model().num_examples(), planned, r.threads, r.isa));
  const Vec<double> th0d = st.theta0().unaryExpr([](const S& x) { return to_double(x); });
  for (std::size_t k = 0; k < plan.size(); ++k) {
    r.levels.push_back(sgd2_plain::run_level(ctx, plan[k], k, th0d));
    r.run_seconds += r.levels.back().seconds;
  }
  sgd2_plain::fit_levels(opt, r);
  sgd2_plain::judge(opt, r);
  r.total_seconds = since(t_start);
  return r;
}

namespace sgd2_plain {  // the study's registration

nlohmann::json level_record(const PlainStudyLevel& l) {
  return {{"eps", l.eps},
          {"distance_exact_to_flow", l.distance},
          {"double_floor", l.double_floor},
          {"pilot_noise_per_epoch", l.pilot_noise},
          {"epochs", l.epochs},
          {"error_to_flow", l.error},
          {"sigma", l.sigma},
          {"error_to_exact_in_sigma", l.error_to_exact_in_sigma},
          {"error_to_control_flow", l.error_control},
          {"sigma_control", l.sigma_control},
          {"seconds", l.seconds},
          {"epochs_per_second", l.epochs / l.seconds}};
}

// The study's record: plan, per-level results, fits, verdict and timings.
nlohmann::json study_record(const PlainStudyResult& r) {
  nlohmann::json levels = nlohmann::json::array();
  for (const PlainStudyLevel& l : r.levels) levels.push_back(level_record(l));
  const OrderFit &f = r.fit, &c = r.control;
  return {{"study", "sgd2-plain"},
          {"problem", r.problem.to_json()},
          {"partition", {{"batches", r.batches}, {"batch_size", r.batch_size}}},
          {"seed", r.seed},
          {"pilot_epochs", r.pilot},
          {"resolve", r.resolve},
          {"threads", r.threads},
          {"processes", r.processes},
          {"isa", r.isa},
          {"levels", levels},
          {"fit", {{"slope", f.slope}, {"half_width_95", 1.96 * f.slope_stderr}, {"resolved_levels", r.resolved_levels},
                   {"ok", f.ok}, {"note", f.note}}},
          {"control", {{"coefficient", "eps/(2m) (wrong)"}, {"slope", c.slope}, {"half_width_95", 1.96 * c.slope_stderr},
                       {"ok", c.ok}, {"note", c.note}, {"order_3_refuted", r.control_refuted}}},
          {"order_3_resolved", r.order_3_resolved},
          {"double_floor_below_distance_over_100", r.floor_clear},
          {"total_epochs", r.total_epochs},
          {"run_seconds", r.run_seconds},
          {"total_seconds", r.total_seconds},
          {"verdict", r.pass() ? "pass" : "fail"}};
}

// The terminal's table of a study.
std::string study_text(const PlainStudyResult& r) {
  std::string t = fmt::format("SGD-2 plain-average study on {} ({} process(es) x {} thread(s), {}, seed {}): {} epochs in "
                              "{:.1f} s\n\n",
                              r.problem.name, r.processes, r.threads, r.isa, r.seed, r.total_epochs, r.total_seconds);
  t += "| eps | D = \\|E - phi~\\| | epochs | \\|mean - phi~\\| | sigma | \\|mean - E\\| / sigma | double floor | s |\n"
       "|---|---|---|---|---|---|---|---|\n";
  for (const PlainStudyLevel& l : r.levels)
    t += fmt::format("| {:.4g} | {:.4e} | {} | {:.4e} | {:.2e} | {:.2f} | {:.1e} | {:.1f} |\n", l.eps, l.distance, l.epochs,
                     l.error, l.sigma, l.error_to_exact_in_sigma, l.double_floor, l.seconds);
  t += fmt::format("\nfitted order {:.3f} +- {:.3f} (95%) over {} resolved levels: order 3 {}\n"
                   "control (coefficient eps/(2m)): fitted order {:.3f} +- {:.3f}: order 3 {}\n",
                   r.fit.slope, 1.96 * r.fit.slope_stderr, r.resolved_levels, r.order_3_resolved ? "resolved" : "NOT resolved",
                   r.control.slope, 1.96 * r.control.slope_stderr, r.control_refuted ? "refuted" : "NOT refuted");
  return t;
}

const StudyRegistration kRegistration([] {
  Study s;
  s.name = "sgd2-plain";
  s.description = "SGD-2's plain averages, long enough to resolve the O(eps^3) term at every level";
  s.seed = kSgdMcSeed;
  s.options = {{"levels", "Ladder levels, all of which must resolve order 3", 8, 3, 12, true},
               {"resolve", "Planned standard error = distance / resolve", 8, 1, 1e3, false},
               {"pilot", "Epochs per level for the variance estimate", double(1L << 14), 64, double(1L << 30), true}};
  s.problem_help = "Problem file whose model has a SIMD kernel: least-squares, diag nets, two-layer, linear2/relu2 "
                   "(default: SGD-2's least-squares-n8-p4-s1)";
  s.default_problem = [] { return generate_problem("least-squares", 1); };
  s.run = [](const RunContext& ctx, const ProblemSpec& spec, const StudyArgs& a) {
    PlainStudyOptions o;
    o.levels = o.levels_needed = static_cast<int>(a.at("levels"));
    o.resolve = a.at("resolve");
    o.pilot = static_cast<long>(a.at("pilot"));
    const PlainStudyResult r = sgd2_plain_study(ctx, spec, o);
    return StudyResult{study_record(r), study_text(r), r.pass()};
  };
  return s;
}());

}  // namespace sgd2_plain

}  // namespace irverify
