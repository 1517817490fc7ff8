#include "checks/stab/stab6_lyapunov.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "solvers/stability/lyapunov.hpp"
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

namespace stab6_detail {  // named: the claim's templates hold these

struct LyapunovPoint {
  double eta;
  LyapunovEstimate est;
  double jensen;  // (1/2) log rho(T(eta))
  int sign() const { return est.lambda + kZ999 * est.stderr_ < 0 ? -1 : est.lambda - kZ999 * est.stderr_ > 0 ? 1 : 0; }
};

// The probability that log|delta| (Brownian motion with drift lambda and variance rate v per step) falls by a before
// it rises by b: 1 - (1 - e^{k a}) / (e^{-k b} - e^{k a}), k = 2 lambda / v (a/(a + b) as lambda -> 0).
double diffusion_return_probability(double lambda, double v, double a, double b) {
  const double k = 2 * lambda / v;
  if (std::abs(k) * (a + b) < 1e-9) return a / (a + b);
  return 1 - std::expm1(k * a) / (std::exp(k * a) - std::exp(-k * b));
}


}  // namespace stab6_detail

template <class S> std::vector<Case> stab_lyapunov_cases(const RunContext& ctx, const ProblemSpec& spec, const Stab6Budget& budget) {
  using std::abs;
  using namespace stab6_detail;
  const MinimumSetup<S> st(ctx, spec);
  const StabilityInstance<S>& in = st.inst;
  const StabilityInstance<double> ind = to_double_instance(in);
  const StabilityOperators<double> opsd(ind);
  const Problem<double> prd = build_problem<double>(spec);
  Vec<double> theta_star(st.min.theta.size());
  for (int j = 0; j < theta_star.size(); ++j) theta_star(j) = to_double(st.min.theta(j));
  std::vector<Case> out;
  std::vector<std::pair<int, BatchSampling>> schemes = {{1, BatchSampling::WithReplacement}};
  if (in.N > 2) schemes.insert(schemes.end(), {{2, BatchSampling::WithReplacement}, {2, BatchSampling::WithoutReplacement}});
  for (const auto& [B, samp] : schemes) {
    const auto t0 = std::chrono::steady_clock::now();
    Case c = st.start(fmt::format("Lyapunov criterion, B = {} {}", B, sampling_name(samp)));
    const S es = eta_star_structured<S>(in, B, samp), egd = S(2) / in.lambda_max();
    const double esd = to_double(es), star_tol = to_double(eta_star_tolerance(in));  // eta* is exact to a few n eps
    const BatchCoefficients<double> coef = batch_coefficients<double>(in.N, B, samp);
    LyapunovOptions lo;
    lo.run = ctx.control();
    lo.run.samples = budget.runs;
    lo.burn_in = budget.burn_in;
    lo.window = budget.window;
    c.solver = fmt::format("Lyapunov: {} runs x ({} burn-in + {} window) steps, norm renormalization (double, seed {}); "
                           "return: {} nonlinear SGD runs per eta (double, seed {})",
                           lo.run.samples, lo.burn_in, lo.window, ctx.seed, budget.return_runs, ctx.seed);
    std::map<double, LyapunovPoint> pts;
    auto eval = [&](double eta) {
      const double jensen = 0.5 * std::log(t_spectrum<double>(opsd, coef, eta, false).rho);
      pts[eta] = {eta, lyapunov_exponent(ind, B, samp, eta, lo), jensen};
      return pts[eta].sign();
    };
    // The ladder until two resolved positive exponents, then bisection of the first sign change.
    int positives = 0;
    for (double g : kStab6Grid) {
      if (eval(esd * g) > 0 && ++positives == 2) break;
    }
    double lo_eta = 0, hi_eta = 0;
    for (const auto& [eta, p] : pts) {
      if (p.sign() < 0 && hi_eta == 0) lo_eta = eta;
      if (p.sign() > 0 && hi_eta == 0 && lo_eta > 0) hi_eta = eta;
    }
    for (int k = 0; k < kStab6Bisections && hi_eta > 0; ++k) {
      const double mid = (lo_eta + hi_eta) / 2;
      const int sg = eval(mid);
      if (sg == 0) break;
      (sg < 0 ? lo_eta : hi_eta) = mid;
    }
    const bool bracketed = lo_eta > 0 && hi_eta > 0;
    double eta_l = NAN;
    if (bracketed) {
      const double a = pts[lo_eta].est.lambda, b = pts[hi_eta].est.lambda;
      eta_l = lo_eta + (hi_eta - lo_eta) * (-a) / (b - a);
    }
    // Exact exponent for rank one.
    const bool exact = in.rank() == 1;
    S eta_l_exact(0);
    if (exact) {
      S a = es, b = es;
      while (lyapunov_exact<S>(in, B, samp, b) < 0) b *= 2;  // eta* <= eta_L (Jensen)
      for (int it = 0; it < 4 * digits10<S>() && b - a > 4 * eps<S>() * b; ++it) {
        const S m = (a + b) / 2;
        (lyapunov_exact<S>(in, B, samp, m) < 0 ? a : b) = m;
      }
      eta_l_exact = (a + b) / 2;
    }
    // Tables and statements of the exponent.
    CaseTable tl{fmt::format("Top Lyapunov exponent Lambda(eta) per step ({} runs, burn-in {}, window T = {}); bias: "
                             "excess of the estimate started at half the burn-in (bounds the remaining bias) and without "
                             "burn-in, common random numbers; horizon ladder: the estimate over T/8, T/4, T/2, T. Every eta uses the same "
                             "batch sequences (seed {}): the estimates along the ladder are correlated, not independent",
                             lo.run.samples, lo.burn_in, lo.window, ctx.seed),
                 {"eta", "eta/eta*", "Lambda ± se", "(1/2) log rho(T)", exact ? "exact Lambda (z)" : "sign", "bias (half burn-in)",
                  "bias (no burn-in)", "horizon ladder"},
                 {}};
    bool jensen_ok = true, bias_ok = true, exact_ok = true;
    double worst_bias = 0, worst_z = 0;
    nlohmann::json curve = nlohmann::json::array();
    for (const auto& [eta, p] : pts) {
      const LyapunovEstimate& e = p.est;
      jensen_ok = jensen_ok && e.lambda - kZ999 * e.stderr_ <= p.jensen;
      const double bias_bound = std::abs(e.bias_half) + kZ999 * e.bias_half_se;
      bias_ok = bias_ok && bias_bound <= 0.1 * e.stderr_;
      worst_bias = std::max(worst_bias, bias_bound / e.stderr_);
      std::string sign = p.sign() < 0 ? "negative" : p.sign() > 0 ? "positive" : "unresolved";
      double lam_exact = NAN;
      if (exact) {
        lam_exact = to_double(lyapunov_exact<S>(in, B, samp, S(eta)));
        const double z = (e.lambda - lam_exact) / e.stderr_;
        exact_ok = exact_ok && std::abs(z) <= kZ999;
        worst_z = std::max(worst_z, std::abs(z));
        sign = fmt::format("{:.6f} ({:+.2f})", lam_exact, z);
      }
      std::string ladder;
      for (std::size_t k = 0; k < e.ladder.size(); ++k) ladder += fmt::format("{}{:.5f}", k ? ", " : "", e.ladder[k]);
      tl.rows.push_back({fmt::format("{:.6f}", eta), fmt::format("{:.4f}", eta / esd), fmt::format("{:.6f} ± {:.6f}", e.lambda, e.stderr_),
                         fmt::format("{:.6f}", p.jensen), sign, fmt::format("{:.2e} ± {:.2e}", e.bias_half, e.bias_half_se),
                         fmt::format("{:.2e} ± {:.2e}", e.bias_none, e.bias_none_se), ladder});
      curve.push_back({{"eta", eta}, {"lambda", e.lambda}, {"stderr", e.stderr_}, {"jensen", p.jensen},
                       {"exact", exact ? nlohmann::json(lam_exact) : nlohmann::json(nullptr)}});
    }
    c.tables.push_back(std::move(tl));
    const LyapunovPoint& at_star = pts.at(esd);
    c.state("eta* <= eta_L: Lambda(eta*) < 0", kHolds, outcome_of(at_star.sign() < 0, at_star.sign() != 0),
            fmt::format("Lambda(eta*) = {:.6f} ± {:.6f}", at_star.est.lambda, at_star.est.stderr_));
    c.state("Jensen: Lambda(eta) <= (1/2) log rho(T(eta)) at every eta of the ladder", kHolds, outcome_of(jensen_ok));
    c.state("the Lyapunov estimates' remaining bias is below a tenth of their standard error", kHolds, outcome_of(bias_ok),
            fmt::format("worst (|bias| + 3.29 se) / se = {:.3f}", worst_bias));
    c.state("Lambda changes sign on the ladder: eta_L bracketed", kHolds, outcome_of(bracketed),
            bracketed ? fmt::format("eta_L in [{:.6f}, {:.6f}]", lo_eta, hi_eta) : "no resolved sign change");
    CaseTable tt{"Thresholds", {"threshold", "value", "/ eta*"}, {}};
    tt.rows.push_back({"eta* (mean square, STAB-2)", to_string_full(es), "1"});
    tt.rows.push_back({"2/lambda_max (GD)", to_string_full(egd), fmt::format("{:.6f}", to_double(S(egd / es)))});
    if (bracketed)
      tt.rows.push_back({"eta_L (Lambda = 0), Monte Carlo: bracket; interpolated",
                         fmt::format("[{:.6f}, {:.6f}]; {:.6f}", lo_eta, hi_eta, eta_l), fmt::format("{:.4f}", eta_l / esd)});
    if (exact) {
      tt.rows.push_back({"eta_L, exact (root of E log|1 - eta h|)", to_string_full(eta_l_exact),
                         fmt::format("{:.6f}", to_double(S(eta_l_exact / es)))});
      c.state("rank one: the Monte Carlo exponent agrees with E log|1 - eta h_xi| at every eta (|z| <= 3.29)", kHolds,
              outcome_of(exact_ok), fmt::format("max |z| = {:.2f}", worst_z));
      c.state("rank one: eta_L (exact) lies in the Monte Carlo bracket", kHolds,
              outcome_of(bracketed && eta_l_exact >= S(lo_eta) && eta_l_exact <= S(hi_eta), bracketed));
      if (spec.name == "one-d-h1-h3" && B == 1) {  // the closed forms
        const S tol = S(64) * eps<S>();
        const S d1 = abs(S(es - S(4) / 5)), d2 = abs(S(egd - 1)), d3 = abs(S(eta_l_exact - S(4) / 3));
        c.state("h in {1, 3}, B = 1: eta* = 4/5, 2/lambda_max = 1, eta_L = 4/3 (to 64 eps)", kHolds,
                outcome_of(d1 <= tol && d2 <= tol && d3 <= tol),
                fmt::format("|differences| {:.2e}, {:.2e}, {:.2e} (eps = {:.2e})", to_double(d1), to_double(d2), to_double(d3),
                            to_double(eps<S>())));
      }
    }
    c.tables.push_back(std::move(tt));
    // Nonlinear SGD from perturbations, at every eta with a resolved sign.
    ReturnOptions ro;
    ro.run = ctx.control();
    ro.run.samples = budget.return_runs;
    CaseTable tr{fmt::format("Nonlinear SGD from theta* + r0 u (r0 = {:g}, u a random unit vector in the range of H), {} runs "
                             "per eta: returned = distance to the minima <= {:g} r0 over {} checks {} steps apart; left = "
                             "|theta - theta*| >= {:g} r0; horizon 4 log(100)/|Lambda| + window, at most {}. Judged where the diffusion "
                             "approximation of log|delta| (drift Lambda, variance rate v; barriers log 100 down, log 10 up) "
                             "gives a return probability >= {} or <= {:.2f}",
                             ro.r0, ro.run.samples, ro.return_factor, ro.window, ro.check, ro.leave_factor, budget.return_cap, kStab6Clear,
                             1 - kStab6Clear),
                 {"eta", "eta/eta*", "sign of Lambda", "return probability (diffusion)", "horizon", "returned / left / undecided",
                  "fraction (99.9%)",
                  "Lambda predicts", "eta* predicts", "outcome"},
                 {}};
    bool decides = true;
    int judged = 0, control_refuted = 0, control_holds = 0;
    nlohmann::json fractions = nlohmann::json::array();
    for (const auto& [eta, p] : pts) {
      if (p.sign() == 0) continue;
      const double down = std::log(1 / ro.return_factor), up = std::log(ro.leave_factor);
      ro.horizon = std::min<long>(budget.return_cap, static_cast<long>(std::ceil(4 * std::max(down, up) / std::abs(p.est.lambda))) +
                                                         ro.window * ro.check);
      const ReturnCounts rc = return_fraction(*prd.model, theta_star, B, samp, eta, ro);
      const auto [flo, fhi] = wilson_interval(rc.returned, budget.return_runs);
      const bool returns = flo > 0.5, leaves = fhi < 0.5;
      // Judged only where Lambda is clear of 0 on the scale of its fluctuations: the diffusion prediction of the
      // return probability is >= 0.95 or <= 0.05.
      const double pred = diffusion_return_probability(p.est.lambda, p.est.variance_rate, down, up);
      const bool clear = pred >= kStab6Clear || pred <= 1 - kStab6Clear;
      const bool lyap_ok = p.sign() < 0 ? returns : leaves;
      if (clear) decides = decides && lyap_ok, ++judged;
      const bool star_says_return = eta <= esd * (1 + star_tol);
      if (returns || leaves) (returns == star_says_return ? control_holds : control_refuted) += 1;
      tr.rows.push_back({fmt::format("{:.6f}", eta), fmt::format("{:.4f}", eta / esd), p.sign() < 0 ? "negative" : "positive",
                         fmt::format("{:.3f}", pred), std::to_string(ro.horizon),
                         fmt::format("{} / {} / {}", rc.returned, rc.left, rc.undecided),
                         fmt::format("{:.3f} [{:.3f}, {:.3f}]", double(rc.returned) / ro.run.samples, flo, fhi),
                         p.sign() < 0 ? "return" : "leave", star_says_return ? "return" : "leave",
                         !clear ? "near eta_L: not judged" : lyap_ok ? "as Lambda predicts" : "NOT as Lambda predicts"});
      fractions.push_back({{"eta", eta}, {"returned", rc.returned}, {"left", rc.left}, {"undecided", rc.undecided},
                           {"runs", ro.run.samples}, {"low", flo}, {"high", fhi}, {"horizon", ro.horizon}, {"predicted", pred},
                           {"judged", clear}});
    }
    c.tables.push_back(std::move(tr));
    c.state("the sign of Lambda decides: SGD returns where Lambda < 0 and leaves where Lambda > 0 (where Lambda is clear of 0)",
            kHolds, outcome_of(decides, judged > 0), fmt::format("{} eta judged", judged));
    // The control is resolved where some eta has a resolved return fraction; it is refuted by one eta where the
    // runs contradict eta*'s prediction. Resolvable only where the ladder has a point in (eta*, eta_L).
    if (bracketed && lo_eta > esd * (1 + star_tol))
      c.state(kStab6Control, kRefuted,
              control_refuted > 0 ? kRefuted : control_holds > 0 ? kHolds : kUnresolved,
              fmt::format("{} eta contradict it, {} agree", control_refuted, control_holds));
    c.headline_item(fmt::format("{} B={}: eta* {:.4f}, eta_L {}", spec.name, B, esd,
                                bracketed ? fmt::format("{:.4f}", eta_l) : std::string("–")));
    c.extra["lyapunov"] = {{"eta_star", esd}, {"eta_gd", to_double(egd)}, {"eta_L", bracketed ? nlohmann::json(eta_l) : nlohmann::json(nullptr)},
                           {"eta_L_bracket", {lo_eta, hi_eta}}, {"eta_L_exact", exact ? nlohmann::json(to_double(eta_l_exact)) : nlohmann::json(nullptr)},
                           {"B", B}, {"sampling", sampling_name(samp)}, {"curve", curve}, {"fractions", fractions}};
    out.push_back(finish_case(std::move(c), 0, t0));  // this scheme's wall time
  }
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
      "burn-in on eta* x {{0.9 .. 2.63}} and {} bisections, sign resolved at 99.9%, remaining bias below a tenth "
      "of the standard error; Lambda(eta*) < 0; Lambda <= (1/2) log rho(T); nonlinear SGD from r0 = {:g} "
      "perturbations returns (99.9% Wilson interval above 1/2) where Lambda < 0 and leaves where Lambda > 0, "
      "judged where a diffusion model of log|delta| predicts >= {:g} either way; rank one: Lambda exact, h in "
      "{{1, 3}}: eta* = 4/5, eta_L = 4/3 to the precision.",
      kStab6Bisections, ReturnOptions{}.r0, kStab6Clear);
  c.negative_control = "Mean-square stability as the predictor (SGD returns iff eta <= eta*) must be refuted on at least one instance by "
      "the return fractions at some eta in (eta*, eta_L).";
  c.precision = "mp50";
  c.seed = kStab6Seed;
  c.simulation_precision = "double";
  c.not_applicable = [](const ProblemSpec& s) {
    return s.model == "quadratic" ? "a quadratic loss has no examples: STAB-6 needs a regression model" : "";
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
