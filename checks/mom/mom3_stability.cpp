// MOM-3 (CLAIMS.md): heavy ball's linear stability interval eta lambda_max < 2 (1 + beta) at an interpolating minimum,
// by direct iteration on both sides of eta_m = 2 (1 + beta) / lambda_max; controls: GD's 2/lambda_max and the
// effective-step rule eta/(1 - beta) < 2/lambda_max. SGD with momentum: the exact mean-square threshold.
#include "checks/mom/mom3_stability.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "checks/framework/optimizer_settings.hpp"
#include "solvers/stability/linear_growth.hpp"
#include "solvers/stability/momentum_growth.hpp"
#include "solvers/stability/momentum_threshold.hpp"
#include "solvers/stability/sgd_threshold.hpp"
#include "solvers/stats/confidence.hpp"
#include "solvers/stats/z_test.hpp"

#include <algorithm>
#include <cmath>

namespace irverify {

namespace mom3 {

template <class S> struct Side {
  S eta, rate, log_rho;
  int horizon;
  bool real;  // the leading root real and simple: the rate must equal log rho
  bool ok(bool stable) const {
    using std::abs;
    const bool sign = stable ? rate < 0 : rate > 0;
    return sign && (!real || abs(S(rate - log_rho)) <= S(kMom3RateRelTol) * abs(log_rho));
  }
};

// The direct iteration from delta_0 = V'c, c_i = 1 + i/N (every eigenvector, generically), delta_{-1} = delta_0.
template <class S> struct MomentumIteration {
  const MinimumSetup<S>& st;
  S beta;
  Vec<S> delta0;
  MomentumIteration(const MinimumSetup<S>& s, const S& b) : st(s), beta(b), delta0(linear_start<S>(s.V)) {}
  int horizon(const S& eta) const { return linear_horizon<S>(momentum_moduli<S>(st.inst.lambda, eta, beta)); }
  Side<S> side(const S& eta) const {
    using std::log;
    const int T = horizon(eta);
    return {eta, momentum_linear_rate<S>(st.V, delta0, eta, beta, T),
            S(log(momentum_moduli<S>(st.inst.lambda, eta, beta)[0])), T,
            momentum_leading_root_real<S>(st.inst.lambda, eta, beta)};
  }
};

template <class S> struct Control {
  std::string name;
  S eta_c, mid, rate;
  bool predicts_stable() const { return mid <= eta_c; }
  bool rejected() const { return predicts_stable() ? rate > 0 : rate < 0; }
};

// Monte Carlo at one eta: the measured rate of E|z_t|^2 from z_0 ~ N(0, I), the exact rate log(tr T^t(I)/2r)/t, and the
// control's (the noise-free operator, C = K: heavy ball's GD).
struct MsMc {
  double eta = 0, rate = 0, se = 0, exact = 0, noise_free = 0;
  double z() const { return (rate - exact) / se; }
  double z_control() const { return (rate - noise_free) / se; }
};
// The mean-square part: SGD with momentum (B = 1 with replacement, B = 2 without), the exact threshold eta*_beta of the
// doubled state's second moments, checked by iterating T (in double) on both sides; at beta = 0 against STAB-2's eta*.
template <class S> struct MsScheme {
  BatchScheme bs;
  S eta0;                      // STAB-2's eta* (structured), beta = 0
  MomentumThreshold<S> t;      // eta*_beta
  double rate_below = 0, rate_above = 0;
  std::vector<MsMc> mc;        // at eta*_beta (1 -+ 1/kMom3MsOffset)
  bool ok() const { return rate_below < 0 && rate_above > 0; }
};

// log(tr T^t(I))/t over the second half of t steps of the dense operator, in double (a sign test).
inline double moment_growth(const Mat<double>& T, const Vec<double>& x0, int steps) {
  Vec<double> x = x0 / x0.norm();
  double log_norm = 0, at_half = 0;
  for (int t = 1; t <= steps; ++t) {
    x = T * x;
    const double n = x.norm();
    log_norm += std::log(n);
    x /= n;
    if (t == steps / 2) at_half = log_norm;
  }
  return (log_norm - at_half) / (steps - steps / 2);
}

inline std::vector<BatchScheme> ms_schemes(int N) {
  std::vector<BatchScheme> v = {{1, BatchSampling::WithReplacement}};
  if (N > 2) v.push_back({2, BatchSampling::WithoutReplacement});  // N = 2: B = 2 without replacement is GD
  return v;
}

template <class S> std::vector<MsScheme<S>> measure_ms(const MinimumSetup<S>& st, const S& beta, bool monte_carlo) {
  const StabilityOperators<S> ops(st.inst);
  std::vector<MsScheme<S>> v;
  const int r = st.inst.rank();
  const SymBasis big{2 * r};
  for (const BatchScheme& bs : ms_schemes(st.inst.N)) {
    const BatchCoefficients<S> c = batch_coefficients<S>(st.inst.N, bs.B, bs.sampling);
    MsScheme<S> m{bs, eta_star_structured<S>(st.inst, bs.B, bs.sampling),
                  momentum_ms_threshold<S>(ops, st.inst.lambda, c, beta, S(1) / S(1LL << kMom3BisectionBits)), 0, 0, {}};
    const Vec<double> x0 = to_doubles(big.svec(Mat<S>(Mat<S>::Identity(2 * r, 2 * r))));
    for (int side : {-1, 1}) {
      const S eta = (side < 0 ? m.t.lo : m.t.hi) * (1 + S(side) / S(kMom3MsOffset));
      const Mat<S> Ts = momentum_moment_operator<S>(ops, st.inst.lambda, c, eta, beta);
      (side < 0 ? m.rate_below : m.rate_above) = moment_growth(to_doubles(Ts), x0, kMom3MsSteps);
      if (!monte_carlo) continue;
      const GrowthEstimate g = momentum_mc_growth(to_doubles(st.inst.W), bs.B, bs.sampling, to_double(eta), to_double(beta),
                                                  GrowthOptions{st.ctx.control(), kMom3McSteps});
      const Mat<S> Tk = momentum_moment_operator<S>(ops, st.inst.lambda, BatchCoefficients<S>{S(0), S(1)}, eta, beta);
      m.mc.push_back({to_double(eta), g.log_rate, g.stderr_, to_double(momentum_predicted_rate<S>(Ts, r, kMom3McSteps)),
                      to_double(momentum_predicted_rate<S>(Tk, r, kMom3McSteps))});
    }
    v.push_back(m);
  }
  return v;
}

template <class S> std::string bracket_text(const MomentumThreshold<S>& t) {
  return fmt::format("[{:.12g}, {:.12g}]", to_double(t.lo), to_double(t.hi));
}

// Monte Carlo E|z_t|^2 against the exact tr T^t(I) (the claim) and against the noise-free operator (the control), at
// the Bonferroni 99.9% value over all points.
template <class S> void mc_statements(const std::vector<MsScheme<S>>& v, Case& c) {
  int points = 0;
  double zmax = 0, zc_max = 0;
  CaseTable t{fmt::format("SGD with momentum, Monte Carlo: log(mean |z_t|^2 / mean |z_0|^2)/t, t = {}, z_0 ~ N(0, I), against the "
                          "exact log(tr T^t(I)/2r)/t and the noise-free operator's (C = HMH)", kMom3McSteps),
              {"B", "sampling", "eta", "MC rate ± se", "exact", "z", "noise-free", "z (control)"},
              {}};
  for (const MsScheme<S>& m : v)
    for (const MsMc& p : m.mc) {
      ++points;
      zmax = std::max(zmax, std::abs(p.z()));
      zc_max = std::max(zc_max, std::abs(p.z_control()));
      t.rows.push_back({std::to_string(m.bs.B), sampling_name(m.bs.sampling), fmt::format("{:.10g}", p.eta),
                        fmt::format("{:.5f} ± {:.5f}", p.rate, p.se), fmt::format("{:.5f}", p.exact), fmt::format("{:.2f}", p.z()),
                        fmt::format("{:.5f}", p.noise_free), fmt::format("{:.1f}", p.z_control())});
    }
  if (points == 0) return;
  c.tables.push_back(std::move(t));
  const double zc = bonferroni_z999(points);
  c.state("SGD with momentum: the Monte Carlo growth of E|z_t|^2 is the exact second moments' tr T^t(I)", kHolds,
          outcome_of(zmax <= zc), fmt::format("max |z| {:.2f} (critical {:.3f} over {} points)", zmax, zc, points),
          ZTest::bonferroni(zmax, points));
  c.state("control: it grows as the noise-free operator (heavy ball's GD, C = HMH) predicts", kRefuted, outcome_of(!(zc_max > zc)),
          fmt::format("max |z| {:.1f} (critical {:.3f})", zc_max, zc));
}

template <class S> void ms_statements(const std::vector<MsScheme<S>>& v, const StabilityInstance<S>& in, const S& beta, Case& c) {
  const S w = S(1) / S(1LL << kMom3BisectionBits), det = 2 * (1 + beta) / in.lambda_max();
  bool grows = true, det_holds = false, scaled_holds = false, resolved = true;
  CaseTable t{fmt::format("SGD with momentum: the exact mean-square threshold eta*_beta of the doubled state (bisection to 2^-{} "
                          "on 'X - T(X) = I has a positive definite solution'), and the growth rate of T^t(I) in double at "
                          "eta*_beta (1 -+ 1/{})", kMom3BisectionBits, kMom3MsOffset),
              {"B", "sampling", "eta* at beta = 0 (STAB-2)", "eta*_beta", "2(1+beta)/lambda_max", "(1+beta) eta*_0",
               "eta*_beta tr H / 2", "rate below", "rate above", "outcome"},
              {}};
  for (const MsScheme<S>& m : v) {
    grows = grows && m.ok();
    resolved = resolved && m.t.lo < m.t.hi;
    det_holds = det_holds || m.t.lo * (1 + w) >= det;
    const S scaled = (1 + beta) * m.eta0;
    scaled_holds = scaled_holds || (scaled >= m.t.lo * (1 - w) && scaled <= m.t.hi * (1 + w));
    if (m.bs.B == 1)
      c.headline(fmt::format("B = 1, beta {:g}: eta*_beta/eta*_0 {{:.4f}}–{{:.4f}}", to_double(beta)), to_double(S(m.t.hi / m.eta0)),
                 Aggregate::range);
    t.rows.push_back({std::to_string(m.bs.B), sampling_name(m.bs.sampling), to_string_full(m.eta0), bracket_text(m.t),
                      to_string_full(det), to_string_full(scaled), fmt::format("{:.6f}", to_double(S(m.t.hi * in.trace() / 2))),
                      e4(m.rate_below), e4(m.rate_above), m.ok() ? "decays below, grows above" : "fails"});
  }
  c.tables.push_back(std::move(t));
  mc_statements<S>(v, c);
  c.state("SGD with momentum: the exact second moments decay below eta*_beta and grow above it (at 1 -+ 1/" +
              std::to_string(kMom3MsOffset) + ")",
          kHolds, outcome_of(grows));
  c.state("control: SGD with momentum is mean-square stable up to the deterministic 2(1+beta)/lambda_max", kRefuted,
          outcome_of(det_holds, resolved));
  c.state("control: eta*_beta = (1+beta) eta*_0 (STAB-2's threshold scaled as the deterministic one)", kRefuted,
          outcome_of(scaled_holds, resolved));
}

}  // namespace mom3

// beta = 0: the doubled state's threshold is STAB-2's eta* (the Z11 block is STAB-2's T).
template <class S> Case mom_ms_zero_case(const RunContext& ctx, const ProblemSpec& spec) {
  using namespace mom3;
  const MinimumSetup<S> st(ctx, spec);
  Case c = st.start("the doubled state at beta = 0 against STAB-2's eta*");
  const S w = S(1) / S(1LL << kMom3BisectionBits), tol = S(64 * SymBasis{st.inst.rank()}.size()) * eps<S>();
  bool all = true;
  CaseTable t{"beta = 0: the doubled state's threshold (bisection) against STAB-2's eta* (structured eigenproblem)",
              {"B", "sampling", "eta* (STAB-2)", "doubled state, beta = 0", "inside (width 2^-" + std::to_string(kMom3BisectionBits) + ")"},
              {}};
  for (const MsScheme<S>& m : measure_ms<S>(st, S(0), false)) {
    const bool in = m.eta0 >= m.t.lo * (1 - tol) && m.eta0 <= m.t.hi * (1 + tol) && m.t.hi - m.t.lo <= w * m.t.hi;
    all = all && in;
    t.rows.push_back({std::to_string(m.bs.B), sampling_name(m.bs.sampling), to_string_full(m.eta0), bracket_text(m.t), in ? "yes" : "NO"});
  }
  c.tables.push_back(std::move(t));
  c.state("at beta = 0 the doubled state's mean-square threshold is STAB-2's eta*", kHolds, outcome_of(all));
  return st.finish(std::move(c));
}

template <class S> Case mom_stability_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, int levels) {
  using namespace mom3;
  using std::abs;
  const MinimumSetup<S> st(ctx, spec);
  const S lam = st.inst.lambda_max(), eta_m = 2 * (1 + beta) / lam;
  Case c = st.start(fmt::format("heavy-ball threshold 2(1+beta)/lambda_max by direct iteration, beta = {:g}", to_double(beta)));
  const MomentumIteration<S> it(st, beta);
  CaseTable t{fmt::format("Growth rate per step of the linearized heavy ball at eta = eta_m (1 -+ e), eta_m = 2(1+beta)/lambda_max, "
                          "T steps (rate over the last T/2), against log of the largest root modulus (tolerance {:g} relative "
                          "where the leading root is real and simple; else the sign only)",
                          kMom3RateRelTol),
              {"e", "T below / above", "rate below", "log rho below", "leading root below", "rate above", "log rho above",
               "outcome"},
              {}};
  bool all_ok = true;
  double worst = 0;
  for (int k = 1; k <= levels; ++k) {
    const S e = S(1) / S(1LL << k);
    const Side<S> lo = it.side(S(eta_m * (1 - e))), hi = it.side(S(eta_m * (1 + e)));
    const bool ok = lo.ok(true) && hi.ok(false);
    all_ok = all_ok && ok;
    for (const Side<S>* s : {&lo, &hi})
      if (s->real) worst = std::max(worst, to_double(S(abs(S(s->rate - s->log_rho)) / abs(s->log_rho))));
    t.rows.push_back({fmt::format("2^-{}", k), fmt::format("{} / {}", lo.horizon, hi.horizon), e4(to_double(lo.rate)),
                      e4(to_double(lo.log_rho)), lo.real ? "real" : "complex (sign only)", e4(to_double(hi.rate)),
                      e4(to_double(hi.log_rho)), ok ? "decays below, grows above" : "fails"});
  }
  c.state("heavy ball is stable iff eta lambda_max < 2(1+beta): the linear iteration decays below and grows above at every "
          "offset, at rate log max|z| where the leading root is real",
          kHolds, outcome_of(all_ok), fmt::format("worst relative rate difference {:.2e}", worst));
  std::vector<Control<S>> controls;
  for (const auto& [name, eta_c] : {std::pair<std::string, S>{"2/lambda_max (GD's bound)", S(2 / lam)},
                                    std::pair<std::string, S>{"2(1-beta)/lambda_max (the effective step eta/(1-beta))",
                                                              S(2 * (1 - beta) / lam)}}) {
    const S mid = (eta_c + eta_m) / 2;
    controls.push_back({name, eta_c, mid, it.side(mid).rate});
  }
  CaseTable ctl{"Negative controls: a wrong threshold eta_c is rejected when the iteration at the midpoint of eta_c and eta_m "
                "does the opposite of what eta_c predicts",
                {"claimed threshold", "eta_c", "midpoint", "rate there", "eta_c predicts", "outcome"},
                {}};
  for (const Control<S>& k : controls) {
    c.state("control: heavy ball is stable iff eta <= " + k.name, kRefuted, outcome_of(!k.rejected()),
            fmt::format("rate {:.4e} at the midpoint {:.6g}", to_double(k.rate), to_double(k.mid)));
    ctl.rows.push_back({k.name, to_string_full(k.eta_c), to_string_full(k.mid), e4(to_double(k.rate)),
                        k.predicts_stable() ? "decay" : "growth", k.rejected() ? "rejected" : "NOT rejected"});
  }
  c.tables.push_back(std::move(t));
  c.tables.push_back(std::move(ctl));
  ms_statements<S>(measure_ms<S>(st, beta, true), st.inst, beta, c);
  c.extra["eta_momentum"] = to_string_full(eta_m);
  c.extra["worst_rate_relative_difference"] = worst;
  c.headline("rate vs log rho: ≤ {:.1e} relative", worst);
  return st.finish(std::move(c));
}

#define IRVERIFY_INST(S)                                                                                 \
  template Case mom_stability_case<S>(const RunContext&, const ProblemSpec&, const S&, int);           \
  template Case mom_ms_zero_case<S>(const RunContext&, const ProblemSpec&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace mom3 {  // the claim's registration

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "MOM-3";
  c.title = "Heavy-ball linear stability: eta lambda_max < 2(1+beta); SGD with momentum's mean-square threshold";
  c.paper = "Jury's criterion for delta_{n+1} = (1 + beta - eta lambda) delta_n - beta delta_{n-1}; CLAIMS.md (MOM-3)";
  c.statement = "At an interpolating minimum, the linearized heavy ball delta_{n+1} = delta_n + beta (delta_n - delta_{n-1}) - "
      "eta H delta_n is stable iff 0 < eta lambda < 2(1+beta) for every eigenvalue lambda of H. Beyond any paper: SGD with "
      "momentum is mean-square stable iff rho(T) < 1, T the map of the second moments of (delta_n, delta_{n-1}); at beta = "
      "0 its threshold is STAB-2's eta*.";
  c.verdict_rule = fmt::format("beta in {{0.3, 0.5, 0.9}} (or the problem's optimizer.beta); at a minimum found from theta0 by Gauss-Newton, direct iteration "
      "(in the range of H, from rest) at eta = (2(1+beta)/lambda_max)(1 -+ 2^-k), k = 1..{}, decays below and grows "
      "above, at a rate within {:g} relative of log max|z| where the leading root is real and simple. Mean square (B = 1 "
      "with replacement, B = 2 without): eta*_beta by bisection to 2^-{} on the positive definiteness of the solution of "
      "X - T(X) = I; T^t(I) decays at eta*_beta (1 - 1/{}) and grows at (1 + 1/{}) ({} steps, double); there, Monte Carlo "
      "E|z_t|^2 ({} runs, t = {}, double) within the Bonferroni 99.9% value of the exact tr T^t(I); at beta = 0 the "
      "bracket holds STAB-2's eta*.",
      kMom3Levels, kMom3RateRelTol, kMom3BisectionBits, kMom3MsOffset, kMom3MsOffset, kMom3MsSteps, kMom3McSamples, kMom3McSteps);
  c.negative_control = "GD's bound 2/lambda_max and the effective-step rule 2(1-beta)/lambda_max must each be rejected by "
      "the iteration at the midpoint between them and 2(1+beta)/lambda_max; the mean-square threshold must differ from "
      "the deterministic 2(1+beta)/lambda_max and from (1+beta) times STAB-2's eta*; the Monte Carlo must reject the "
      "noise-free operator's prediction.";
  c.precision = "mp50";
  c.seed = kMom3McSeed;
  c.samples = kMom3McSamples;
  c.samples_are = "linearized SGD-with-momentum runs per eta";
  c.simulation_precision = "double";
  c.summary_expected = fmt::format("decay below, growth above 2(1+beta)/lambda_max; rate within {:g} of log max|z|; controls "
                                   "rejected", kMom3RateRelTol);
  c.levels = kMom3Levels;
  c.not_applicable = interpolation_not_applicable;
  c.problems = minimum_problems;
  c.optimizers = {"heavy-ball"};
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    using S = typename decltype(tag)::type;
    std::vector<Case> v;
    v.push_back(mom_ms_zero_case<S>(ctx, s));
    for (const S& beta : optimizer_values<S>(s, &OptimizerSpec::beta, {S(3) / 10, S(1) / 2, S(9) / 10})) v.push_back(mom_stability_case<S>(ctx, s, beta, ctx.levels));
    return v;
  });
  return c;
}());

}  // namespace mom3

}  // namespace irverify
