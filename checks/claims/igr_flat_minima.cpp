#include "checks/claims/igr_flat_minima.hpp"

#include "checks/claims/dispatch.hpp"
#include "checks/claims/run_cases.hpp"
#include "solvers/limits/limit_point.hpp"
#include "theory/losses/modified_field.hpp"


namespace irverify {

bool strictly_decreasing(const std::vector<double>& v, double resolution) {
  for (std::size_t i = 1; i < v.size(); ++i)
    if (!(v[i] < v[i - 1] - resolution)) return false;
  return true;
}

namespace {

std::string e3(double x) { return fmt::format("{:.3e}", x); }
std::string f6(double x) { return fmt::format("{:.6f}", x); }

// Balance: |theta1| - |theta2| (two-param), sum_k |u_k^2 - v_k^2| (diag nets); 0 = balanced.
template <class S> S balance(const std::string& kind, const Vec<S>& th) {
  using std::abs;
  if (kind == "two-param") return S(abs(th(0)) - abs(th(1)));
  const int p = static_cast<int>(th.size()) / 2;
  S s(0);
  for (int k = 0; k < p; ++k) s += abs(th(k) * th(k) - th(p + k) * th(p + k));
  return s;
}

template <class S> struct Sharpness {
  S lmax, trace;
};
template <class S> Sharpness<S> sharpness(const Model<S>& m, const Batch& b, const Vec<S>& th) {
  const Mat<S> H = m.hessian(th, b);
  return {lambda_max<S>(H), S(H.trace())};
}

// The common set-up: problem, largest step h0 = 1/lambda_max(H(theta0)) rounded down to a power of two (or the
// problem's h0, if stable), the limit target, and the limits of GD and of the flows of L + mu |g|^2.
template <class S> struct Study : LadderSetup<S> {
  S h0, lambda0;
  LimitOptions lim;
  S dt;  // flow chunk: 1/lambda0

  explicit Study(const ProblemSpec& spec) : LadderSetup<S>(spec) {
    using std::pow;
    const Problem<S>& pr = this->pr;
    lambda0 = lambda_max<S>(this->H0);
    if (!(lambda0 > 0)) throw ProblemError(spec.origin + ": lambda_max(H(theta0)) <= 0; no descent scale");
    h0 = start_step<S>(pr, lambda0, "lambda_max(H)", power_of_two_below<S>(S(1) / lambda0));
    lim.target = to_double(S(pow(std::numeric_limits<S>::epsilon(), S(3) / 4) * std::max(S(1), S(pr.theta0.norm()))));
    dt = S(1) / lambda0;
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
  LadderCase start(const std::string& label) const {
    LadderCase c = LadderSetup<S>::start(label);
    c.solver = fmt::format("GD to steady state; flows: Taylor series in chunks to steady state (target {:.1e})", lim.target);
    return c;
  }
};

template <class S> std::vector<std::vector<double>> points(const std::vector<Vec<S>>& path) {
  std::vector<std::vector<double>> p;
  for (const auto& x : path) p.push_back({to_double(x(0)), to_double(x(1))});
  return p;
}


// The verdict table of a sharpness-monotonicity test and its control.
CaseTable sharpness_verdicts(const std::string& claim_test, bool holds, const std::string& control_test, bool rejected) {
  return {"Sharpness verdicts",
          {"test", "result", "outcome"},
          {{claim_test, holds ? "yes" : "no", holds ? "holds" : "fails"},
           {control_test, rejected ? "not decreasing" : "passed", rejected ? "rejected" : "NOT rejected"}}};
}

}  // namespace

template <class S> LadderCase igr_flat_minima_case(const ProblemSpec& spec, int levels) {
  const Study<S> st(spec);
  const Model<S>& m = st.model();
  LadderCase c = st.start("GD limits against flow limits");
  c.add_series("GD limit vs limit of the flow of L", "claim", 1);
  c.add_series("GD limit vs limit of the flow of L + (h/4)|g|^2", "claim", 2);
  c.add_series("GD limit vs limit of the flow of L + (h/2)|g|^2 (wrong coefficient)", "negative-control", 2);
  const LimitPoint<S> flowL = st.flow(S(0));
  const Sharpness<S> sL = sharpness<S>(m, st.all, flowL.theta);
  CaseTable t{"Reached minima (GD limit for each h; last row: the flow of L)",
              {"h", "GD steps", "lambda_max", "tr H", "balance", "h lambda_max", "lambda_max at L~ limit"},
              {}};
  std::vector<double> lam_by_increasing_h;
  bool stable = true;
  nlohmann::json paths = nlohmann::json::array();
  S h = st.h0;
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    const LimitPoint<S> gd = st.gd(h), tl = st.flow(h / 4), ctl = st.flow(h / 2);
    c.add_error(0, S((gd.theta - flowL.theta).norm()));
    c.add_error(1, S((gd.theta - tl.theta).norm()));
    c.add_error(2, S((gd.theta - ctl.theta).norm()));
    const Sharpness<S> sg = sharpness<S>(m, st.all, gd.theta);
    stable = stable && h * sg.lmax < 2;
    lam_by_increasing_h.insert(lam_by_increasing_h.begin(), to_double(sg.lmax));
    t.rows.push_back({e3(to_double(h)), std::to_string(gd.iterations), f6(to_double(sg.lmax)), f6(to_double(sg.trace)),
                      f6(to_double(balance<S>(spec.model, gd.theta))), f6(to_double(S(h * sg.lmax))),
                      f6(to_double(sharpness<S>(m, st.all, tl.theta).lmax))});
    if (spec.model == "two-param" && k < 3) {
      paths.push_back({{"name", fmt::format("GD, h = {:g}", to_double(h))}, {"points", points(gd.path)}});
      if (k == 0) paths.push_back({{"name", fmt::format("flow of L~, h = {:g}", to_double(h))}, {"points", points(tl.path)}});
    }
  }
  t.rows.push_back({"flow of L", "–", f6(to_double(sL.lmax)), f6(to_double(sL.trace)),
                    f6(to_double(balance<S>(spec.model, flowL.theta))), "–", "–"});
  c.tables.push_back(std::move(t));
  // Sharpness: strictly decreasing in h, each GD limit flatter than the flow's. Resolution: a limit is known to
  // lim.target, so lambda_max to about 100 target max(1, lambda).
  const double res = 100 * st.lim.target * std::max(1.0, to_double(sL.lmax));
  std::vector<double> with_flow = {to_double(sL.lmax)};
  with_flow.insert(with_flow.end(), lam_by_increasing_h.begin(), lam_by_increasing_h.end());
  const bool decreasing = strictly_decreasing(with_flow, res);
  // Control for the monotonicity test: the flow of L does not depend on h; the same test must not pass it.
  const bool control_rejected = !strictly_decreasing(std::vector<double>(levels + 1, to_double(sL.lmax)), res);
  c.tables.push_back(sharpness_verdicts("lambda_max of the limit strictly decreasing in h (flow of L as h = 0), drops > " + e3(res),
                                        decreasing, "control: the flow of L's limit (independent of h) must not pass the test",
                                        control_rejected));
  c.tables.back().rows.push_back({"every GD step below the stability bound at its limit: h lambda_max < 2",
                                  stable ? "yes" : "no", stable ? "holds" : "fails"});
  c.extra_pass = decreasing && stable && control_rejected;
  if (spec.model == "two-param") {
    paths.push_back({{"name", "flow of L"}, {"points", points(flowL.path)}});
    // Minima: the hyperbola theta1 theta2 = c through the flow's limit (c = <x, y> / <x, x>).
    c.extra["plane"] = {{"hyperbola_c", to_double(S(flowL.theta(0) * flowL.theta(1)))}, {"paths", paths}};
  }
  return st.finish(std::move(c), st.lim.target);
}

template <class S> LadderCase igr_explicit_regularizer_case(const ProblemSpec& spec, int levels) {
  const Study<S> st(spec);
  const Model<S>& m = st.model();
  LadderCase c = st.start("flows of L + mu |g|^2");
  c.add_series("GD limit vs limit of the flow of L + (h/4)|g|^2", "claim", 2);
  c.add_series("GD limit vs limit of the flow of L + (h/2)|g|^2 (wrong mu)", "negative-control", 2);
  S h = st.h0;
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    const LimitPoint<S> gd = st.gd(h);
    c.add_error(0, S((gd.theta - st.flow(h / 4).theta).norm()));
    c.add_error(1, S((gd.theta - st.flow(h / 2).theta).norm()));
  }
  // The mu grid, increasing: 0, (h0/4) 2^-(J-1), ..., h0/4; and the sign-flipped regularizer L - mu |g|^2.
  std::vector<S> mus = {S(0)};
  for (int j = kMuGridSize - 1; j >= 0; --j) mus.push_back(S(st.h0 / 4) / S(1L << j));
  CaseTable t{"Limits of the flow of L + mu |g|^2 (and of the control L - mu |g|^2)",
              {"mu", "lambda_max", "tr H", "balance", "flow time", "control: lambda_max for L - mu |g|^2"},
              {}};
  std::vector<double> lam, lam_ctl;
  for (const S& mu : mus) {
    const LimitPoint<S> r = st.flow(mu), rc = st.flow(S(-mu));
    const Sharpness<S> s = sharpness<S>(m, st.all, r.theta), sc = sharpness<S>(m, st.all, rc.theta);
    lam.push_back(to_double(s.lmax));
    lam_ctl.push_back(to_double(sc.lmax));
    t.rows.push_back({e3(to_double(mu)), f6(to_double(s.lmax)), f6(to_double(s.trace)),
                      f6(to_double(balance<S>(spec.model, r.theta))), fmt::format("{:.1f}", to_double(r.time)),
                      f6(to_double(sc.lmax))});
  }
  c.tables.push_back(std::move(t));
  const double res = 100 * st.lim.target * std::max(1.0, lam.front());
  const bool decreasing = strictly_decreasing(lam, res), control_rejected = !strictly_decreasing(lam_ctl, res);
  c.tables.push_back(sharpness_verdicts("lambda_max of the limit strictly decreasing in mu, drops > " + e3(res), decreasing,
                                        "control: sign error (L - mu |g|^2) must not pass the same test", control_rejected));
  c.extra_pass = decreasing && control_rejected;
  return st.finish(std::move(c), st.lim.target);
}

#define IRVERIFY_INST(S)                                                \
  template LadderCase igr_flat_minima_case<S>(const ProblemSpec&, int); \
  template LadderCase igr_explicit_regularizer_case<S>(const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

static std::string flat_minima_models(const ProblemSpec& s) { return requires_model(s, {"two-param", "diag-uv"}); }

nlohmann::json run_igr_flat_minima(const RunOptions& opt) {
  return run_cases(opt, {"IGR-4", "quad", flat_minima_models,
                         ladder_cases(levels_or(opt, kFlatMinimaLevels), [](auto tag, const ProblemSpec& s, int n) {
                           return igr_flat_minima_case<typename decltype(tag)::type>(s, n);
                         })});
}

nlohmann::json run_igr_explicit_regularizer(const RunOptions& opt) {
  return run_cases(opt, {"IGR-5", "quad", flat_minima_models,
                         ladder_cases(levels_or(opt, kFlatMinimaLevels), [](auto tag, const ProblemSpec& s, int n) {
                           return igr_explicit_regularizer_case<typename decltype(tag)::type>(s, n);
                         })});
}

}  // namespace irverify
