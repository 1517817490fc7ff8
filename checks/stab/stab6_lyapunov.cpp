#include "checks/stab/stab6_lyapunov.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "solvers/stability/return_fraction.hpp"
#include "solvers/stability/sgd_threshold.hpp"

#include <cmath>
#include <map>

namespace irverify {

ProblemSpec stab6_one_d_problem() {
  ProblemSpec s;
  s.name = "one-d-h1-h3";
  s.model = "least-squares";
  s.origin = "STAB-6 one-dimensional instance (h in {1, 3})";
  s.data = {{"1", "0"}, {"1.73205080756887729352744634150587236694280525381038062805580698", "0"}};
  s.theta0 = {"0"};
  validate(s);
  return s;
}

std::vector<ProblemSpec> stab6_problems() { return {stab6_one_d_problem(), minimum_problems()[1], minimum_problems()[2]}; }

int lyapunov_sign(const LyapunovEstimate& e, double z) {
  return e.lambda + z * e.stderr_ < 0 ? -1 : e.lambda - z * e.stderr_ > 0 ? 1 : 0;
}

namespace stab6_detail {  // named: the claim's templates hold these

// The probability that log|delta| (Brownian motion with drift lambda and variance rate v per step) falls by a before
// it rises by b: 1 - (1 - e^{k a}) / (e^{-k b} - e^{k a}), k = 2 lambda / v (a/(a + b) as lambda -> 0).
double diffusion_return_probability(double lambda, double v, double a, double b) {
  const double k = 2 * lambda / v;
  if (std::abs(k) * (a + b) < 1e-9) return a / (a + b);
  return 1 - std::expm1(k * a) / (std::exp(k * a) - std::exp(-k * b));
}

// The measurement of one batch scheme.
struct LyapunovPoint {
  double eta;
  LyapunovEstimate est;
  double jensen;      // (1/2) log rho(T(eta))
  double exact = NAN; // rank one: E log|1 - eta h_xi|
  int sign() const { return lyapunov_sign(est); }
};
struct ReturnPoint {
  double eta;
  int sign;          // of Lambda there (resolved)
  double predicted;  // the diffusion approximation's return probability
  long horizon;
  ReturnCounts counts;
  double low, high;  // 99.9% Wilson interval of the fraction returned
  bool returns() const { return low > 0.5; }
  bool leaves() const { return high < 0.5; }
  bool judged() const { return predicted >= kStab6Clear || predicted <= 1 - kStab6Clear; }  // Lambda clear of 0
};
template <class S> struct Stab6Measurement {
  int B = 1;
  BatchSampling samp = BatchSampling::WithReplacement;
  S es = S(0), egd = S(0);             // eta* (in S) and 2/lambda_max
  double esd = 0, star_tol = 0;        // eta* in double; eta*'s relative tolerance
  LyapunovOptions lo;
  ReturnOptions ro;         // horizon: per point
  std::vector<LyapunovPoint> ladder;  // ascending eta
  double lo_eta = 0, hi_eta = 0, eta_l = NAN;  // the bracket of the sign change, eta_L interpolated in it
  bool exact = false;       // rank one
  S eta_l_exact = S(0);
  std::vector<ReturnPoint> returns;  // at every ladder eta with a resolved sign
  bool bracketed() const { return lo_eta > 0 && hi_eta > 0; }
  const LyapunovPoint& at(double eta) const {
    for (const LyapunovPoint& p : ladder)
      if (p.eta == eta) return p;
    throw std::logic_error("STAB-6: eta not on the ladder");
  }
};

// What every scheme of a problem shares: the minimum, in the claim's precision and in double.
template <class S> struct Stab6Setup {
  const ProblemSpec& spec;
  const MinimumSetup<S>& st;
  const StabilityInstance<double> ind;
  const StabilityOperators<double> opsd;
  const Problem<double> prd;
  Vec<double> theta_star;
  Stab6Setup(const ProblemSpec& problem, const MinimumSetup<S>& s)
      : spec(problem), st(s), ind(to_double_instance(s.inst)), opsd(ind), prd(build_problem<double>(problem)),
        theta_star(s.min.theta.size()) {
    for (int j = 0; j < theta_star.size(); ++j) theta_star(j) = to_double(s.min.theta(j));
  }
};

// Lambda on the ladder eta* x kStab6Grid until two resolved positive exponents, then kStab6Bisections bisections of
// the first sign change; eta_L interpolated linearly in the final bracket.
template <class S> void measure_ladder(const Stab6Setup<S>& su, Stab6Measurement<S>& m) {
  const BatchCoefficients<double> coef = batch_coefficients<double>(su.ind.N, m.B, m.samp);
  std::map<double, LyapunovPoint> pts;
  auto eval = [&](double eta) {
    const double jensen = 0.5 * std::log(t_spectrum<double>(su.opsd, coef, eta, false).rho);
    pts[eta] = {eta, lyapunov_exponent(su.ind, m.B, m.samp, eta, m.lo), jensen};
    return pts[eta].sign();
  };
  int positives = 0;
  for (double g : kStab6Grid) {
    if (eval(m.esd * g) > 0 && ++positives == 2) break;
  }
  for (const auto& [eta, p] : pts) {
    if (p.sign() < 0 && m.hi_eta == 0) m.lo_eta = eta;
    if (p.sign() > 0 && m.hi_eta == 0 && m.lo_eta > 0) m.hi_eta = eta;
  }
  for (int k = 0; k < kStab6Bisections && m.hi_eta > 0; ++k) {
    const double mid = (m.lo_eta + m.hi_eta) / 2;
    const int sg = eval(mid);
    if (sg == 0) break;
    (sg < 0 ? m.lo_eta : m.hi_eta) = mid;
  }
  if (m.bracketed()) {
    const double a = pts[m.lo_eta].est.lambda, b = pts[m.hi_eta].est.lambda;
    m.eta_l = m.lo_eta + (m.hi_eta - m.lo_eta) * (-a) / (b - a);
  }
  for (const auto& kv : pts) m.ladder.push_back(kv.second);
}

// Rank one: Lambda exact at every ladder eta, and eta_L by bisection in S from [eta*, 2^k eta*] (eta* <= eta_L).
template <class S> void measure_exact(const StabilityInstance<S>& in, Stab6Measurement<S>& m) {
  m.exact = in.rank() == 1;
  if (!m.exact) return;
  S a = m.es, b = m.es;
  while (lyapunov_exact<S>(in, m.B, m.samp, b) < 0) b *= 2;
  for (int it = 0; it < 4 * digits10<S>() && b - a > 4 * eps<S>() * b; ++it) {
    const S mid = (a + b) / 2;
    (lyapunov_exact<S>(in, m.B, m.samp, mid) < 0 ? a : b) = mid;
  }
  m.eta_l_exact = (a + b) / 2;
  for (LyapunovPoint& p : m.ladder) p.exact = to_double(lyapunov_exact<S>(in, m.B, m.samp, S(p.eta)));
}

// Nonlinear SGD from perturbations of the minimum at every ladder eta whose sign of Lambda is resolved; horizon
// 4 log(100)/|Lambda| + the return window, at most the budget's cap.
template <class S> void measure_returns(const Stab6Setup<S>& su, const Stab6Budget& budget, Stab6Measurement<S>& m) {
  ReturnOptions& ro = m.ro;
  const double down = std::log(1 / ro.return_factor), up = std::log(ro.leave_factor);
  for (const LyapunovPoint& p : m.ladder) {
    if (p.sign() == 0) continue;
    ro.horizon = std::min<long>(budget.return_cap, static_cast<long>(std::ceil(4 * std::max(down, up) / std::abs(p.est.lambda))) +
                                                       ro.window * ro.check);
    const ReturnCounts rc = return_fraction(*su.prd.model, su.theta_star, m.B, m.samp, p.eta, ro);
    const auto [flo, fhi] = wilson_interval(rc.returned, budget.return_runs);
    m.returns.push_back({p.eta, p.sign(), diffusion_return_probability(p.est.lambda, p.est.variance_rate, down, up), ro.horizon,
                         rc, flo, fhi});
  }
}

template <class S>
Stab6Measurement<S> measure(const RunContext& ctx, const Stab6Setup<S>& su, const BatchScheme& bs, const Stab6Budget& budget) {
  const StabilityInstance<S>& in = su.st.inst;
  Stab6Measurement<S> m;
  m.B = bs.B, m.samp = bs.sampling;
  m.es = eta_star_structured<S>(in, bs.B, bs.sampling), m.egd = S(2) / in.lambda_max();
  m.esd = to_double(m.es), m.star_tol = to_double(eta_star_tolerance(in));  // eta* is exact to a few n eps
  m.lo.run = ctx.control();
  m.lo.run.samples = budget.runs;
  m.lo.burn_in = budget.burn_in;
  m.lo.window = budget.window;
  m.ro.run = ctx.control();
  m.ro.run.samples = budget.return_runs;
  measure_ladder(su, m);
  measure_exact(in, m);
  measure_returns(su, budget, m);
  return m;
}

// The exponent's statements: eta* <= eta_L, Jensen, the bias bound, the bracket; rank one: the exact exponent.
template <class S> void judge_exponent(const Stab6Measurement<S>& m, const ProblemSpec& spec, Case& c) {
  bool jensen_ok = true, bias_ok = true, exact_ok = true;
  double worst_bias = 0, worst_z = 0;
  // "at every eta": each statement is a conjunction over the ladder, judged at its Bonferroni critical value.
  const long n = static_cast<long>(m.ladder.size());
  const double zn = bonferroni_z999(static_cast<int>(n));
  for (const LyapunovPoint& p : m.ladder) {
    const LyapunovEstimate& e = p.est;
    jensen_ok = jensen_ok && e.lambda - zn * e.stderr_ <= p.jensen;
    const double bias_bound = std::abs(e.bias_half) + zn * e.bias_half_se;
    bias_ok = bias_ok && bias_bound <= 0.1 * e.stderr_;
    worst_bias = std::max(worst_bias, bias_bound / e.stderr_);
    if (!m.exact) continue;
    const double z = (e.lambda - p.exact) / e.stderr_;
    exact_ok = exact_ok && std::abs(z) <= zn;
    worst_z = std::max(worst_z, std::abs(z));
  }
  const LyapunovPoint& at_star = m.at(m.esd);
  c.state("eta* <= eta_L: Lambda(eta*) < 0", kHolds, outcome_of(at_star.sign() < 0, at_star.sign() != 0),
          fmt::format("Lambda(eta*) = {:.6f} ± {:.6f}", at_star.est.lambda, at_star.est.stderr_));
  c.state("Jensen: Lambda(eta) <= (1/2) log rho(T(eta)) at every eta of the ladder", kHolds, outcome_of(jensen_ok),
          fmt::format("Lambda - {:.3f} se (99.9% over the {} eta)", zn, n));
  c.state("the Lyapunov estimates' remaining bias is below a tenth of their standard error", kHolds, outcome_of(bias_ok),
          fmt::format("worst (|bias| + {:.3f} se) / se = {:.3f} (99.9% over the {} eta)", zn, worst_bias, n));
  c.state("Lambda changes sign on the ladder: eta_L bracketed", kHolds, outcome_of(m.bracketed()),
          m.bracketed() ? fmt::format("eta_L in [{:.6f}, {:.6f}]", m.lo_eta, m.hi_eta) : "no resolved sign change");
  if (!m.exact) return;
  c.state("rank one: the Monte Carlo exponent agrees with E log|1 - eta h_xi| at every eta (Bonferroni 99.9%)", kHolds,
          outcome_of(exact_ok), fmt::format("max |z| = {:.2f} (critical {:.3f} over {} eta)", worst_z, zn, n),
          ZTest::bonferroni(worst_z, n));
  c.state("rank one: eta_L (exact) lies in the Monte Carlo bracket", kHolds,
          outcome_of(m.bracketed() && m.eta_l_exact >= S(m.lo_eta) && m.eta_l_exact <= S(m.hi_eta), m.bracketed()));
  if (spec.name == "one-d-h1-h3" && m.B == 1) {  // the closed forms
    using std::abs;
    const S tol = S(64) * eps<S>();
    const S d1 = abs(S(m.es - S(4) / 5)), d2 = abs(S(m.egd - 1)), d3 = abs(S(m.eta_l_exact - S(4) / 3));
    c.state("h in {1, 3}, B = 1: eta* = 4/5, 2/lambda_max = 1, eta_L = 4/3 (to 64 eps)", kHolds,
            outcome_of(d1 <= tol && d2 <= tol && d3 <= tol),
            fmt::format("|differences| {:.2e}, {:.2e}, {:.2e} (eps = {:.2e})", to_double(d1), to_double(d2), to_double(d3),
                        to_double(eps<S>())));
  }
}

// The return fractions' statements: the sign of Lambda decides; the control (eta* decides) where the ladder has a
// point in (eta*, eta_L): refuted by one such eta where the runs return (eta* predicts they leave), holds where such
// etas all leave, unresolved where no decided eta lies in the window (outside it both predictors agree: no evidence).
template <class S> void judge_returns(const Stab6Measurement<S>& m, Case& c) {
  bool decides = true;
  int judged = 0, control_refuted = 0, control_holds = 0;
  for (const ReturnPoint& r : m.returns) judged += r.judged();
  // "decides" is a conjunction over the judged eta: each fraction's Wilson interval at their Bonferroni critical value.
  const double zj = bonferroni_z999(std::max(1, judged));
  for (const ReturnPoint& r : m.returns) {
    const auto [low, high] = wilson_interval(r.counts.returned, m.ro.run.samples, zj);
    if (r.judged()) decides = decides && (r.sign < 0 ? low > 0.5 : high < 0.5);
    const bool in_window = r.eta > m.esd * (1 + m.star_tol) && r.sign < 0;  // above eta*, below eta_L
    if (in_window && (r.returns() || r.leaves())) (r.returns() ? control_refuted : control_holds) += 1;
  }
  c.state("the sign of Lambda decides: SGD returns where Lambda < 0 and leaves where Lambda > 0 (where Lambda is clear of 0)",
          kHolds, outcome_of(decides, judged > 0),
          fmt::format("{} eta judged (Wilson intervals at z = {:.3f}: 99.9% over them)", judged, zj));
  if (m.bracketed() && m.lo_eta > m.esd * (1 + m.star_tol))
    c.state(kStab6Control, kRefuted, control_refuted > 0 ? kRefuted : control_holds > 0 ? kHolds : kUnresolved,
            fmt::format("in (eta*, eta_L): {} eta contradict it, {} agree", control_refuted, control_holds));
}

template <class S> CaseTable exponent_table(const Stab6Measurement<S>& m, const RunContext& ctx) {
  CaseTable tl{fmt::format("Top Lyapunov exponent Lambda(eta) per step ({} runs, burn-in {}, window T = {}); bias: "
                           "excess of the estimate started at half the burn-in (bounds the remaining bias) and without "
                           "burn-in, common random numbers; horizon ladder: the estimate over T/8, T/4, T/2, T. Every eta uses the same "
                           "batch sequences (seed {}): the estimates along the ladder are correlated, not independent",
                           m.lo.run.samples, m.lo.burn_in, m.lo.window, ctx.seed),
               {"eta", "eta/eta*", "Lambda ± se", "(1/2) log rho(T)", m.exact ? "exact Lambda (z)" : "sign", "bias (half burn-in)",
                "bias (no burn-in)", "horizon ladder"},
               {}};
  for (const LyapunovPoint& p : m.ladder) {
    const LyapunovEstimate& e = p.est;
    std::string sign = p.sign() < 0 ? "negative" : p.sign() > 0 ? "positive" : "unresolved";
    if (m.exact) sign = fmt::format("{:.6f} ({:+.2f})", p.exact, (e.lambda - p.exact) / e.stderr_);
    std::string ladder;
    for (std::size_t k = 0; k < e.ladder.size(); ++k) ladder += fmt::format("{}{:.5f}", k ? ", " : "", e.ladder[k]);
    tl.rows.push_back({fmt::format("{:.6f}", p.eta), fmt::format("{:.4f}", p.eta / m.esd), fmt::format("{:.6f} ± {:.6f}", e.lambda, e.stderr_),
                       fmt::format("{:.6f}", p.jensen), sign, fmt::format("{:.2e} ± {:.2e}", e.bias_half, e.bias_half_se),
                       fmt::format("{:.2e} ± {:.2e}", e.bias_none, e.bias_none_se), ladder});
  }
  return tl;
}

template <class S> CaseTable threshold_table(const Stab6Measurement<S>& m) {
  CaseTable tt{"Thresholds", {"threshold", "value", "/ eta*"}, {}};
  tt.rows.push_back({"eta* (mean square, STAB-2)", to_string_full(m.es), "1"});
  tt.rows.push_back({"2/lambda_max (GD)", to_string_full(m.egd), fmt::format("{:.6f}", to_double(S(m.egd / m.es)))});
  if (m.bracketed())
    tt.rows.push_back({"eta_L (Lambda = 0), Monte Carlo: bracket; interpolated",
                       fmt::format("[{:.6f}, {:.6f}]; {:.6f}", m.lo_eta, m.hi_eta, m.eta_l), fmt::format("{:.4f}", m.eta_l / m.esd)});
  if (m.exact)
    tt.rows.push_back({"eta_L, exact (root of E log|1 - eta h|)", to_string_full(m.eta_l_exact),
                       fmt::format("{:.6f}", to_double(S(m.eta_l_exact / m.es)))});
  return tt;
}

template <class S> CaseTable return_table(const Stab6Measurement<S>& m, const Stab6Budget& budget) {
  const ReturnOptions& ro = m.ro;
  CaseTable tr{fmt::format("Nonlinear SGD from theta* + r0 u (r0 = {:g}, u a random unit vector in the range of H), {} runs "
                           "per eta: returned = distance to the minima <= {:g} r0 over {} checks {} steps apart; left = "
                           "|theta - theta*| >= {:g} r0; horizon 4 log(100)/|Lambda| + window, at most {}. Judged where the diffusion "
                           "approximation of log|delta| (drift Lambda, variance rate v; barriers log 100 down, log 10 up) "
                           "gives a return probability >= {} or <= {:.2f}",
                           ro.r0, ro.run.samples, ro.return_factor, ro.window, ro.check, ro.leave_factor, budget.return_cap, kStab6Clear,
                           1 - kStab6Clear),
               {"eta", "eta/eta*", "sign of Lambda", "return probability (diffusion)", "horizon", "returned / left / undecided",
                "fraction (99.9%)", "Lambda predicts", "eta* predicts", "outcome"},
               {}};
  for (const ReturnPoint& r : m.returns) {
    const bool lyap_ok = r.sign < 0 ? r.returns() : r.leaves(), star_says_return = r.eta <= m.esd * (1 + m.star_tol);
    const ReturnCounts& rc = r.counts;
    tr.rows.push_back({fmt::format("{:.6f}", r.eta), fmt::format("{:.4f}", r.eta / m.esd), r.sign < 0 ? "negative" : "positive",
                       fmt::format("{:.3f}", r.predicted), std::to_string(r.horizon),
                       fmt::format("{} / {} / {}", rc.returned, rc.left, rc.undecided),
                       fmt::format("{:.3f} [{:.3f}, {:.3f}]", double(rc.returned) / ro.run.samples, r.low, r.high),
                       r.sign < 0 ? "return" : "leave", star_says_return ? "return" : "leave",
                       !r.judged() ? "near eta_L: not judged" : lyap_ok ? "as Lambda predicts" : "NOT as Lambda predicts"});
  }
  return tr;
}

// The record field `lyapunov`: thresholds, the exponent's curve and the return fractions.
template <class S> nlohmann::json lyapunov_json(const Stab6Measurement<S>& m) {
  using nlohmann::json;
  json curve = json::array(), fractions = json::array();
  for (const LyapunovPoint& p : m.ladder)
    curve.push_back({{"eta", p.eta}, {"lambda", p.est.lambda}, {"stderr", p.est.stderr_}, {"jensen", p.jensen},
                     {"exact", m.exact ? json(p.exact) : json(nullptr)}});
  for (const ReturnPoint& r : m.returns)
    fractions.push_back({{"eta", r.eta}, {"returned", r.counts.returned}, {"left", r.counts.left}, {"undecided", r.counts.undecided},
                         {"runs", m.ro.run.samples}, {"low", r.low}, {"high", r.high}, {"horizon", r.horizon},
                         {"predicted", r.predicted}, {"judged", r.judged()}});
  return {{"eta_star", m.esd}, {"eta_gd", to_double(m.egd)}, {"eta_L", m.bracketed() ? json(m.eta_l) : json(nullptr)},
          {"eta_L_bracket", {m.lo_eta, m.hi_eta}}, {"eta_L_exact", m.exact ? json(to_double(m.eta_l_exact)) : json(nullptr)},
          {"B", m.B}, {"sampling", sampling_name(m.samp)}, {"curve", curve}, {"fractions", fractions}};
}

// Lambda(eta) with its 99.9% band (and the exact exponent at rank one), eta* and eta_L as markers named in the key,
// and the fraction of runs that return (99.9% Wilson intervals) on the second axis.
template <class S> Figure lyapunov_figure(const Stab6Measurement<S>& m, const ProblemSpec& spec) {
  FigurePanel p;
  p.title = "Lambda on the left axis, the fraction returned on the right";
  p.x = figure_axis("eta");
  p.y = figure_axis("Lambda (per step)");
  p.y2 = figure_axis("fraction returned");
  p.y2.min = -0.05, p.y2.max = 1.05;
  FigureSeries mc{"Lambda (Monte Carlo, 99.9%)", {}, {}, {}, {}, Mark::linespoints, false};
  FigureSeries exact{"Lambda exact", {}, {}, {}, {}, Mark::lines, false};
  FigureSeries back{"fraction returned (99.9% Wilson)", {}, {}, {}, {}, Mark::points, true};
  for (const LyapunovPoint& q : m.ladder) {
    mc.x.push_back(q.eta), mc.y.push_back(q.est.lambda);
    mc.y_low.push_back(q.est.lambda - kZ999 * q.est.stderr_), mc.y_high.push_back(q.est.lambda + kZ999 * q.est.stderr_);
    exact.x.push_back(q.eta), exact.y.push_back(q.exact);
  }
  for (const ReturnPoint& r : m.returns)
    back.x.push_back(r.eta), back.y.push_back(double(r.counts.returned) / m.ro.run.samples), back.y_low.push_back(r.low),
        back.y_high.push_back(r.high);
  p.series.push_back(std::move(mc));
  if (m.exact) p.series.push_back(std::move(exact));  // a line through the Monte Carlo points
  if (!back.x.empty()) p.series.push_back(std::move(back));
  p.curves = {{"", 0, 0, false}};  // Lambda = 0
  p.markers = {{fmt::format("eta* = {:.4f} (mean square)", m.esd), m.esd}};
  if (m.bracketed()) p.markers.push_back({fmt::format("eta_L = {:.4f} (Lambda = 0, Monte Carlo)", m.eta_l), m.eta_l});
  return {fmt::format("STAB-6-{}-B{}-{}", spec.name, m.B, m.samp == BatchSampling::WithReplacement ? "with" : "without"),
          fmt::format("STAB-6: {}, B = {} {}: the Lyapunov exponent Lambda(eta) and the fraction of SGD runs that return",
                      spec.name, m.B, sampling_name(m.samp)),
          "Lyapunov exponent and return fraction against eta", 0, {std::move(p)}};
}

template <class S>
void present(const Stab6Measurement<S>& m, const RunContext& ctx, const ProblemSpec& spec, const Stab6Budget& budget, Case& c) {
  c.tables.push_back(exponent_table(m, ctx));
  c.tables.push_back(threshold_table(m));
  c.tables.push_back(return_table(m, budget));
  c.figures.push_back(lyapunov_figure(m, spec));
  c.headline_item(fmt::format("{} B={}: eta* {:.4f}, eta_L {}", spec.name, m.B, m.esd,
                              m.bracketed() ? fmt::format("{:.4f}", m.eta_l) : std::string("–")));
  c.extra["lyapunov"] = lyapunov_json(m);
}

// The case of one batch scheme, with its own wall time.
template <class S>
Case lyapunov_case(const RunContext& ctx, const Stab6Setup<S>& su, const BatchScheme& bs, const Stab6Budget& budget) {
  const auto t0 = std::chrono::steady_clock::now();
  Case c = su.st.start(fmt::format("Lyapunov criterion, B = {} {}", bs.B, sampling_name(bs.sampling)));
  c.solver = fmt::format("Lyapunov: {} runs x ({} burn-in + {} window) steps, norm renormalization (double, seed {}); "
                         "return: {} nonlinear SGD runs per eta (double, seed {})",
                         budget.runs, budget.burn_in, budget.window, ctx.seed, budget.return_runs, ctx.seed);
  const Stab6Measurement<S> m = measure(ctx, su, bs, budget);
  judge_exponent(m, su.spec, c);
  judge_returns(m, c);
  present(m, ctx, su.spec, budget, c);
  return finish_case(std::move(c), 0, t0);
}

}  // namespace stab6_detail

template <class S> std::vector<Case> stab_lyapunov_cases(const RunContext& ctx, const ProblemSpec& spec, const Stab6Budget& budget) {
  using namespace stab6_detail;
  const MinimumSetup<S> st(ctx, spec);
  const Stab6Setup<S> su(spec, st);
  std::vector<BatchScheme> schemes = {{1, BatchSampling::WithReplacement}};
  if (st.inst.N > 2) schemes.insert(schemes.end(), {{2, BatchSampling::WithReplacement}, {2, BatchSampling::WithoutReplacement}});
  std::vector<Case> out;
  for (const BatchScheme& bs : schemes) out.push_back(lyapunov_case(ctx, su, bs, budget));
  return out;
}

#define IRVERIFY_INST(S) template std::vector<Case> stab_lyapunov_cases<S>(const RunContext&, const ProblemSpec&, const Stab6Budget&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace stab6 {  // the claim's registration


const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "STAB-6";
  c.title = "The Lyapunov criterion: where SGD can end is decided by Lambda, not by eta*";
  c.paper = "Chemnitz & Engel, JMLR 2025; Ziyin et al., The probabilistic stability of SGD, 2023; Mulayoff & Michaeli, COLT "
      "2024 (Sec. 5)";
  c.statement = "At an interpolating minimum, SGD can converge (almost surely, from nearby) iff the top Lyapunov exponent Lambda(eta) "
      "of the linearized products (I - eta H_xi) is negative; Jensen gives eta* <= eta_L, so SGD can converge to "
      "mean-square unstable minima (eta* < eta < eta_L).";
  c.verdict_rule = fmt::format("Per problem and scheme (B = 1; B = 2 with and without replacement): Lambda by norm renormalization with a "
      "burn-in on eta* x {{0.9 .. 2.63}} and {} bisections, sign resolved at 99.9%; Lambda(eta*) < 0; at every eta "
      "of the ladder (Bonferroni 99.9% over its points): remaining bias below a tenth of the standard error, "
      "Lambda <= (1/2) log rho(T), rank one: Lambda agrees with the exact exponent; nonlinear SGD from r0 = {:g} "
      "perturbations returns (Wilson interval above 1/2, Bonferroni 99.9% over the judged eta) where Lambda < 0 "
      "and leaves where Lambda > 0, judged where a diffusion model of log|delta| predicts >= {:g} either way; h in "
      "{{1, 3}}: eta* = 4/5, eta_L = 4/3 to the precision.",
      kStab6Bisections, ReturnOptions{}.r0, kStab6Clear);
  c.negative_control = "Mean-square stability as the predictor (SGD returns iff eta <= eta*) must be refuted on at least one instance by "
      "the return fractions at some eta in (eta*, eta_L).";
  c.precision = "mp50";
  c.seed = kStab6Seed;
  c.simulation_precision = "double";
  c.not_applicable = [](const ProblemSpec& s) {
    return s.has_residual() ? "" : "no residual per example (a quadratic, or a formula given by its loss): STAB-6 needs a regression model";
  };
  c.problems = stab6_problems;
  c.eigen_size = EigenSize::Examples;
  c.refuted_somewhere = {kStab6Control};  // the negative control, on at least one instance
  c.summary_expected = "eta* ≤ eta_L; return iff Lambda < 0; eta* as predictor refuted on at least one instance";
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return stab_lyapunov_cases<typename decltype(tag)::type>(ctx, s);
  });
  return c;
}());

}  // namespace stab6

}  // namespace irverify
