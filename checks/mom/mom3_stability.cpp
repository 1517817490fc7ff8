// MOM-3 (CLAIMS.md): heavy ball's linear stability interval eta lambda_max < 2 (1 + beta) at an interpolating minimum,
// by direct iteration on both sides of eta_m = 2 (1 + beta) / lambda_max; controls: GD's 2/lambda_max and the
// effective-step rule eta/(1 - beta) < 2/lambda_max.
#include "checks/mom/mom3_stability.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "solvers/stability/momentum_growth.hpp"

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
  MomentumIteration(const MinimumSetup<S>& s, const S& b) : st(s), beta(b) {
    Vec<S> coef(st.inst.N);
    for (int i = 0; i < st.inst.N; ++i) coef(i) = S(1) + S(i) / S(st.inst.N);
    delta0 = st.V.transpose() * coef;
  }
  // T with T/2 log(q1/q2) >= 32 for the two largest distinct moduli, T in [64, 2^16].
  int horizon(const S& eta) const {
    using std::log;
    const std::vector<S> q = momentum_moduli<S>(st.inst.lambda, eta, beta);
    S gap(0);
    for (std::size_t k = 1; k < q.size() && gap == 0; ++k)
      if (q[k] < q[0]) gap = log(S(q[0] / q[k]));
    const double t = gap == 0 ? 64.0 : std::ceil(64.0 / to_double(gap));
    return static_cast<int>(std::clamp(t, 64.0, 65536.0));
  }
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

}  // namespace mom3

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
  c.extra["eta_momentum"] = to_string_full(eta_m);
  c.extra["worst_rate_relative_difference"] = worst;
  c.headline("rate vs log rho: ≤ {:.1e} relative", worst);
  return st.finish(std::move(c));
}

#define IRVERIFY_INST(S) template Case mom_stability_case<S>(const RunContext&, const ProblemSpec&, const S&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace mom3 {  // the claim's registration

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "MOM-3";
  c.title = "Heavy-ball linear stability: eta lambda_max < 2(1+beta)";
  c.paper = "Jury's criterion for delta_{n+1} = (1 + beta - eta lambda) delta_n - beta delta_{n-1}; CLAIMS.md (MOM-3)";
  c.statement = "At an interpolating minimum, the linearized heavy ball delta_{n+1} = delta_n + beta (delta_n - delta_{n-1}) - "
      "eta H delta_n is stable iff 0 < eta lambda < 2(1+beta) for every eigenvalue lambda of H.";
  c.verdict_rule = fmt::format("beta in {{0.3, 0.5, 0.9}}; at a minimum found from theta0 by Gauss-Newton, direct iteration "
      "(in the range of H, from rest) at eta = (2(1+beta)/lambda_max)(1 -+ 2^-k), k = 1..{}, decays below and grows "
      "above, at a rate within {:g} relative of log max|z| where the leading root is real and simple.",
      kMom3Levels, kMom3RateRelTol);
  c.negative_control = "GD's bound 2/lambda_max and the effective-step rule 2(1-beta)/lambda_max must each be rejected by "
      "the iteration at the midpoint between them and 2(1+beta)/lambda_max.";
  c.precision = "mp50";
  c.summary_expected = fmt::format("decay below, growth above 2(1+beta)/lambda_max; rate within {:g} of log max|z|; controls "
                                   "rejected", kMom3RateRelTol);
  c.levels = kMom3Levels;
  c.not_applicable = interpolation_not_applicable;
  c.problems = minimum_problems;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    using S = typename decltype(tag)::type;
    std::vector<Case> v;
    for (const S beta : {S(3) / 10, S(1) / 2, S(9) / 10}) v.push_back(mom_stability_case<S>(ctx, s, beta, ctx.levels));
    return v;
  });
  return c;
}());

}  // namespace mom3

}  // namespace irverify
