#include "checks/stab/stab1_gd_threshold.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "solvers/stability/linear_growth.hpp"

#include <algorithm>
#include <cmath>

namespace irverify {

template <class S> Case stab_gd_threshold_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  using std::abs;
  using std::log;
  const MinimumSetup<S> st(ctx, spec);
  const StabilityInstance<S>& in = st.inst;
  Case c = st.start("GD threshold 2/lambda_max by direct iteration");
  const S eps = irverify::eps<S>();
  const int D = st.model().dim();

  // The model's Hessian at the minimum against the Gauss-Newton form (1/N) V'V (equal at interpolation).
  const S lam_h = lambda_max<S>(st.H), lam = in.lambda_max();
  const S hess_tol = S(64 * D) * eps * lam + S(64) * st.min.residual_norm;
  const bool hess_ok = abs(S(lam_h - lam)) <= hess_tol;
  const S eta_gd = S(2) / lam;
  c.tables.push_back({"Sharpness at the minimum",
                      {"lambda_max (model Hessian)", "lambda_max ((1/N) V'V)", "|difference|", "tolerance", "tr H",
                       "rank H", "2/lambda_max", "outcome"},
                      {{to_string_full(lam_h), to_string_full(lam), e4(to_double(S(abs(S(lam_h - lam))))), e4(to_double(hess_tol)),
                        e4(to_double(in.trace())), std::to_string(in.rank()), to_string_full(eta_gd), hess_ok ? "equal" : "differ"}}});

  // delta_0 = V'c in the range of H, c_i = 1 + i/N (a component along every eigenvector, generically).
  Vec<S> coef(in.N);
  for (int i = 0; i < in.N; ++i) coef(i) = S(1) + S(i) / S(in.N);
  const Vec<S> delta0 = st.V.transpose() * coef;
  // log rho(I - eta H) on the range, and a horizon T at which the leading mode dominates the rest by e^-32 over the
  // measured half [T/2, T]: T/2 log(q1/q2) >= 32, q1 > q2 the two largest |1 - eta lambda_i| (T in [64, 2^16]).
  auto moduli = [&](const S& eta) {
    std::vector<S> q;
    for (int k = 0; k < in.rank(); ++k) q.push_back(abs(S(1 - eta * in.lambda(k))));
    std::sort(q.begin(), q.end(), [](const S& a, const S& b) { return a > b; });
    return q;
  };
  auto log_rho = [&](const S& eta) { return S(log(moduli(eta)[0])); };
  auto horizon = [&](const S& eta) {
    const std::vector<S> q = moduli(eta);
    S gap(0);
    for (std::size_t k = 1; k < q.size() && gap == 0; ++k)
      if (q[k] < q[0]) gap = log(S(q[0] / q[k]));
    const double t = gap == 0 ? 64.0 : std::ceil(64.0 / to_double(gap));
    return static_cast<int>(std::clamp(t, 64.0, 65536.0));
  };
  auto rate_at = [&](const S& eta) { return gd_linear_rate<S>(st.V, delta0, eta, horizon(eta)); };
  auto rate_ok = [&](const S& rate, const S& expected) {
    return abs(S(rate - expected)) <= S(kStabRateRelTol) * abs(expected);
  };

  CaseTable t{fmt::format("Growth rate per step of the linearized GD iteration at eta = (2/lambda_max)(1 -+ e), T steps "
                          "(rate over the last T/2; T/2 log(q1/q2) >= 32 for the two leading moduli, T <= 2^16), against log rho(I - eta H) on the range of H (tolerance {:g} relative)",
                          kStabRateRelTol),
              {"e", "T below / above", "rate below", "log rho below", "rate above", "log rho above", "outcome"},
              {}};
  bool all_ok = true;
  double worst = 0;
  for (int k = 1; k <= levels; ++k) {
    const S e = S(1) / S(1LL << k);
    const S lo = eta_gd * (1 - e), hi = eta_gd * (1 + e);
    const S r_lo = rate_at(lo), r_hi = rate_at(hi), x_lo = log_rho(lo), x_hi = log_rho(hi);
    const bool ok = r_lo < 0 && r_hi > 0 && rate_ok(r_lo, x_lo) && rate_ok(r_hi, x_hi);
    worst = std::max({worst, to_double(S(abs(S(r_lo - x_lo)) / abs(x_lo))), to_double(S(abs(S(r_hi - x_hi)) / abs(x_hi)))});
    all_ok = all_ok && ok;
    t.rows.push_back({fmt::format("2^-{}", k), fmt::format("{} / {}", horizon(lo), horizon(hi)), e4(to_double(r_lo)), e4(to_double(x_lo)),
                      e4(to_double(r_hi)), e4(to_double(x_hi)), ok ? "decays below, grows above" : "fails"});
  }
  c.tables.push_back(std::move(t));

  // Negative controls: thresholds that are wrong must be contradicted by the iteration between them and 2/lambda_max.
  CaseTable ctl{"Negative controls: a wrong threshold eta_c is rejected when the iteration at the midpoint of eta_c and "
                "2/lambda_max does the opposite of what eta_c predicts",
                {"claimed threshold", "eta_c", "midpoint", "rate there", "eta_c predicts", "outcome"},
                {}};
  auto control = [&](const std::string& name, const S& eta_c) {
    const S mid = (eta_c + eta_gd) / 2, r = rate_at(mid);
    const bool predicts_stable = mid <= eta_c, rejected = predicts_stable ? r > 0 : r < 0;
    c.state("control: GD is stable iff eta <= " + name, kRefuted, outcome_of(!rejected),
            fmt::format("rate {:.4e} at the midpoint {:.6g}", to_double(r), to_double(mid)));
    ctl.rows.push_back({name, to_string_full(eta_c), to_string_full(mid), e4(to_double(r)),
                        predicts_stable ? "decay" : "growth", rejected ? "rejected" : "NOT rejected"});
  };
  control("1.05 (2/lambda_max)", S(eta_gd * S(105) / S(100)));
  control("0.95 (2/lambda_max)", S(eta_gd * S(95) / S(100)));
  if (in.trace() > lam * (1 + S(1) / S(64))) control("2/tr H (the SGD bound)", S(2) / in.trace());
  c.tables.push_back(std::move(ctl));
  c.state("the model's Hessian equals (1/N) V'V at the minimum (lambda_max)", kHolds, outcome_of(hess_ok));
  c.state("GD is stable iff eta <= 2/lambda_max: the linear iteration decays below and grows above at every offset, at "
          "rate log rho(I - eta H)",
          kHolds, outcome_of(all_ok), fmt::format("worst relative rate difference {:.2e}", worst));
  c.extra["eta_gd"] = to_string_full(eta_gd);
  c.extra["worst_rate_relative_difference"] = worst;
  c.headline(fmt::format("sign of growth flips at 2/lambda_max at every offset 2^-1..2^-{}", levels), 0);
  c.headline("rate vs log rho: ≤ {:.1e} relative", worst);
  return st.finish(std::move(c));
}

#define IRVERIFY_INST(S) template Case stab_gd_threshold_case<S>(const RunContext&, const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace stab1 {  // the claim's registration


const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "STAB-1";
  c.title = "GD linear stability: eta <= 2/lambda_max(H)";
  c.paper = "Wu, Ma & E, How SGD Selects the Global Minima in Over-parameterized Learning, NeurIPS 2018 (Sec. 3); "
      "Wu & Su, ICML 2023";
  c.statement = "At an interpolating minimum (H = (1/N) sum_i v_i v_i'), the linearized GD map delta' = (I - eta H) delta is "
      "stable iff eta <= 2/lambda_max(H).";
  c.verdict_rule = fmt::format("At a minimum found from theta0 by Gauss-Newton, on every regression model: lambda_max of the model's "
      "Hessian equals that of (1/N) V'V; direct iteration (in the range of H) at eta = (2/lambda_max)(1 -+ "
      "2^-k), k = 1..{}, decays below and grows above, with rate within {:g} relative of log rho(I - eta H).",
      kStabGdLevels, kStabRateRelTol);
  c.negative_control = "Thresholds 1.05 and 0.95 times 2/lambda_max, and 2/tr H: the iteration at the midpoint between each and "
      "2/lambda_max must contradict it.";
  c.precision = "mp50";
  c.levels = kStabGdLevels;
  c.not_applicable = interpolation_not_applicable;
  c.problems = minimum_problems;
  c.eigen_size = EigenSize::Examples;
  c.summary_expected = fmt::format("decay below, growth above; ≤ {:g} relative; ±5% and 2/tr H thresholds rejected", kStabRateRelTol);
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return stab_gd_threshold_case<typename decltype(tag)::type>(ctx, s, ctx.levels);
  });
  return c;
}());

}  // namespace stab1

}  // namespace irverify
