// MOM-1 (CLAIMS.md; Ghosh, Lyu, Zhang, Wang, ICLR 2023): heavy ball from rest (PyTorch's zero buffer) against the
// modified flow theta' = -(1/(1-beta)) grad[L + kappa h ||g||^2], kappa = (1+beta)/(4(1-beta)^2), from theta0 (order
// 1: the lag) and from the shifted start theta0 + h s g(theta0), s = beta/(1-beta)^2 (order 2); the lag coefficient
// (theta_n - phi_T(theta0)) . g_T / (h |g_T|^2) -> s by Richardson extrapolation; one step on the manifold (order 3).
#include "checks/mom/mom1_heavy_ball.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/ladder_setup.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/iterate/momentum.hpp"
#include "solvers/order/richardson.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem_io.hpp"

#include <cmath>

namespace irverify {

namespace mom1 {

// The largest step: h lambda well inside the overdamped range h lambda < (1 - sqrt(beta))^2 where backward error
// analysis applies (CLAIMS.md): a quarter of it over max(1, rho(H(theta0))), rounded down to a power of two (<= 1/4).
template <class S> S start_step(const Mat<S>& H0, const S& beta) {
  using std::sqrt;
  const S od = (1 - sqrt(beta)) * (1 - sqrt(beta));
  return power_of_two_below<S>(od / (4 * std::max(spectral_radius<S>(H0), S(1))));
}

// The controls' coefficients kappa (each gives order 1 from the shifted start).
template <class S> std::vector<std::pair<std::string, S>> wrong_kappas(const S& beta) {
  return {{"GD's (h/4)|g|^2 under the 1/(1-beta) prefactor", S(1) / 4},
          {"(h/4)(1+beta)/(1-beta)|g|^2: GD's times (1+beta)/(1-beta) in raw h", S((1 + beta) / (4 * (1 - beta)))},
          {"(1+beta) h/(4(1-beta)^3)|g|^2: Ghosh et al.'s prefactored coefficient under the prefactor again",
           S((1 + beta) / (4 * (1 - beta) * (1 - beta) * (1 - beta)))}};
}

template <class S> std::string beta_text(const S& beta) { return fmt::format("{:g}", to_double(beta)); }

// The digits of agreement of x with a nonzero v (0 when they differ by more than v).
template <class S> double agreement_digits(const S& x, const S& v) {
  using std::abs;
  const S rel = abs(S(x - v)) / abs(v);
  return rel > 0 ? std::max(0.0, -std::log10(to_double(rel))) : double(digits10<S>());
}

// The lag statements: the extrapolated coefficient equals s = beta/(1-beta)^2 to kMom1LagDigits (resolved when the
// Richardson estimate is below that), and the control beta/(1-beta) (the lag in steps, for the shift) is refuted.
template <class S> void lag_statements(const std::vector<Vec<S>>& lag, const S& beta, Case& c) {
  const S s = momentum_shift<S>(Momentum::HeavyBall, beta), steps = beta / (1 - beta);
  CaseTable t{"Lag coefficient c(h) = (theta_n - phi_T(theta0)) . g_T / (h |g_T|^2) per step, against s = beta/(1-beta)^2",
              {"h", "c(h)", "c(h) - s"}, {}};
  for (std::size_t k = 0; k < lag.size(); ++k)
    t.rows.push_back({fmt::format("{:.6e}", c.h[k]), fmt::format("{:.15f}", to_double(lag[k](0))),
                      fmt::format("{:.3e}", to_double(S(lag[k](0) - s)))});
  c.tables.push_back(std::move(t));
  const auto [est, err] = richardson<S>(lag);
  const double want = std::pow(10.0, -kMom1LagDigits);
  const bool resolved = to_double(S(err / s)) <= want;
  const std::string ev = fmt::format("extrapolated {} over {} levels (Richardson estimate {:.1e}); s = beta/(1-beta)^2 = {}",
                                     to_string_full(S(est(0))), lag.size(), to_double(err), to_string_full(s));
  const double d = agreement_digits<S>(est(0), s), d_wrong = agreement_digits<S>(est(0), steps);
  c.state(fmt::format("the lag coefficient (theta_n - phi_T(theta0)) . g / (h |g|^2) tends to beta/(1-beta)^2 (>= {:g} digits)",
                      kMom1LagDigits),
          kHolds, outcome_of(d >= kMom1LagDigits, resolved), fmt::format("{:.1f} digits; {}", d, ev));
  c.state("control: the lag coefficient tends to beta/(1-beta) (the lag in steps, without the 1/(1-beta) time scale)",
          kRefuted, outcome_of(d_wrong >= kMom1LagDigits, resolved), fmt::format("{:.1f} digits; {}", d_wrong, ev));
  c.extra["lag"] = {{"extrapolated", to_string_full(S(est(0)))}, {"richardson_estimate", to_double(err)},
                    {"beta_over_one_minus_beta_squared", to_string_full(s)}, {"digits", d}};
  c.headline("lag coefficient ≥ {:.1f} digits", d, Aggregate::min);
}

}  // namespace mom1

template <class S> Case mom_heavy_ball_global_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, int levels) {
  using std::ceil;
  const LadderSetup<S> st(ctx, spec);
  const Vec<S>& th0 = st.theta0();
  const S h0 = mom1::start_step<S>(st.H0, beta);
  const long n0 = static_cast<long>(to_double(S(ceil(S(1) / h0))));
  const S T = h0 * n0;
  const S kappa = momentum_kappa<S>(Momentum::HeavyBall, beta), s = momentum_shift<S>(Momentum::HeavyBall, beta);
  const auto wrong = mom1::wrong_kappas<S>(beta);
  Case c = st.start(fmt::format("heavy ball from rest to T = {}, beta = {}", to_double(T), mom1::beta_text(beta)));
  c.add_series("from theta0", Role::claim, 1);
  c.add_series("from theta0 at order 2 (the lag ignored)", Role::control, 2);
  c.add_series("from the shifted start theta0 + h beta/(1-beta)^2 g(theta0)", Role::claim, 2);
  for (const auto& w : wrong) c.add_series("shifted start, " + w.first, Role::control, 2);
  std::vector<Vec<S>> lag;
  S h = h0;
  long n = n0;
  for (int k = 0; k < levels; ++k, h /= 2, n *= 2) {
    c.add_h(h);
    Vec<S> x = momentum_state<S>(th0);
    iterate(MomentumStep<S>{st.model(), st.all, h, beta, Momentum::HeavyBall}, x, n);
    const Vec<S> th = x.head(th0.size());
    const TaylorFlow<S> right = st.flow(momentum_flow_field<S>(st.model(), st.all, h, beta, kappa));
    const Vec<S> end = right.integrate(th0, T), start = th0 + h * s * st.g0;
    c.add_error(0, S((th - end).norm()));
    c.add_error(1, S((th - end).norm()));
    c.add_error(2, S((th - right.integrate(start, T)).norm()));
    for (std::size_t i = 0; i < wrong.size(); ++i)
      c.add_error(3 + i, S((th - st.flow(momentum_flow_field<S>(st.model(), st.all, h, beta, wrong[i].second)).integrate(start, T)).norm()));
    const Vec<S> gT = st.model().gradient(end, st.all);
    lag.push_back(Vec<S>::Constant(1, S((th - end).dot(gT) / (h * gT.squaredNorm()))));
  }
  c.solver = "heavy ball from rest (theta_{-1} = theta0); flows: Taylor series";
  mom1::lag_statements<S>(lag, beta, c);
  // Floor: the flows' tolerance; the iteration's rounding (about n eps |theta|) is detected by the fitter.
  return st.finish(std::move(c), flow_floor<S>(th0));
}

template <class S> Case mom_heavy_ball_local_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, int levels) {
  const LadderSetup<S> st(ctx, spec);
  const Vec<S>& th0 = st.theta0();
  const S kappas[] = {momentum_kappa<S>(Momentum::HeavyBall, beta), S(1) / 4};
  Case c = st.start(fmt::format("one heavy-ball step on the invariant manifold, beta = {}", mom1::beta_text(beta)));
  c.add_series("theta_{-1} = phi_{-h}(theta0), one step, vs phi_h(theta0)", Role::claim, 3);
  c.add_series("the same with GD's coefficient (h/4)|g|^2 in the flow", Role::control, 3);
  S h = mom1::start_step<S>(st.H0, beta);
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    for (int i = 0; i < 2; ++i) {
      const Vec<S> back = st.flow(momentum_flow_field<S>(st.model(), st.all, h, beta, kappas[i], -1)).integrate(th0, h);
      Vec<S> x = momentum_state<S>(th0, Vec<S>(th0 - back));
      MomentumStep<S>{st.model(), st.all, h, beta, Momentum::HeavyBall}(x);
      const Vec<S> ahead = st.flow(momentum_flow_field<S>(st.model(), st.all, h, beta, kappas[i])).integrate(th0, h);
      c.add_error(i, S((x.head(th0.size()) - ahead).norm()));
    }
  }
  c.solver = "the modified flow back and forward by h: Taylor series";
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S)                                                                                   \
  template Case mom_heavy_ball_global_case<S>(const RunContext&, const ProblemSpec&, const S&, int); \
  template Case mom_heavy_ball_local_case<S>(const RunContext&, const ProblemSpec&, const S&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace mom1 {  // the claim's registration

// CLAIMS.md's toy, 1/2 (x y - 1)^2 + 0.1 x^2 (a u v regression with ridge), as a formula with no data.
ProblemSpec uv_ridge_toy() {
  return parse_problem_text(R"j({"format": "irverify-problem-1", "name": "uv-ridge toy",
    "comment": "CLAIMS.md's toy 1/2 (x y - 1)^2 + 0.1 x^2", "model": "formula", "parameters": ["x", "y"],
    "loss": "0.5 * (x * y - 1)^2 + 0.1 * x^2", "theta0": ["1.5", "0.25"]})j", "MOM-1 toy");
}

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "MOM-1";
  c.title = "Heavy-ball momentum: the modified flow and the lag of a start from rest";
  c.paper = "Ghosh, Lyu, Zhang, Wang, Implicit regularization in heavy-ball momentum accelerated SGD, ICLR 2023; CLAIMS.md";
  c.statement = "Heavy ball theta_{n+1} = theta_n + beta (theta_n - theta_{n-1}) - h g(theta_n) follows theta' = "
      "-(1/(1-beta)) grad[L + h (1+beta)/(4(1-beta)^2) ||g||^2] to O(h^2) on its invariant manifold; started from rest "
      "(theta_{-1} = theta0) it lags by beta/(1-beta) steps: O(h) from the flow from theta0, O(h^2) from the flow from "
      "theta0 + h beta/(1-beta)^2 g(theta0).";
  c.verdict_rule = fmt::format(
      "beta in {{0.3, 0.5}}; h_k = h0 2^-k, k < {}, h0 = (1 - sqrt(beta))^2 / (4 max(1, lambda_max(H(theta0)))) rounded "
      "down to a power of two (the problem's h0, a GD step, is not used); T = 1/h0 steps of h0. Fitted orders within +-{} "
      "of 1 (from theta0) and 2 (shifted start), local order 3 for one step from theta_{{-1}} = phi_{{-h}}(theta0); the "
      "lag coefficient extrapolated (Richardson) to >= {:g} digits of beta/(1-beta)^2.",
      kMom1Levels, kOrderTolerance, kMom1LagDigits);
  c.negative_control = "From the shifted start: GD's coefficient h/4, (h/4)(1+beta)/(1-beta) in raw h and Ghosh et al.'s "
      "(1+beta)/(4(1-beta)^3) under the prefactor again must each fail order 2; the flow from theta0 must fail order 2; "
      "GD's coefficient must fail local order 3; the lag coefficient beta/(1-beta) must be refuted.";
  c.precision = "mp50";
  c.levels = kMom1Levels;
  c.not_applicable = requires_smooth;
  c.problems = [] {
    std::vector<ProblemSpec> v = builtin_problems();
    v.push_back(uv_ridge_toy());
    return v;
  };
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    using S = typename decltype(tag)::type;
    std::vector<Case> v;
    for (const S beta : {S(3) / 10, S(1) / 2}) {
      v.push_back(mom_heavy_ball_global_case<S>(ctx, s, beta, ctx.levels));
      v.push_back(mom_heavy_ball_local_case<S>(ctx, s, beta, ctx.levels));
    }
    return v;
  });
  return c;
}());

}  // namespace mom1

}  // namespace irverify
