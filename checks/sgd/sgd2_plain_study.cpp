#include "checks/sgd/sgd2_plain_study.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/case.hpp"
#include "checks/framework/study.hpp"
#include "checks/sgd/mc_error.hpp"
#include "checks/sgd/sgd2_monte_carlo.hpp"
#include "checks/sgd/sgd_setup.hpp"
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

nlohmann::json sgd2_plain_study(const RunContext& ctx, const ProblemSpec& spec, const PlainStudyOptions& opt) {
  using S = mp50;
  if (opt.levels < 3 || opt.levels_needed < 3 || opt.levels_needed > opt.levels || opt.pilot < 64 || !(opt.resolve >= 1))
    throw std::invalid_argument("sgd2_plain_study: need 3 <= levels_needed <= levels, pilot >= 64, resolve >= 1");
  const auto t_start = Clock::now();
  const SgdSetup<S> st(ctx, spec);
  const Model<S>& m = st.model();
  const Vec<S>& th0 = st.theta0();
  const int nb = st.batches(), threads = ctx.threads;
  const std::uint64_t seed = ctx.seed;
  const Vec<double> th0d = th0.unaryExpr([](const S& x) { return to_double(x); });
  const Isa isa = best_isa();
  const auto say = [&](const std::string& s) { ctx.note(s); };

  struct Level {
    double eps, dist, floor, sd, pilot_rate;
    long epochs;
    Vec<S> flow, control, exact;
    Vec<double> ref;
    std::shared_ptr<const SgdKernel> kernel;
  };
  std::vector<Level> lv;
  S eps = st.eps0;
  for (int k = 0; k < opt.levels; ++k, eps /= 2) {
    say(fmt::format("level {}: eps = {:.4g}: exact mean (mp50, {} orders), modified flow, pilot", k, to_double(eps),
                    std::tgamma(nb + 1)));
    Level L;
    L.eps = to_double(eps);
    if (S(L.eps) != eps) throw ProblemError(spec.origin + ": the ladder's steps are not exact in double (give h0 as a power of two)");
    L.exact = exact_epoch_mean(m, st.part, th0, eps, ctx.deadline).mean;
    L.flow = TaylorFlow<S>(sgd_modified_field(m, st.part, eps, S(1) / 4), ctx.deadline).integrate(th0, S(nb) * eps);
    L.control = TaylorFlow<S>(sgd_modified_field(m, st.part, eps, S(1) / 2), ctx.deadline).integrate(th0, S(nb) * eps);
    L.dist = to_double(S((L.exact - L.flow).norm()));
    L.ref = first_order_mean(m, st.part, th0, eps).unaryExpr([](const S& x) { return to_double(x); });
    L.kernel = make_sgd_kernel(spec, st.part, L.eps);
    const SgdKernel& kern = *L.kernel;
    L.floor = to_double(S((kernel_exact_mean(kern, th0d, L.ref).unaryExpr([](double x) { return S(x); }) - L.exact).norm()));
    const auto tp = Clock::now();
    McOptions po{ctx.control(), false};
    po.run.samples = opt.pilot;
    const McEstimate<double> p = mc_kernel_mean(kern, th0d, L.ref, po, isa);
    L.pilot_rate = opt.pilot / std::max(since(tp), 1e-9);
    L.sd = per_sample_noise(p);
    const double want = std::ceil(std::pow(opt.resolve * L.sd / L.dist, 2) / kMcBlock) * kMcBlock;
    if (!(want < 4294967296.0))
      throw ProblemError(fmt::format("{}: level {} (eps = {:.4g}) would need {:.3g} epochs, beyond the 2^32 orders of one "
                                     "seed: use fewer levels or a smaller resolve",
                                     spec.origin, k, L.eps, want));
    L.epochs = std::max(opt.pilot, static_cast<long>(want));
    lv.push_back(std::move(L));
  }
  double planned = 0;
  long total_epochs = 0;
  for (const Level& L : lv) {
    planned += L.epochs / L.pilot_rate;
    total_epochs += L.epochs;
  }
  say(fmt::format("plan: {} epochs in all ({:.3g} per-example gradients), about {:.0f} s on {} thread(s) ({})",
                  total_epochs, double(total_epochs) * st.model().num_examples(), planned, threads, isa_name(isa)));

  nlohmann::json levels = nlohmann::json::array();
  std::vector<double> h, err, sigma, err_c, sigma_c;
  double run_seconds = 0;
  for (std::size_t k = 0; k < lv.size(); ++k) {
    const Level& L = lv[k];
    McOptions mo{ctx.control(), false};
    mo.run.samples = L.epochs;
    mo.run.progress = [&, k](long done, long total, double secs) {
      ctx.heartbeat(fmt::format("level {}: {}", k, progress_text(done, total, secs, "epochs")));
    };
    const auto t0 = Clock::now();
    const McEstimate<double> e = mc_kernel_mean(*L.kernel, th0d, L.ref, mo, isa);
    const double secs = since(t0);
    run_seconds += secs;
    McEstimate<S> es;  // the estimate in mp50, to measure against the mp50 targets
    es.mean = e.mean.unaryExpr([](double x) { return S(x); });
    es.std_error = e.std_error.unaryExpr([](double x) { return S(x); });
    const auto [ef, sf] = error_and_sigma(es, L.flow);
    const auto [ee, se] = error_and_sigma(es, L.exact);
    const auto [ec, sc] = error_and_sigma(es, L.control);
    h.push_back(L.eps);
    err.push_back(to_double(ef));
    sigma.push_back(sf);
    err_c.push_back(to_double(ec));
    sigma_c.push_back(sc);
    say(fmt::format("level {}: eps = {:.4g}, {} epochs in {:.1f} s: |mean - phi~| = {:.4e} +- {:.2e} (D = {:.4e}); "
                    "|mean - E| = {:.2f} sigma",
                    k, L.eps, L.epochs, secs, to_double(ef), sf, L.dist, to_double(ee) / se));
    levels.push_back({{"eps", L.eps},
                      {"distance_exact_to_flow", L.dist},
                      {"double_floor", L.floor},
                      {"pilot_noise_per_epoch", L.sd},
                      {"epochs", L.epochs},
                      {"error_to_flow", to_double(ef)},
                      {"sigma", sf},
                      {"error_to_exact_in_sigma", to_double(ee) / se},
                      {"error_to_control_flow", to_double(ec)},
                      {"sigma_control", sc},
                      {"seconds", secs},
                      {"epochs_per_second", L.epochs / secs}});
  }
  OrderFitOptions fo;
  fo.margin = kMcMargin;
  fo.sigma = sigma;
  fo.tail = opt.levels;
  fo.min_points = opt.levels_needed;
  const OrderFit fit = fit_order(h, err, fo);
  fo.sigma = sigma_c;
  const OrderFit control = fit_order(h, err_c, fo);  // the same estimates against the flow with eps/(2m)
  const int resolved = static_cast<int>(std::count(fit.excluded.begin(), fit.excluded.end(), false));
  const double half = 1.96 * fit.slope_stderr, half_c = 1.96 * control.slope_stderr;
  const bool floor_clear = std::all_of(lv.begin(), lv.end(), [](const Level& L) { return L.floor < L.dist / 100; });
  const bool holds = fit.ok && resolved >= opt.levels_needed && mc_order_matches(fit, 3, kOrderTolerance) &&
                     half <= kMcMaxHalfWidth && floor_clear;
  const bool control_refuted = control.ok && half_c <= kMcMaxHalfWidth && !mc_order_matches(control, 3, kOrderTolerance);
  const bool ok = holds && control_refuted;
  const double total = since(t_start);
  return {{"study", "sgd2-plain"},
          {"problem", spec.to_json()},
          {"partition", {{"batches", nb}, {"batch_size", st.part[0].size()}}},
          {"seed", seed},
          {"pilot_epochs", opt.pilot},
          {"resolve", opt.resolve},
          {"threads", threads},
          {"processes", ctx.group ? ctx.group->size() : 1},
          {"isa", isa_name(isa)},
          {"levels", levels},
          {"fit", {{"slope", fit.slope}, {"half_width_95", half}, {"resolved_levels", resolved}, {"ok", fit.ok},
                   {"note", fit.note}}},
          {"control", {{"coefficient", "eps/(2m) (wrong)"}, {"slope", control.slope}, {"half_width_95", half_c},
                       {"ok", control.ok}, {"note", control.note}, {"order_3_refuted", control_refuted}}},
          {"order_3_resolved", holds},
          {"double_floor_below_distance_over_100", floor_clear},
          {"total_epochs", total_epochs},
          {"run_seconds", run_seconds},
          {"total_seconds", total},
          {"verdict", ok ? "pass" : "fail"}};
}

namespace sgd2_plain {  // the study's registration

// The terminal's table of a study record.
std::string study_text(const ProblemSpec& spec, const RunContext& ctx, const nlohmann::json& r) {
  std::string t = fmt::format("SGD-2 plain-average study on {} ({} process(es) x {} thread(s), {}, seed {}): {} epochs in "
                              "{:.1f} s\n\n",
                              spec.name, r["processes"].get<int>(), r["threads"].get<int>(), r["isa"].get<std::string>(),
                              ctx.seed, r["total_epochs"].get<long>(), r["total_seconds"].get<double>());
  t += "| eps | D = \\|E - phi~\\| | epochs | \\|mean - phi~\\| | sigma | \\|mean - E\\| / sigma | double floor | s |\n"
       "|---|---|---|---|---|---|---|---|\n";
  for (const auto& l : r["levels"])
    t += fmt::format("| {:.4g} | {:.4e} | {} | {:.4e} | {:.2e} | {:.2f} | {:.1e} | {:.1f} |\n", l["eps"].get<double>(),
                     l["distance_exact_to_flow"].get<double>(), l["epochs"].get<long>(), l["error_to_flow"].get<double>(),
                     l["sigma"].get<double>(), l["error_to_exact_in_sigma"].get<double>(), l["double_floor"].get<double>(),
                     l["seconds"].get<double>());
  const auto& f = r["fit"];
  const auto& c = r["control"];
  t += fmt::format("\nfitted order {:.3f} +- {:.3f} (95%) over {} resolved levels: order 3 {}\n"
                   "control (coefficient eps/(2m)): fitted order {:.3f} +- {:.3f}: order 3 {}\n",
                   f["slope"].get<double>(), f["half_width_95"].get<double>(), f["resolved_levels"].get<int>(),
                   r["order_3_resolved"].get<bool>() ? "resolved" : "NOT resolved", c["slope"].get<double>(),
                   c["half_width_95"].get<double>(), c["order_3_refuted"].get<bool>() ? "refuted" : "NOT refuted");
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
    StudyResult r;
    r.record = sgd2_plain_study(ctx, spec, o);
    r.text = study_text(spec, ctx, r.record);
    r.pass = r.record["verdict"] == "pass";
    return r;
  };
  return s;
}());

}  // namespace sgd2_plain

}  // namespace irverify
