#include "checks/ln/ln1_stationary_fluctuation.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "checks/framework/tolerance.hpp"
#include "solvers/ln/stationary.hpp"
#include "solvers/stability/sgd_threshold.hpp"

#include <algorithm>

namespace irverify {

namespace {

// Whether S exists at eta (I - T positive definite there).
template <class S> bool covariance_exists(const StabilityInstance<S>& in, const BatchScheme& b, const S& eta, const S& sigma) {
  try {
    stationary_covariance<S>(in, b.B, b.sampling, eta, sigma);
  } catch (const std::domain_error&) {
    return false;
  }
  return true;
}

// The exact S of one scheme on the eta ladder (its equation, positive definiteness, the gap to the paper's form), and
// its existence either side of eta*.
template <class S>
void measure_exact(const StabilityInstance<S>& in, const StabilityOperators<S>& ops, const S& sigma, Ln1Scheme<S>& sc) {
  const BatchScheme& b = sc.scheme;
  const int r = in.rank();
  const BatchCoefficients<S> coef = batch_coefficients<S>(in.N, b.B, b.sampling);
  const S& es = sc.eta_star;
  for (double x : kLn1EtaFractions) {
    const S eta = es * parse_scalar<S>(fmt::format("{}", x));
    const Mat<S> Sx = stationary_covariance<S>(in, b.B, b.sampling, eta, sigma);
    Mat<S> ImT = -ops.T(coef, eta);
    ImT.diagonal().array() += S(1);
    Mat<S> noise = Mat<S>::Zero(r, r);  // eta^2 (sigma^2/B) H
    noise.diagonal() = in.lambda * (eta * eta * sigma * sigma / S(b.B));
    const Vec<S> s = ops.basis.svec(Sx);
    sc.residual.push_back(Vec<S>(ImT * s - ops.basis.svec(noise)).norm());
    sc.tolerance.push_back(tol::ulps<S>(64 * ops.basis.size()) * ImT.norm() * s.norm());
    sc.positive_definite.push_back(Cholesky<S>(Sx).ok());
    const Mat<S> Sp = paper_covariance<S>(in, b.B, eta, sigma);
    sc.gap.push_back(S((Sp - Sx).norm() / Sx.norm()));
  }
  const S delta = S(1) / S(1LL << kLn1ThresholdBits);
  sc.below = covariance_exists<S>(in, b, S(es * (1 - delta)), sigma);
  sc.above = covariance_exists<S>(in, b, S(es * (1 + delta)), sigma);
}

// Monte Carlo at eta*/2 after t steps from delta = 0: the linearized process, and (but for least squares, where it is
// its linearization) the nonlinear one on H's range, each against M_t, M_t/2 and the paper's form.
template <class S>
void measure_monte_carlo(const RunContext& ctx, const MinimumSetup<S>& st, const Ln1Measurement<S>& m, Ln1Scheme<S>& sc) {
  const StabilityInstance<S>& in = st.inst;
  const StabilityInstance<double> ind = to_double_instance(in);
  const BatchScheme& b = sc.scheme;
  const std::string name = scheme_name(b, in.N);
  const double sigma_d = to_double(m.sigma);
  const S eta = S(sc.eta_star * S(kLn1McFraction));
  sc.eta = to_double(sc.eta_star) * kLn1McFraction;
  const Mat<double> Sd = to_doubles(stationary_covariance<S>(in, b.B, b.sampling, eta, m.sigma));
  sc.t = steps_to_stationary<double>(ind, b.B, b.sampling, sc.eta, kLn1Transient, kLn1MaxSteps);
  const Mat<double> Mt = covariance_after<double>(ind, b.B, b.sampling, sc.eta, sigma_d, sc.t > 0 ? sc.t : kLn1MaxSteps);
  sc.transient_gap = (Mt - Sd).norm() / Sd.norm();
  const Mat<double> paper = to_doubles(paper_covariance<S>(in, b.B, eta, m.sigma));
  sc.paper_gap = (paper - Sd).norm() / Sd.norm();
  const LabelNoise<double> ln{sc.eta, sigma_d, b.B, b.sampling};
  LabelNoiseMcOptions mo{ctx.control(), sc.t > 0 ? sc.t : kLn1MaxSteps};
  mo.run.samples = ctx.samples;
  const auto compare = [&](bool nonlinear, const LabelNoiseMoments<double>& mc) {
    sc.processes.push_back({nonlinear, covariance_z(mc.cov, mc.cov_se, Mt, Mt, m.z_crit),
                            covariance_z(mc.cov, mc.cov_se, Mat<double>(Mt / 2), Mt, m.z_crit),
                            covariance_z(mc.cov, mc.cov_se, paper, Mt, m.z_crit)});
  };
  ctx.heartbeat(fmt::format("{}: linearized Monte Carlo, {} x {} steps", name, ctx.samples, mo.steps));
  compare(false, linearized_label_noise_moments<double>(ind, ln, mo));
  if (st.model().kind() == "least-squares") return;
  ctx.heartbeat(fmt::format("{}: nonlinear Monte Carlo, {} x {} steps", name, ctx.samples, mo.steps));
  const Problem<double> pd = build_problem<double>(st.pr.spec);
  const Vec<double> star = to_doubles(st.min.theta);
  const Mat<double> proj = to_doubles(range_basis<S>(in, st.V).transpose());
  LabelNoiseMcOptions mn = mo;
  mn.run.seed = sub_seed(ctx.seed, "LN-1 nonlinear process", 0);
  compare(true, label_noise_moments<double>(*pd.model, ln, star, star, mn, proj));
}

template <class S> Ln1Measurement<S> measure_stationary(const RunContext& ctx, const MinimumSetup<S>& st) {
  const StabilityInstance<S>& in = st.inst;
  Ln1Measurement<S> m;
  m.sigma = ln_sigma<S>(st.pr.spec, kLn1Sigma);
  m.N = in.N;
  m.rank = in.rank();
  m.entries = upper_entries(m.rank);
  // The statement's maximum runs over every entry of every scheme's processes (the linearized one, and the nonlinear
  // one but for least squares): the Bonferroni count is all of them.
  const std::vector<BatchScheme> schemes = ln_schemes(st.pr.spec);
  m.comparisons = m.entries * static_cast<int>(schemes.size()) * (st.model().kind() == "least-squares" ? 1 : 2);
  m.z_crit = bonferroni_z999(m.comparisons);
  const StabilityOperators<S> ops(in);
  for (const BatchScheme& b : schemes) {
    Ln1Scheme<S> sc;
    sc.scheme = b;
    sc.gd = is_label_noise_gd(b, in.N);
    sc.eta_star = eta_star_structured<S>(in, b.B, b.sampling);
    sc.eta_star_lambda = to_double(S(sc.eta_star * in.lambda_max() / 2));
    measure_exact(in, ops, m.sigma, sc);
    measure_monte_carlo(ctx, st, m, sc);
    m.schemes.push_back(std::move(sc));
  }
  return m;
}

// S solves its equation (residual within its tolerance) and is positive definite at every eta of the ladder.
template <class S> bool solved(const Ln1Scheme<S>& sc) {
  bool ok = true;
  for (std::size_t i = 0; i < sc.gap.size(); ++i) ok = ok && sc.residual[i] <= sc.tolerance[i] && sc.positive_definite[i];
  return ok;
}
template <class S> bool agrees(const Ln1Scheme<S>& sc, const Ln1Process& p, double z_crit) {
  return sc.t > 0 && p.exact.max_z <= z_crit;
}
template <class S> double worst_mc_z(const Ln1Measurement<S>& m) {
  double z = 0;
  for (const Ln1Scheme<S>& sc : m.schemes)
    for (const Ln1Process& p : sc.processes) z = std::max(z, p.exact.max_z);
  return z;
}
template <class S> double worst_gd_gap(const Ln1Measurement<S>& m) {
  double g = 0;
  for (const Ln1Scheme<S>& sc : m.schemes)
    if (sc.gd)
      for (const S& x : sc.gap) g = std::max(g, to_double(x));
  return g;
}

// The controls of every scheme (on its Monte Carlo), then the exact statements and the Monte Carlo's.
template <class S> void judge(const Ln1Measurement<S>& m, Case& c) {
  bool exact_ok = true, exist_ok = true, gd_ok = true, mc_ok = true, any_gd = false;
  const S gd_tol = tol::ulps<S>(64 * m.entries);
  for (const Ln1Scheme<S>& sc : m.schemes) {
    const std::string name = scheme_name(sc.scheme, m.N);
    bool half_rejected = true, half_resolvable = true, paper_rejected = true, paper_resolvable = true;
    for (const Ln1Process& p : sc.processes) {
      mc_ok = mc_ok && agrees(sc, p, m.z_crit);
      half_rejected = half_rejected && p.half.max_z > m.z_crit;
      half_resolvable = half_resolvable && p.half.resolvable;
      paper_rejected = paper_rejected && p.paper.max_z > m.z_crit;
      paper_resolvable = paper_resolvable && p.paper.resolvable;
    }
    c.state(fmt::format("control: the stationary covariance of {} has noise sigma^2/(2B) (S/2)", name), kRefuted,
            control_outcome(half_rejected, half_resolvable), "Monte Carlo |z| in the table");
    if (!sc.gd)
      c.state(fmt::format("control: the paper's eigenbasis form is the stationary covariance of {}", name), kRefuted,
              control_outcome(paper_rejected, paper_resolvable),
              fmt::format("gap at eta*/2: {:.3e}; Monte Carlo |z| in the table", sc.paper_gap));
    exact_ok = exact_ok && solved(sc);
    exist_ok = exist_ok && sc.below && !sc.above;
    any_gd = any_gd || sc.gd;
    if (sc.gd)
      for (const S& gap : sc.gap) gd_ok = gd_ok && gap <= gd_tol;
  }
  c.state("S = (I - T)^{-1} eta^2 (sigma^2/B) H solves its equation and is positive definite for eta < eta*", kHolds,
          outcome_of(exact_ok));
  c.state(fmt::format("S exists at eta*(1 - 2^-{0}) and not at eta*(1 + 2^-{0})", kLn1ThresholdBits), kHolds,
          outcome_of(exist_ok));
  if (any_gd)
    c.state("for label-noise GD (B = N without replacement) S is the paper's eigenbasis form", kHolds, outcome_of(gd_ok),
            fmt::format("largest relative gap {:.2e} (tolerance 64 n eps)", worst_gd_gap(m)));
  c.state("Monte Carlo covariance of label-noise SGD (linearized, and nonlinear at small sigma) equals the exact M_t ≈ S",
          kHolds, outcome_of(mc_ok), fmt::format("max |z| {:.2f} (critical {:.2f})", worst_mc_z(m), m.z_crit),
          ZTest::bonferroni(worst_mc_z(m), m.comparisons));
}

template <class S> CaseTable gap_table(const Ln1Measurement<S>& m) {
  std::vector<std::string> head = {"scheme", "eta*", "eta* lambda_max / 2"};
  for (double x : kLn1EtaFractions) head.push_back(fmt::format("x = {}", x));
  head.push_back("max residual / tol");
  head.push_back("outcome");
  CaseTable t{fmt::format("Exact S against the paper's eigenbasis form eta sigma^2/(B (2 - eta lambda_k)): |S_paper - "
                          "S|_F / |S|_F at eta = x eta* ({}); S must solve S = T(S) + eta^2 (sigma^2/B) H (residual <= 64 "
                          "n eps |I - T|_F |S|_F, n = {}) and be positive definite",
                          scalar_name<S>(), m.entries),
              head,
              {}};
  for (const Ln1Scheme<S>& sc : m.schemes) {
    std::vector<std::string> row = {scheme_name(sc.scheme, m.N), to_string_full(sc.eta_star),
                                    fmt::format("{:.6f}", sc.eta_star_lambda)};
    double worst_res = 0;
    for (std::size_t i = 0; i < sc.gap.size(); ++i) {
      worst_res = std::max(worst_res, to_double(S(sc.residual[i] / sc.tolerance[i])));
      row.push_back(e4(to_double(sc.gap[i])));
    }
    row.push_back(fmt::format("{:.3f}", worst_res));
    row.push_back(solved(sc) ? "solved, PD" : "NOT SOLVED");
    t.rows.push_back(std::move(row));
  }
  return t;
}

template <class S> CaseTable monte_carlo_table(const Ln1Measurement<S>& m, long runs) {
  CaseTable t{fmt::format("Monte Carlo at eta = eta*/2, {} runs of t steps from delta = 0 (t: |M_t - S|_F <= {} |S|_F): "
                          "the sample covariance on H's range (r = {}) against the exact M_t, entry by entry; |z| <= {:.2f} "
                          "(99.9% family-wise over the {} entries of every scheme and process). Controls on the same runs: sigma^2/(2B), and the paper's "
                          "form for B < N",
                          runs, kLn1Transient, m.rank, m.z_crit, m.comparisons),
              {"scheme", "process", "eta", "t", "|M_t - S| / |S|", "max |z| vs M_t", "max |z| vs sigma^2/(2B)",
               "max |z| vs paper form", "outcome"},
              {}};
  for (const Ln1Scheme<S>& sc : m.schemes)
    for (const Ln1Process& p : sc.processes)
      t.rows.push_back({scheme_name(sc.scheme, m.N),
                        p.nonlinear ? fmt::format("nonlinear, sigma = {}", to_double(m.sigma)) : std::string("linearized"),
                        fmt::format("{:.6g}", sc.eta), sc.t > 0 ? std::to_string(sc.t) : "not reached", e4(sc.transient_gap),
                        fmt::format("{:.2f}", p.exact.max_z), fmt::format("{:.1f}", p.half.max_z),
                        sc.gd ? fmt::format("{:.2f} (= exact)", p.paper.max_z) : fmt::format("{:.1f}", p.paper.max_z),
                        agrees(sc, p, m.z_crit) ? "agrees" : "disagrees"});
  return t;
}

// The paper form's gap against eta/eta*, a line per minibatch scheme (label-noise GD's is rounding: left out).
template <class S> void gap_figure(const Ln1Measurement<S>& m, const ProblemSpec& spec, Case& c) {
  FigurePanel p;
  p.title = "GD: equal to rounding, not drawn";
  p.x = figure_axis("eta / eta* (eta* the scheme mean-square threshold)");
  p.x.min = 0;
  p.x.max = 1;
  p.y = figure_axis("|S_paper - S|_F / |S|_F", true);
  for (const Ln1Scheme<S>& sc : m.schemes) {
    if (sc.gd) continue;
    FigureSeries s{scheme_name(sc.scheme, m.N), kLn1EtaFractions, {}, {}, {}};
    for (const S& g : sc.gap) s.y.push_back(to_double(g));
    p.series.push_back(std::move(s));
  }
  if (p.series.empty()) return;
  c.figures.push_back({"LN-1-paper-gap-" + spec.name, "LN-1: " + spec.name, "gap of the paper's covariance against eta", 0,
                       {std::move(p)}});
}

// The solver's description, the tables, the figure, the headlines and the record's fields.
template <class S> void present(const Ln1Measurement<S>& m, const RunContext& ctx, const ProblemSpec& spec, Case& c) {
  c.solver = fmt::format("exact: Cholesky of I - T ({}); Monte Carlo: {} runs per scheme and process (double, seed {}; the "
                         "nonlinear process under sub_seed(seed, \"LN-1 nonlinear process\", 0); sigma = {})",
                         scalar_name<S>(), ctx.samples, ctx.seed, to_string_full(m.sigma));
  c.tables.push_back(gap_table(m));
  c.tables.push_back(monte_carlo_table(m, ctx.samples));
  gap_figure(m, spec, c);
  nlohmann::json gaps = nlohmann::json::array();
  double gap_b1 = 0;  // the paper form's gap at B = 1, eta*/2
  const auto at_mc = std::find(kLn1EtaFractions.begin(), kLn1EtaFractions.end(), kLn1McFraction) - kLn1EtaFractions.begin();
  for (const Ln1Scheme<S>& sc : m.schemes) {
    std::vector<double> gap;
    for (const S& g : sc.gap) gap.push_back(to_double(g));
    if (sc.scheme.B == 1) gap_b1 = std::max(gap_b1, gap[at_mc]);
    gaps.push_back({{"scheme", scheme_name(sc.scheme, m.N)}, {"B", sc.scheme.B}, {"sampling", sampling_name(sc.scheme.sampling)},
                    {"x", kLn1EtaFractions}, {"gap", gap}});
  }
  const double worst_z = worst_mc_z(m);
  c.headline("Monte Carlo vs exact |z| ≤ {:.2f}; paper form exact for GD", worst_z);
  c.headline("its gap at B = 1, eta*/2: ≤ {:.1f}%", 100 * gap_b1);
  c.expected_headline("|z| ≤ {:.2f} (Bonferroni 99.9%); GD gap ≤ 64 n eps; controls refuted", m.z_crit);
  c.extra["paper_gap"] = std::move(gaps);
  c.extra["worst_mc_z"] = worst_z;
  c.extra["z_critical"] = m.z_crit;
  c.extra["z_comparisons"] = m.comparisons;
  c.extra["worst_gd_gap"] = worst_gd_gap(m);
  c.extra["mc_seed"] = ctx.seed;
  c.extra["mc_runs"] = ctx.samples;
  c.extra["sigma"] = to_string_full(m.sigma);
}

}  // namespace

template <class S> Case ln_stationary_case(const RunContext& ctx, const ProblemSpec& spec, Ln1Measurement<S>* measured) {
  return minimum_case<S>(ctx, spec, "stationary covariance of label-noise SGD", measured, measure_stationary<S>, judge<S>,
                         present<S>);
}

#define IRVERIFY_INST(S) template Case ln_stationary_case<S>(const RunContext&, const ProblemSpec&, Ln1Measurement<S>*);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace ln1 {  // the claim's registration


const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "LN-1";
  c.title = "The stationary covariance of label-noise SGD at an interpolating minimum";
  c.paper = "Damian, Ma & Lee, Label Noise SGD Provably Prefers Flat Global Minimizers, NeurIPS 2021 (Sec. 3, the "
      "Ornstein-Uhlenbeck covariance); the minibatch form derived in CLAIMS.md (LN-1)";
  c.statement = "At an interpolating minimum, linearized label-noise SGD delta <- (I - eta H_xi) delta + eta (sigma/B) sum_j s_j "
      "v_{i_j} has the stationary covariance S = (I - T)^{-1} eta^2 (sigma^2/B) H, T STAB-2's second-moment operator; it "
      "exists iff eta < eta*, and for label-noise GD it is the paper's eigenbasis form eta sigma^2/(B (2 - eta lambda_k)).";
  c.verdict_rule = fmt::format("For B = 1, 2, N with replacement and B = 2, N without: S solves its equation and is positive definite "
      "at eta = x eta*, x in {{0.1 .. 0.99}}; it exists at eta*(1 - 2^-{0}), not at eta*(1 + 2^-{0}); GD's S is "
      "the paper's form to 64 n eps; Monte Carlo ({1} runs, seed {2}) of the linearized and of the nonlinear "
      "process (sigma = {3}) at eta*/2 meets the exact M_t (|M_t - S| <= {4} |S|) on every entry of H's range "
      "within the Bonferroni 99.9% bound over every entry, scheme and process.",
      kLn1ThresholdBits, kLn1Runs, kLn1Seed, kLn1Sigma, kLn1Transient);
  c.negative_control = "The noise sigma^2/(2B) (S/2), and the paper's eigenbasis form for every minibatch scheme: the same Monte Carlo "
      "runs must reject each (some entry beyond the bound), and a control they cannot resolve fails.";
  c.precision = "mp50";
  c.seed = kLn1Seed;
  c.samples = kLn1Runs;
  c.samples_are = "runs per scheme and process";
  c.simulation_precision = "double";
  c.steps_on_batch = true;
  c.not_applicable = ln_not_applicable;
  c.problems = minimum_problems;
  c.eigen_size = EigenSize::Examples;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return ln_stationary_case<typename decltype(tag)::type>(ctx, s);
  });
  return c;
}());

}  // namespace ln1

}  // namespace irverify
