#include "checks/mom/momentum_ladder.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/ladder_setup.hpp"
#include "checks/framework/toy_problems.hpp"
#include "solvers/flow/quadratic_exact_flow.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/iterate/momentum.hpp"
#include "solvers/order/richardson.hpp"
#include "theory/problem/generator.hpp"

#include <algorithm>
#include <cmath>

namespace irverify {

namespace mom {

// The largest step: h lambda well inside the overdamped range h lambda < (1 - sqrt(beta))^2 where backward error
// analysis applies (CLAIMS.md): a quarter of it over max(1, rho(H(theta0))), rounded down to a power of two (<= 1/4).
template <class S> S start_step(const Mat<S>& H0, const S& beta) {
  using std::sqrt;
  const S od = (1 - sqrt(beta)) * (1 - sqrt(beta));
  return power_of_two_below<S>(od / (4 * std::max(spectral_radius<S>(H0), S(1))));
}

template <class S> std::string beta_text(const S& beta) { return fmt::format("{:g}", to_double(beta)); }

// The digits of agreement of x with a nonzero v (0 when they differ by more than v).
template <class S> double agreement_digits(const S& x, const S& v) {
  using std::abs;
  const S rel = abs(S(x - v)) / abs(v);
  return rel > 0 ? std::max(0.0, -std::log10(to_double(rel))) : double(digits10<S>());
}

// The lag statements: the extrapolated coefficient equals the method's shift s to kMomLagDigits (resolved when the
// Richardson estimate is below that), and the setting's wrong shift is refuted; the per-step table.
template <class S> void lag_statements(const std::vector<Vec<S>>& lag, const MomentumSetting<S>& m, Case& c) {
  const S s = momentum_shift<S>(m.kind, m.beta);
  const std::string s_text = m.kind == Momentum::PyTorchNesterov ? "beta^2/(1-beta)^2" : "beta/(1-beta)^2";
  CaseTable t{fmt::format("Lag coefficient c(h) = (theta_n - phi_T(theta0)) . g_T / (h |g_T|^2) per step, against s = {}", s_text),
              {"h", "c(h)", "c(h) - s"}, {}};
  for (std::size_t k = 0; k < lag.size(); ++k)
    t.rows.push_back({fmt::format("{:.6e}", c.h[k]), fmt::format("{:.15f}", to_double(lag[k](0))),
                      fmt::format("{:.3e}", to_double(S(lag[k](0) - s)))});
  c.tables.push_back(std::move(t));
  const auto [est, err] = richardson<S>(lag);
  const bool resolved = to_double(S(err / s)) <= std::pow(10.0, -kMomLagDigits);
  const std::string ev = fmt::format("extrapolated {} over {} levels (Richardson estimate {:.1e}); s = {} = {}",
                                     to_string_full(S(est(0))), lag.size(), to_double(err), s_text, to_string_full(s));
  const double d = agreement_digits<S>(est(0), s), d_wrong = agreement_digits<S>(est(0), m.wrong_shift.second);
  c.state(fmt::format("the lag coefficient (theta_n - phi_T(theta0)) . g / (h |g|^2) tends to {} (>= {:g} digits)", s_text,
                      kMomLagDigits),
          kHolds, outcome_of(d >= kMomLagDigits, resolved), fmt::format("{:.1f} digits; {}", d, ev));
  c.state("control: the lag coefficient tends to " + m.wrong_shift.first, kRefuted,
          outcome_of(d_wrong >= kMomLagDigits, resolved), fmt::format("{:.1f} digits; {}", d_wrong, ev));
  c.extra["lag"] = {{"extrapolated", to_string_full(S(est(0)))}, {"richardson_estimate", to_double(err)},
                    {"shift", to_string_full(s)}, {"digits", d}};
  c.headline("lag coefficient ≥ {:.1f} digits", d, Aggregate::min);
}

}  // namespace mom

std::string momentum_ladder_rule() {
  return fmt::format(
      "h_k = h0 2^-k, k < {}, h0 = (1 - sqrt(beta))^2 / (4 max(1, lambda_max(H(theta0)))) rounded down to a power of two "
      "(the problem's h0, a GD step, is not used); T = 1/h0 steps of h0. Fitted orders within +-{} of 1 (from theta0) "
      "and 2 (shifted start); the lag coefficient extrapolated (Richardson over the ladder) to >= {:g} digits",
      kMomLevels, kOrderTolerance, kMomLagDigits);
}

std::vector<ProblemSpec> momentum_problems() {
  std::vector<ProblemSpec> v = builtin_problems();
  v.push_back(uv_ridge_toy());
  return v;
}

template <class S> Case momentum_global_case(const RunContext& ctx, const ProblemSpec& spec, const MomentumSetting<S>& m, int levels) {
  using std::ceil;
  const LadderSetup<S> st(ctx, spec);
  const Vec<S>& th0 = st.theta0();
  const S h0 = mom::start_step<S>(st.H0, m.beta);
  const long n0 = static_cast<long>(to_double(S(ceil(S(1) / h0))));
  const S T = h0 * n0;
  const S kappa = momentum_kappa<S>(m.kind, m.beta), s = momentum_shift<S>(m.kind, m.beta);
  Case c = st.start(fmt::format("{} from rest to T = {}, beta = {}", momentum_name(m.kind), to_double(T), mom::beta_text(m.beta)));
  c.add_series("from theta0", Role::claim, 1);
  c.add_series("from theta0 at order 2 (the lag ignored)", Role::control, 2);
  c.add_series("from the shifted start theta0 + h s g(theta0)", Role::claim, 2);
  for (const auto& w : m.wrong_kappas) c.add_series("shifted start, " + w.first, Role::control, 2);
  std::vector<Vec<S>> lag;
  // A quadratic loss (g = H theta - b, H constant): the flows also in closed form, x' = -m(H) g with
  // m(l) = (1 + 2 kappa h l)/(1 - beta) (solvers/flow/quadratic_exact_flow.hpp), as a check of the Taylor solver.
  const bool quadratic = spec.model == "quadratic" || spec.model == "least-squares";
  S closed_gap(0);
  S h = h0;
  long n = n0;
  for (int k = 0; k < levels; ++k, h /= 2, n *= 2) {
    c.add_h(h);
    Vec<S> x = momentum_state<S>(th0);
    iterate(MomentumStep<S>{st.model(), st.all, h, m.beta, m.kind}, x, n);
    const Vec<S> th = x.head(th0.size());
    const TaylorFlow<S> right = st.flow(momentum_flow_field<S>(st.model(), st.all, h, m.beta, kappa));
    const Vec<S> start = th0 + h * s * st.g0, end = right.integrate(th0, T), shifted = right.integrate(start, T);
    c.add_error(0, S((th - end).norm()));
    c.add_error(1, S((th - end).norm()));
    c.add_error(2, S((th - shifted).norm()));
    for (std::size_t i = 0; i < m.wrong_kappas.size(); ++i) {
      const TaylorFlow<S> wrong = st.flow(momentum_flow_field<S>(st.model(), st.all, h, m.beta, m.wrong_kappas[i].second));
      c.add_error(3 + i, S((th - wrong.integrate(start, T)).norm()));
    }
    if (quadratic) {
      const std::vector<S> mult{S(1) / (1 - m.beta), S(2 * kappa * h / (1 - m.beta))};
      const auto exact = [&](const Vec<S>& from) { return quadratic_exact_flow<S>(st.H0, st.model().gradient(from, st.all), from, T, mult); };
      closed_gap = std::max({closed_gap, S((exact(th0) - end).norm()), S((exact(start) - shifted).norm())});
    }
    const Vec<S> gT = st.model().gradient(end, st.all);
    lag.push_back(Vec<S>::Constant(1, S((th - end).dot(gT) / (h * gT.squaredNorm()))));
  }
  c.solver = "from rest (theta_{-1} = theta0, a zero buffer); flows: Taylor series";
  if (quadratic) {
    const double bound = std::ldexp(flow_floor<S>(th0), kMomClosedFormBits);
    c.state(fmt::format("the Taylor flows (from theta0 and the shifted start, every level) equal the closed form on this quadratic "
                        "loss to 2^{} times the flow floor", kMomClosedFormBits),
            kHolds, outcome_of(to_double(closed_gap) <= bound), fmt::format("largest difference {:.3e}, bound {:.3e}", to_double(closed_gap), bound));
  }
  mom::lag_statements<S>(lag, m, c);
  // Floor: the flows' tolerance; the iteration's rounding (about n eps |theta|) is detected by the fitter.
  return st.finish(std::move(c), flow_floor<S>(th0));
}

template <class S> Case momentum_local_case(const RunContext& ctx, const ProblemSpec& spec, const MomentumSetting<S>& m, int levels) {
  const LadderSetup<S> st(ctx, spec);
  const Vec<S>& th0 = st.theta0();
  const S kappas[] = {momentum_kappa<S>(m.kind, m.beta), m.local_wrong_kappa.second};
  const bool buffer = m.kind == Momentum::PyTorchNesterov;
  Case c = st.start(fmt::format("one {} step on the invariant manifold, beta = {}", momentum_name(m.kind), mom::beta_text(m.beta)));
  c.add_series(buffer ? "v_0 = g/(1-beta) + h H g/(1-beta)^3 (the manifold's buffer), one step, vs phi_h(theta0)"
                      : "theta_{-1} = phi_{-h}(theta0), one step, vs phi_h(theta0)",
               Role::claim, 3);
  c.add_series("the same with " + m.local_wrong_kappa.first + " in the flow", Role::control, 3);
  S h = mom::start_step<S>(st.H0, m.beta);
  const S b1 = 1 - m.beta;
  const Vec<S> Hg = st.H0 * st.g0;
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    for (int i = 0; i < 2; ++i) {
      // PyTorch's buffer on the manifold, sum_k beta^k g(theta_{-(k+1)}) with theta_{-j} = phi_{-jh}(theta0) =
      // theta0 + j h g/(1-beta) + O(h^2): g/(1-beta) + h H g/(1-beta)^3 + O(h^2), enough (a step moves theta by
      // h beta^2 v) and the same for both flows.
      const Vec<S> start = buffer ? Vec<S>(st.g0 / b1 + (h / (b1 * b1 * b1)) * Hg)
                                  : Vec<S>(th0 - st.flow(momentum_flow_field<S>(st.model(), st.all, h, m.beta, kappas[i], -1)).integrate(th0, h));
      Vec<S> x = momentum_state<S>(th0, start);
      MomentumStep<S>{st.model(), st.all, h, m.beta, m.kind}(x);
      const Vec<S> ahead = st.flow(momentum_flow_field<S>(st.model(), st.all, h, m.beta, kappas[i])).integrate(th0, h);
      c.add_error(i, S((x.head(th0.size()) - ahead).norm()));
    }
  }
  c.solver = buffer ? "the manifold's buffer to O(h^2); the modified flow forward by h: Taylor series"
                    : "the modified flow back and forward by h: Taylor series";
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S)                                                                                               \
  template Case momentum_global_case<S>(const RunContext&, const ProblemSpec&, const MomentumSetting<S>&, int); \
  template Case momentum_local_case<S>(const RunContext&, const ProblemSpec&, const MomentumSetting<S>&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
