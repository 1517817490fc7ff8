#include "checks/ln/ln3_end_point.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/ladder_setup.hpp"
#include "checks/framework/minimum_setup.hpp"
#include "checks/framework/tolerance.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/ln/manifold_flow.hpp"
#include "solvers/stability/sgd_threshold.hpp"
#include "theory/problem/generator.hpp"

#include <optional>

namespace irverify {

inline constexpr const char* kLn3Tau = "4";  // the flow horizon tau_end

std::vector<ProblemSpec> ln3_problems() {
  ProblemSpec two;
  two.name = "two-param-uv1";
  two.model = "two-param";
  two.data = {{"1", "1"}};
  two.theta0 = {"2", "0.5"};
  two.origin = "built-in (LN-3)";
  // diag-uv: the generator's features (N = 4, p = 8, seed 3), labels from the teacher beta = (1, 0, 0, -1/2, 0, ...).
  ProblemSpec duv = generate_problem("diag-uv", 3, {4, 8, 0});
  duv.name = "diag-uv-sparse-teacher";
  duv.origin = "built-in (LN-3)";
  const std::vector<mp50> teacher = {mp50(1), 0, 0, mp50("-0.5"), 0, 0, 0, 0};
  Mat<mp50> X(4, 8);
  Vec<mp50> y(4);
  for (int i = 0; i < 4; ++i) {
    mp50 f(0);
    for (int k = 0; k < 8; ++k) f += parse_scalar<mp50>(duv.data[i][k]) * teacher[k];
    duv.data[i][8] = to_string_full(f);  // exact: dyadic features times dyadic teacher
    y(i) = f;
    for (int k = 0; k < 8; ++k) X(i, k) = parse_scalar<mp50>(duv.data[i][k]);
  }
  const Vec<mp50> th = diag_parameters<mp50>(DiagKind::UV, min_norm_interpolator<mp50>(X, y), mp50("1.5"));
  duv.theta0.clear();
  for (int k = 0; k < th.size(); ++k) duv.theta0.push_back(to_string_full(th(k)));
  return {two, duv};
}

namespace {

// What the ladder of one problem shares: the scheme, lambda, tau_end and eta0, the checkpoints tau_end j/4 and the
// flow of tr H/4 (R at eta = 0) at them.
template <class S> struct Ln3Setup {
  const ZeroLossStart<S>& z;
  BatchScheme scheme;
  S lambda, tau, eta0;
  std::vector<S> at;
  std::vector<Vec<S>> flow0;

  Ln3Setup(const ZeroLossStart<S>& start, const ProblemSpec& spec)
      : z(start), scheme(spec.batch > 0 ? ln_schemes(spec)[0] : BatchScheme{1, BatchSampling::WithReplacement}),
        lambda(parse_scalar<S>(kLn3Lambda)), tau(parse_scalar<S>(kLn3Tau)) {
    const Model<S>& m = z.model();
    // eta0: a fraction of the scheme's mean-square threshold at the start (above it the start itself is unstable).
    eta0 = S(kLn3EtaFraction) * eta_star_structured<S>(stability_instance<S>(output_jacobian<S>(m, z.start.theta)), scheme.B,
                                                       scheme.sampling);
    for (int j = 1; j <= kLn3Checkpoints; ++j) at.push_back(tau * S(j) / S(kLn3Checkpoints));
    flow0 = regularizer_flow<S>(m, z.start.theta, S(0), at, S(tau / kLn3FlowSteps), z.tol);
  }
};

// The largest distance over the checkpoints of the mean path to a flow (ties: the later checkpoint).
template <class S> PathDistance worst_distance(const LabelNoisePath<double>& path, const std::vector<Vec<S>>& flow) {
  PathDistance worst;
  for (std::size_t j = 0; j < flow.size(); ++j) {
    const PathDistance d = path_distance(path.mean[j], path.se[j], to_doubles(flow[j]));
    if (d.distance >= worst.distance) worst = d;
  }
  return worst;
}

// Level k of the ladder (eta0 2^-k at fixed lambda; seed: sub_seed(seed, "LN-3 level", k)): the mean projected path against the flows of R and
// of tr H/4 (the ladder's two series), and the flow's own error.
// The runs per eta: the run's, and kLn3GdRunFactor times them for label-noise GD.
long ln3_runs(const RunContext& ctx, const BatchScheme& scheme, int N) {
  return is_label_noise_gd(scheme, N) ? kLn3GdRunFactor * ctx.samples : ctx.samples;
}

template <class S> Ln3Level measure_level(const Ln3Setup<S>& s, int k, Case& c) {
  const ZeroLossStart<S>& z = s.z;
  const RunContext& ctx = z.ctx;
  const S eta = s.eta0 / S(1 << k);
  c.add_h(eta);
  const std::vector<Vec<S>> flow = regularizer_flow<S>(z.model(), z.start.theta, eta, s.at, S(s.tau / kLn3FlowSteps), z.tol);
  const std::vector<Vec<S>> fine = regularizer_flow<S>(z.model(), z.start.theta, eta, s.at, S(s.tau / (2 * kLn3FlowSteps)), z.tol);
  std::vector<long> steps;
  for (const S& a : s.at) steps.push_back(std::lround(to_double(S(a / (s.lambda * eta)))));
  Ln3Level l;
  l.eta = to_double(eta);
  l.sigma = std::sqrt(to_double(S(s.lambda * S(s.scheme.B) / eta)));
  l.steps = steps.back();
  LabelNoiseMcOptions mo{ctx.control()};
  mo.run.samples = ln3_runs(ctx, s.scheme, z.model().num_examples());
  mo.run.seed = sub_seed(ctx.seed, "LN-3 level", static_cast<std::uint64_t>(k));
  ctx.heartbeat(fmt::format("eta = {:.4g}: {} runs x {} steps", to_double(eta), mo.run.samples, steps.back()));
  const LabelNoisePath<double> path = label_noise_path<double>(z.model_d(), {l.eta, l.sigma, s.scheme.B, s.scheme.sampling},
                                                               to_doubles(z.start.theta), steps, mo, z.project);
  l.to_r = worst_distance(path, flow);
  l.to_trace = worst_distance(path, s.flow0);
  for (std::size_t j = 0; j < s.at.size(); ++j) l.flow_error = std::max(l.flow_error, to_double(S((flow[j] - fine[j]).norm())));
  c.add_error(0, S(l.to_r.distance), l.to_r.se);
  c.add_error(1, S(l.to_trace.distance), l.to_trace.se);
  return l;
}

// Without label noise, from the zero-loss start for `steps` steps at eta0; and how far the flow of tr H/4 moves.
template <class S> Ln3Control measure_control(const Ln3Setup<S>& s, long steps) {
  const ZeroLossStart<S>& z = s.z;
  const Model<double>& md = z.model_d();
  const Vec<double> start_d = to_doubles(z.start.theta);
  Vec<double> x = start_d;
  LabelNoiseStep<double> step(md, {to_double(s.eta0), 0.0, s.scheme.B, s.scheme.sampling}, z.ctx.seed, 0);
  iterate(step, x, steps, DeadlineCheck{&z.ctx.deadline, 1024});
  Ln3Control r;
  r.steps = steps;
  r.moved = (x - start_d).norm();
  r.flow_moved = to_double(S((s.flow0.back() - z.start.theta).norm()));
  // GD from a point within |r| of the manifold moves about its distance to it, V'(VV')^-1 r, plus rounding.
  const double off = min_norm_step<double>(output_jacobian<double>(md, start_d), residuals<double>(md, start_d)).norm();
  r.bound = 2 * off + double(steps) * eps<double>() * start_d.norm();
  return r;
}

// Diag-uv (not uu-vv): the flow of tr H/4 run long (tau_end 4^e up to 1024) against the minimal weighted l1
// interpolator.
template <class S> std::optional<Ln3EndPoint<S>> measure_end_point(const Ln3Setup<S>& s) {
  const auto* dn = dynamic_cast<const DiagNet<S>*>(&s.z.model());
  if (!dn || dn->diag_kind() == DiagKind::UUVV) return std::nullopt;
  const int p = dn->features();
  Vec<S> w(p);
  for (int k = 0; k < p; ++k) w(k) = dn->X().col(k).squaredNorm() / S(dn->X().rows());
  Ln3EndPoint<S> r{min_weighted_l1<S>(dn->X(), dn->y(), w), S(0), {}, {}, {}, {}};
  r.lp_tol = tol::ulps<S>(64 * static_cast<int>(dn->X().rows())) * std::max(S(1), S(dn->y().cwiseAbs().maxCoeff()));
  for (int e = 0; e <= 4; ++e) r.times.push_back(s.tau * S(1 << (2 * e)));
  const std::vector<Vec<S>> ends = regularizer_flow<S>(s.z.model(), s.z.start.theta, S(0), r.times, S(s.tau / kLn3FlowSteps), s.z.tol);
  for (std::size_t e = 0; e < r.times.size(); ++e) {
    const Vec<S> u = ends[e].head(p), v = ends[e].tail(p);
    const Vec<S> beta = u.cwiseProduct(v);
    const S dist = (beta - r.lp.beta).norm(), imbalance = (u.cwiseAbs() - v.cwiseAbs()).cwiseAbs().maxCoeff();
    S obj(0);
    for (int k = 0; k < p; ++k) obj += w(k) * S(abs(beta(k)));
    r.distance.push_back(dist);
    r.imbalance.push_back(to_double(imbalance));
    r.objective_gap.push_back(to_double(S(obj - r.lp.objective)));
  }
  return r;
}

template <class S> Ln3Measurement<S> measure_paths(const Ln3Setup<S>& s, Case& c) {
  Ln3Measurement<S> m;
  m.scheme = s.scheme;
  m.N = s.z.model().num_examples();
  m.gd = is_label_noise_gd(s.scheme, m.N);
  for (int k = 0; k < s.z.ctx.levels; ++k) m.levels.push_back(measure_level(s, k, c));
  m.control = measure_control(s, m.levels.empty() ? 0 : m.levels[0].steps);
  m.end = measure_end_point(s);
  return m;
}

// The distance to each flow shrinks over the last two halvings (for label-noise GD, R's is expected not to); sigma = 0
// stays put and does not follow the flow; the flow of tr H/4 ends at the LP's interpolator.
template <class S> void judge(const Ln3Measurement<S>& m, Case& c) {
  // The rate of each distance over the last two halvings (reported with its delta-method standard error): "shrinks"
  // means a rate above 1/2, decided at 99.9% on the contrast d_a/2 - d_b (rate_above). For label-noise GD the distance to R's flow is expected not to: it has no eta
  // term, only the O(lambda) floor.
  if (m.levels.size() >= 3) {
    const Ln3Level &a = m.levels[m.levels.size() - 3], &b = m.levels.back();
    for (std::size_t i = 0; i < 2; ++i) {
      const PathDistance &da = i == 0 ? a.to_r : a.to_trace, &db = i == 0 ? b.to_r : b.to_trace;
      const DistanceRate r = distance_rate(da.distance, da.se, db.distance, db.se, 4);
      const bool floor = m.gd && i == 0;
      c.state(fmt::format("{}: at fixed lambda the mean path's distance to the flow of {} shrinks as eta -> 0 (rate > 1/2)",
                          m.gd ? "label-noise GD" : "label-noise SGD", i == 0 ? "R" : "tr H/4"),
              floor ? kRefuted : kHolds, rate_above(r, 0.5),
              fmt::format("rate {:.3f} ± {:.3f} over the last two halvings (d_a/2 - d_b: z = {:.2f}); distance {:.3e} ± "
                          "{:.1e} at the smallest eta{}",
                          r.rate, r.se, rate_contrast_z(r, 0.5), db.distance, db.se,
                          floor ? ": the O(lambda) floor of the finite noise" : ""));
    }
  }
  // Control: without label noise the iterate stays at its zero-loss start, while the flow moves.
  const Ln3Control& k = m.control;
  c.state("sigma = 0 stays at its zero-loss start (within twice its distance to the manifold + steps eps |theta0|)", kHolds,
          outcome_of(k.moved <= k.bound), fmt::format("moved {:.2e} in {} steps (bound {:.2e})", k.moved, k.steps, k.bound));
  c.state("control: sigma = 0 follows the flow of tr H/4", kRefuted, outcome_of(k.flow_moved <= k.bound + k.moved),
          fmt::format("the flow moves {:.3e} by tau = {}", k.flow_moved, kLn3Tau));
  if (!m.end) return;
  const Ln3EndPoint<S>& e = *m.end;
  const S& last = e.distance.back();
  c.state(fmt::format("the flow of tr H/4 ends at the balanced interpolator of minimal weighted l1 norm (|beta - "
                      "beta_l1| <= {:g} at flow time {})",
                      kLn3EndTolerance, to_string_full(e.times.back())),
          kHolds, outcome_of(last <= S(kLn3EndTolerance) && e.lp.residual <= e.lp_tol),
          fmt::format("|beta - beta_l1| = {:.2e}; LP vertex residual {:.1e}", to_double(last), to_double(e.lp.residual)));
}

template <class S> CaseTable ladder_table(const Ln3Measurement<S>& m) {
  CaseTable t{fmt::format("Label-noise SGD ({}) at fixed lambda = {}: max over tau = {} j/4 of |mean Phi(theta_k) - "
                          "flow(lambda eta k)|, Phi the Gauss-Newton projection on the manifold; sigma^2 = lambda B/eta",
                          scheme_name(m.scheme, m.N), kLn3Lambda, kLn3Tau),
              {"eta", "sigma", "steps to tau_end", "distance to flow of R", "± se", "distance to flow of tr H/4", "± se",
               "flow error (dt vs dt/2)"},
              {}};
  for (const Ln3Level& l : m.levels)
    t.rows.push_back({fmt::format("{:.6g}", l.eta), fmt::format("{:.4g}", l.sigma), std::to_string(l.steps), e4(l.to_r.distance),
                      e4(l.to_r.se), e4(l.to_trace.distance), e4(l.to_trace.se), e4(l.flow_error)});
  return t;
}

template <class S> CaseTable end_point_table(const Ln3EndPoint<S>& e) {
  CaseTable t{fmt::format("End point: the flow of tr H/4 against the minimal weighted l1 interpolator (GLPK simplex, "
                          "vertex refined in {}; weights s_k = (1/N) sum_i x_ik^2, support {{{}}}, objective {})",
                          scalar_name<S>(), fmt::join(e.lp.support, ", "), to_string_full(e.lp.objective)),
              {"flow time", "|beta - beta_l1|", "max ||u_k| - |v_k||", "sum s_k |beta_k| - objective"},
              {}};
  for (std::size_t i = 0; i < e.times.size(); ++i)
    t.rows.push_back({to_string_full(e.times[i]), e4(to_double(e.distance[i])), e4(e.imbalance[i]), e4(e.objective_gap[i])});
  return t;
}

// The tables, the record's fields and the headlines (the fitted orders: after the case is finished).
template <class S> void present(const Ln3Measurement<S>& m, Case& done) {
  done.tables.push_back(ladder_table(m));
  if (m.end) done.tables.push_back(end_point_table(*m.end));
  const bool floor = m.gd && m.levels.size() >= 3;
  if (floor) {
    done.extra["gd_floor"] = m.levels.back().to_r.distance;
    done.extra["gd_floor_se"] = m.levels.back().to_r.se;
  }
  if (m.end) done.extra["end_point_distance"] = to_double(m.end->distance.back());
  std::vector<std::string> orders;
  for (const auto& s : done.series)
    if (s.fit.ok) orders.push_back(fmt::format("{:.3f}", s.fit.slope));
  done.headline_item(fmt::format("{}", fmt::join(orders, ", ")), "distance to the flows of order {} in eta", ", ");
  if (floor) done.headline("GD floor {:.2e}", m.levels.back().to_r.distance);
  if (m.end) done.headline("flow end vs LP {:.1e}", to_double(m.end->distance.back()));
}

}  // namespace

template <class S> Case ln_end_point_case(const RunContext& ctx, const ProblemSpec& spec, Ln3Measurement<S>* measured) {
  const ZeroLossStart<S> z(ctx, spec);
  const Ln3Setup<S> s(z, spec);
  Case c = z.begin("path vs flow of R");
  c.variable = "eta";
  c.solver = fmt::format("flow: RK4, {} steps to tau = {} with projection; Monte Carlo: {} runs per eta (double, level k under "
                         "sub_seed({}, \"LN-3 level\", k)), {}, lambda = {}",
                         kLn3FlowSteps, kLn3Tau, ln3_runs(ctx, s.scheme, z.model().num_examples()), ctx.seed,
                         scheme_name(s.scheme, z.model().num_examples()), kLn3Lambda);
  // Label-noise GD (B = N without replacement, or one example): its drift is the paper's -lambda eta P grad R exactly in
  // eta (LN-2), so the distance to the flow of R has no eta term, only the O(lambda) floor of the finite noise: context.
  // The distances are O(eta) + O(lambda): their order in eta is fitted and reported (context); the verdict is whether
  // they still shrink at the small end of the ladder.
  c.add_series("vs flow of R", Role::context, 1);
  c.add_series("vs flow of tr H/4", Role::context, 1);
  const Ln3Measurement<S> m = measure_paths(s, c);
  judge(m, c);
  Case done = z.finish(std::move(c));
  present(m, done);
  if (measured) *measured = m;
  return done;
}

#define IRVERIFY_INST(S) template Case ln_end_point_case<S>(const RunContext&, const ProblemSpec&, Ln3Measurement<S>*);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace ln3 {


const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "LN-3";
  c.title = "Label-noise SGD follows the flow of R on the zero-loss manifold to a flat, sparse end point";
  c.paper = "Damian, Ma & Lee, Label Noise SGD Provably Prefers Flat Global Minimizers, NeurIPS 2021 (Thm 2.1: the regularized "
      "trajectory; Sec. 4 and HaoChen et al. 2021: sparse recovery by diagonal networks)";
  c.statement = "From a zero-loss start the manifold path of label-noise SGD follows the Riemannian gradient flow of R, theta' = -P "
      "grad R, under t = lambda eta k, its distance to the flow shrinking as eta -> 0 at fixed lambda; on diag-uv the end "
      "point is the balanced interpolator of minimal weighted l1 norm sum_k s_k |beta_k|.";
  c.verdict_rule = fmt::format("At lambda = {} on eta0 2^-k (k < {}, eta0 = {} eta*, eta* the scheme's mean-square threshold at the start), {} runs per eta ({} for label-noise GD), B = 1: the distance of the "
      "mean projected path to the flows of R (log form) and of tr H/4, over tau = {} j/4, shrinks over the last "
      "two halvings (rate > 1/2, i.e. d_last < d_(last-2)/2, at 99.9% on that contrast; its fitted order reported; for "
      "label-noise GD R's has no eta term and "
      "is expected not to); "
      "the flow of tr H/4 reaches the GLPK minimizer within {:g} by tau = 1024; sigma = 0 moves by at most "
      "steps eps |theta0|.",
      kLn3Lambda, kLn3Levels, kLn3EtaFraction, kLn3Runs, kLn3GdRunFactor * kLn3Runs, kLn3Tau, kLn3EndTolerance);
  c.negative_control = "sigma = 0 following the flow must be refuted (it stays put), and for label-noise GD \"the distance to the flow of R "
      "shrinks as eta -> 0 at fixed lambda\" is refuted: it sits at an O(lambda) floor (rate over the last two halvings "
      "below 1/2 at 99.9%).";
  c.precision = "double";
  c.seed = kLn3Seed;
  c.samples = kLn3Runs;
  c.samples_are = "runs per eta (label-noise GD: 4x)";
  c.simulation_precision = "double";
  c.steps_on_batch = true;
  c.levels = kLn3Levels;
  c.not_applicable = ln_not_applicable;
  c.problems = ln3_problems;
  c.eigen_size = EigenSize::Parameters;
  c.summary_expected = fmt::format("shrinking (rate > 1/2 over the last halvings; ~1 above the floor) but for GD vs R; flow end ≤ "
                                   "{:g}; sigma = 0 stays",
                                   kLn3EndTolerance);
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return ln_end_point_case<typename decltype(tag)::type>(ctx, s);
  });
  return c;
}());

}  // namespace ln3

}  // namespace irverify
