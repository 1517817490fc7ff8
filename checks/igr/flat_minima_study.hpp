// What IGR-4 and IGR-5 share (Barrett & Dherin 2021, Sec. 5-6; CLAIMS.md), on two-param, diag-uv and smooth formula
// models (whose minima the user states form a continuum: on an isolated minimum every limit is the same): the problem,
// the largest step h0 = 1/lambda_max(H(theta0)) rounded down to a power of two (or the problem's h0, if stable), and
// the limits of GD and of the flows of L + mu |g|^2, found by steady-state detection (solvers/limits/limit_point.hpp)
// to a distance target of eps^(3/4) |theta0|; sharpness and balance of a limit; the monotonicity test.
#pragma once

#include "checks/framework/ladder_setup.hpp"
#include "checks/igr/igr4_flat_minima.hpp"
#include "solvers/limits/limit_point.hpp"
#include "theory/losses/modified_field.hpp"

#include <optional>

namespace irverify {

// "" if IGR-4/5 apply: two-param, diag-uv or a smooth formula model.
std::string flat_minima_not_applicable(const ProblemSpec& s);

inline std::string e3(double x) { return fmt::format("{:.3e}", x); }
inline std::string f6(double x) { return fmt::format("{:.6f}", x); }

// Balance: |theta1| - |theta2| (two-param), sum_k |u_k^2 - v_k^2| (diag-uv); 0 = balanced. None for a formula model
// (its symmetry is not known), shown as a dash.
template <class S> std::optional<S> balance(const std::string& kind, const Vec<S>& th) {
  using std::abs;
  if (kind == "two-param") return S(abs(th(0)) - abs(th(1)));
  if (kind != "diag-uv") return std::nullopt;
  const int p = static_cast<int>(th.size()) / 2;
  S s(0);
  for (int k = 0; k < p; ++k) s += abs(th(k) * th(k) - th(p + k) * th(p + k));
  return s;
}
template <class S> std::string balance_text(const std::optional<S>& b) { return b ? f6(to_double(*b)) : "–"; }

template <class S> struct Sharpness {
  S lmax, trace;
};
template <class S> Sharpness<S> sharpness(const Model<S>& m, const Batch& b, const Vec<S>& th) {
  const Mat<S> H = m.hessian(th, b);
  return {lambda_max<S>(H), S(H.trace())};
}

// The common set-up: problem, largest step h0 = 1/lambda_max(H(theta0)) rounded down to a power of two (or the
// problem's h0, if stable), the limit target, and the limits of GD and of the flows of L + mu |g|^2.
template <class S> struct FlatMinimaSetup : LadderSetup<S> {
  S h0, lambda0;
  LimitOptions lim;
  S dt;  // flow chunk: 1/lambda0

  FlatMinimaSetup(const RunContext& ctx, const ProblemSpec& spec) : LadderSetup<S>(ctx, spec) {
    using std::pow;
    const Problem<S>& pr = this->pr;
    lambda0 = lambda_max<S>(this->H0);
    if (!(lambda0 > 0)) throw ProblemError(spec.origin + ": lambda_max(H(theta0)) <= 0; no descent scale");
    h0 = start_step<S>(pr, lambda0, "lambda_max(H)", power_of_two_below<S>(S(1) / lambda0));
    lim.target = to_double(S(pow(eps<S>(), S(3) / 4) * std::max(S(1), S(pr.theta0.norm()))));
    dt = S(1) / lambda0;
    lim.deadline = ctx.deadline;
  }
  LimitPoint<S> checked(LimitPoint<S> r, const std::string& what) const {
    if (!r.converged) throw ProblemError(fmt::format("{}: {}: {}", this->pr.spec.origin, what, r.note));
    return r;
  }
  LimitPoint<S> gd(const S& h) const {
    return checked(gd_limit<S>(this->model(), this->all, this->theta0(), h, lim), fmt::format("GD, h = {}", to_double(h)));
  }
  // Flow of L + mu |g|^2 (field -(g + 2 mu H g)); mu = 0 is the flow of L.
  LimitPoint<S> flow(const S& mu) const {
    return checked(flow_limit<S>(modified_field<S>(this->model(), this->all, {S(1), S(2 * mu), S(0), S(0)}), this->theta0(),
                                 dt, lim),
                   fmt::format("flow of L + {} |g|^2", to_double(mu)));
  }
  Case start(const std::string& label) const {
    Case c = LadderSetup<S>::start(label);
    c.solver = fmt::format("GD to steady state; flows: Taylor series in chunks to steady state (target {:.1e})", lim.target);
    return c;
  }
};

// The sharpness statements of IGR-4 and IGR-5: the claim's monotonicity test (expected to hold) and its control
// (expected refuted: the same test must not pass it), resolution `res` in the evidence.
inline void sharpness_statements(Case& c, const std::string& claim_test, bool holds, const std::string& control_test,
                                 bool control_passes, double res) {
  const std::string ev = fmt::format("strict decrease means drops > {:.3e} (100 x the limit tolerance)", res);
  c.state(claim_test, kHolds, outcome_of(holds), ev);
  c.state(control_test, kRefuted, outcome_of(control_passes), ev);
}

}  // namespace irverify
