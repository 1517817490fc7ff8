#include "checks/stab/stab1_gd_threshold.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "solvers/stability/linear_growth.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace irverify {

namespace stab1_detail {  // named: the family is one unity translation unit

// The linearized GD iteration at the minimum, from delta_0 = V'c in the range of H, c_i = 1 + i/N (a component along
// every eigenvector, generically).
template <class S> struct GdIteration {
  const StabilityInstance<S>& in;
  const Mat<S>& V;
  Vec<S> delta0;
  GdIteration(const MinimumSetup<S>& st) : in(st.inst), V(st.V), delta0(linear_start<S>(st.V)) {}
  // |1 - eta lambda_i| on the range, descending.
  std::vector<S> moduli(const S& eta) const {
    using std::abs;
    std::vector<S> q;
    for (int k = 0; k < in.rank(); ++k) q.push_back(abs(S(1 - eta * in.lambda(k))));
    std::sort(q.begin(), q.end(), [](const S& a, const S& b) { return a > b; });
    return q;
  }
  S log_rho(const S& eta) const {
    using std::log;
    return S(log(moduli(eta)[0]));
  }
  int horizon(const S& eta) const { return linear_horizon<S>(moduli(eta)); }
  S rate(const S& eta) const { return gd_linear_rate<S>(V, delta0, eta, horizon(eta)); }
};

// The measurement: the Hessian against (1/N) V'V; the rate on both sides of 2/lambda_max at every offset; the rate
// between each wrong threshold and 2/lambda_max.
template <class S> struct Side {
  S eta, rate, log_rho;
  int horizon;
};
template <class S> struct Offset {
  int k;  // e = 2^-k
  Side<S> below, above;
};
template <class S> struct Control {
  std::string name;
  S eta_c, mid, rate;
  bool predicts_stable() const { return mid <= eta_c; }
  bool rejected() const { return predicts_stable() ? rate > 0 : rate < 0; }
};
template <class S> struct Stab1Measurement {
  S lam_h, lam, hess_tol, eta_gd;  // lambda_max of the model's Hessian and of (1/N) V'V; 2/lambda_max
  std::vector<Offset<S>> offsets;
  std::vector<Control<S>> controls;
  bool hess_ok() const {
    using std::abs;
    return abs(S(lam_h - lam)) <= hess_tol;
  }
};

template <class S> Side<S> side(const GdIteration<S>& gd, const S& eta) { return {eta, gd.rate(eta), gd.log_rho(eta), gd.horizon(eta)}; }

template <class S> Stab1Measurement<S> measure(const MinimumSetup<S>& st, int levels) {
  const StabilityInstance<S>& in = st.inst;
  Stab1Measurement<S> m;
  m.lam_h = lambda_max<S>(st.H), m.lam = in.lambda_max();
  m.hess_tol = S(64 * st.model().dim()) * eps<S>() * m.lam + S(64) * st.min.residual_norm;
  m.eta_gd = S(2) / m.lam;
  const GdIteration<S> gd(st);
  for (int k = 1; k <= levels; ++k) {
    const S e = S(1) / S(1LL << k);
    m.offsets.push_back({k, side(gd, S(m.eta_gd * (1 - e))), side(gd, S(m.eta_gd * (1 + e)))});
  }
  auto control = [&](const std::string& name, const S& eta_c) {
    const S mid = (eta_c + m.eta_gd) / 2;
    m.controls.push_back({name, eta_c, mid, gd.rate(mid)});
  };
  control("1.05 (2/lambda_max)", S(m.eta_gd * S(105) / S(100)));
  control("0.95 (2/lambda_max)", S(m.eta_gd * S(95) / S(100)));
  if (in.trace() > m.lam * (1 + S(1) / S(64))) control("2/tr H (the SGD bound)", S(2) / in.trace());
  return m;
}

// |observed - log rho| within kStabRateRelTol relative, and decay below, growth above. rho = 0 (log rho = -inf: the
// iteration annihilates the range, rank-1 H at eta = 1/lambda) is met by an iterate that vanished (rate -inf) or
// shrank to rounding every step (a factor of at most 64 eps: the rounding of 1 - eta lambda and of the projection).
template <class S> bool rate_ok(const Side<S>& s) {
  using std::abs;
  using std::isinf;
  using std::log;
  if (isinf(s.log_rho) && s.log_rho < 0) return s.rate <= S(log(S(64 * std::numeric_limits<S>::epsilon())));
  return abs(S(s.rate - s.log_rho)) <= S(kStabRateRelTol) * abs(s.log_rho);
}
template <class S> bool offset_ok(const Offset<S>& o) {
  return o.below.rate < 0 && o.above.rate > 0 && rate_ok(o.below) && rate_ok(o.above);
}
template <class S> double rel_difference(const Side<S>& s) {
  using std::abs;
  using std::isinf;
  if (isinf(s.log_rho)) return rate_ok(s) ? 0.0 : std::numeric_limits<double>::infinity();
  return to_double(S(abs(S(s.rate - s.log_rho)) / abs(s.log_rho)));
}
template <class S> double worst_difference(const Stab1Measurement<S>& m) {
  double worst = 0;
  for (const Offset<S>& o : m.offsets) worst = std::max({worst, rel_difference(o.below), rel_difference(o.above)});
  return worst;
}

template <class S> void judge(const Stab1Measurement<S>& m, Case& c) {
  for (const Control<S>& k : m.controls)
    c.state("control: GD is stable iff eta <= " + k.name, kRefuted, outcome_of(!k.rejected()),
            fmt::format("rate {:.4e} at the midpoint {:.6g}", to_double(k.rate), to_double(k.mid)));
  bool all_ok = true;
  for (const Offset<S>& o : m.offsets) all_ok = all_ok && offset_ok(o);
  c.state("the model's Hessian equals (1/N) V'V at the minimum (lambda_max)", kHolds, outcome_of(m.hess_ok()));
  c.state("GD is stable iff eta <= 2/lambda_max: the linear iteration decays below and grows above at every offset, at "
          "rate log rho(I - eta H)",
          kHolds, outcome_of(all_ok), fmt::format("worst relative rate difference {:.2e}", worst_difference(m)));
}

template <class S> void present(const Stab1Measurement<S>& m, const StabilityInstance<S>& in, int levels, Case& c) {
  using std::abs;
  c.tables.push_back({"Sharpness at the minimum",
                      {"lambda_max (model Hessian)", "lambda_max ((1/N) V'V)", "|difference|", "tolerance", "tr H",
                       "rank H", "2/lambda_max", "outcome"},
                      {{to_string_full(m.lam_h), to_string_full(m.lam), e4(to_double(S(abs(S(m.lam_h - m.lam))))), e4(to_double(m.hess_tol)),
                        e4(to_double(in.trace())), std::to_string(in.rank()), to_string_full(m.eta_gd), m.hess_ok() ? "equal" : "differ"}}});
  CaseTable t{fmt::format("Growth rate per step of the linearized GD iteration at eta = (2/lambda_max)(1 -+ e), T steps "
                          "(rate over the last T/2; T/2 log(q1/q2) >= 32 for the two leading moduli, T <= 2^16), against log rho(I - eta H) on the range of H (tolerance {:g} relative)",
                          kStabRateRelTol),
              {"e", "T below / above", "rate below", "log rho below", "rate above", "log rho above", "outcome"},
              {}};
  for (const Offset<S>& o : m.offsets)
    t.rows.push_back({fmt::format("2^-{}", o.k), fmt::format("{} / {}", o.below.horizon, o.above.horizon), e4(to_double(o.below.rate)),
                      e4(to_double(o.below.log_rho)), e4(to_double(o.above.rate)), e4(to_double(o.above.log_rho)),
                      offset_ok(o) ? "decays below, grows above" : "fails"});
  c.tables.push_back(std::move(t));
  CaseTable ctl{"Negative controls: a wrong threshold eta_c is rejected when the iteration at the midpoint of eta_c and "
                "2/lambda_max does the opposite of what eta_c predicts",
                {"claimed threshold", "eta_c", "midpoint", "rate there", "eta_c predicts", "outcome"},
                {}};
  for (const Control<S>& k : m.controls)
    ctl.rows.push_back({k.name, to_string_full(k.eta_c), to_string_full(k.mid), e4(to_double(k.rate)),
                        k.predicts_stable() ? "decay" : "growth", k.rejected() ? "rejected" : "NOT rejected"});
  c.tables.push_back(std::move(ctl));
  const double worst = worst_difference(m);
  c.extra["eta_gd"] = to_string_full(m.eta_gd);
  c.extra["worst_rate_relative_difference"] = worst;
  c.headline(fmt::format("sign of growth flips at 2/lambda_max at every offset 2^-1..2^-{}", levels), 0);
  c.headline("rate vs log rho: ≤ {:.1e} relative", worst);
}

}  // namespace stab1_detail

template <class S> Case stab_gd_threshold_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  using namespace stab1_detail;
  const MinimumSetup<S> st(ctx, spec);
  Case c = st.start("GD threshold 2/lambda_max by direct iteration");
  const Stab1Measurement<S> m = measure(st, levels);
  judge(m, c);
  present(m, st.inst, levels, c);
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
