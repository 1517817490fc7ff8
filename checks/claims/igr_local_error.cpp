#include "checks/claims/igr_local_error.hpp"

#include "checks/claims/claim.hpp"
#include "checks/claims/dispatch.hpp"
#include "checks/claims/record.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "theory/losses/igr_modified_loss.hpp"
#include "theory/problem/generator.hpp"

#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include <chrono>

namespace irverify {

namespace {

template <class S> S spectral_radius(const Mat<S>& H) {
  Eigen::SelfAdjointEigenSolver<Mat<S>> es(H, Eigen::EigenvaluesOnly);
  return es.eigenvalues().cwiseAbs().maxCoeff();
}

// Largest power of two <= x.
template <class S> S power_of_two_below(const S& x) {
  S p(1);
  while (p > x) p /= 2;
  while (2 * p <= x) p *= 2;
  return p;
}

}  // namespace

template <class S> LadderCase igr_local_error_case(const ProblemSpec& spec, int levels) {
  using std::sqrt;
  const auto t0 = std::chrono::steady_clock::now();
  const Problem<S> pr = build_problem<S>(spec);
  const Model<S>& m = *pr.model;
  const Batch all = m.all_examples();
  const Vec<S>& th0 = pr.theta0;
  const Vec<S> g0 = m.gradient(th0, all);
  const S rho = spectral_radius<S>(m.hessian(th0, all));
  if (pr.has_h0 && !(pr.h0 * rho < 2))
    throw ProblemError(fmt::format("{}: h0 = {} is unstable at theta0: h0 * lambda_max(H) = {} >= 2", spec.origin,
                                   spec.h0, to_double(S(pr.h0 * rho))));
  // Default: a quarter of the local stability scale 1/lambda_max, rounded down to a power of two.
  const S h0 = pr.has_h0 ? pr.h0 : power_of_two_below<S>(S(1) / (4 * std::max(rho, S(1))));

  LadderCase c;
  c.spec = spec;
  c.dim = m.dim();
  c.examples = m.num_examples();
  c.scalar = scalar_name<S>();
  struct Target {
    std::string name, role;
    double order;
    S coef;  // coefficient of h ||g||^2; 0 = the flow of L itself
  };
  const std::vector<Target> targets = {
      {"GD vs flow of L", "claim", 2, S(0)},
      {"GD vs flow of L + (h/4)|g|^2", "claim", 3, S(1) / 4},
      {"GD vs flow of L + (h/2)|g|^2 (wrong coefficient)", "negative-control", 3, S(1) / 2},
  };
  for (const auto& t : targets) c.series.push_back({t.name, t.role, t.order, {}, {}, {}, false});

  const TaylorFlow<S> plain(gradient_flow_field(m, all));
  c.flow_order = plain.order();
  S h = h0;
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.h.push_back(to_double(h));
    c.h_text.push_back(to_string_full(h));
    const Vec<S> gd = th0 - h * g0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const Vec<S> flow = targets[i].coef == 0 ? plain.integrate(th0, h)
                                               : TaylorFlow<S>(igr_flow_field(m, h, targets[i].coef, all)).integrate(th0, h);
      const S e = (gd - flow).norm();
      c.series[i].err.push_back(to_double(e));
      c.series[i].err_text.push_back(to_string_full(e));
    }
  }
  // Floor: the flow's local tolerance (TaylorFlow::default_tolerance(), relative to max(1, |theta|)); the
  // rounding of the GD step and of the norm are a few eps below it. The fitter keeps points above 100x this.
  OrderFitOptions fo;
  fo.floor = to_double(S(TaylorFlow<S>::default_tolerance() * std::max(S(1), S(th0.norm()))));
  c.pass = true;
  for (auto& s : c.series) {
    s.fit = fit_order(c.h, s.err, fo);
    s.order_holds = order_matches(s.fit, s.claimed_order, kOrderTolerance);
    c.pass = c.pass && (s.role == "claim" ? s.order_holds : !s.order_holds);
  }
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return c;
}

#define IRVERIFY_INST(S) template LadderCase igr_local_error_case<S>(const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

nlohmann::json ladder_case_json(const LadderCase& c) {
  nlohmann::json series = nlohmann::json::array();
  for (const auto& s : c.series)
    series.push_back({{"name", s.name},
                      {"role", s.role},
                      {"claimed_order", s.claimed_order},
                      {"errors", s.err_text},
                      {"fit", order_fit_json(s.fit)},
                      {"order_holds", s.order_holds},
                      {"outcome", s.role == "claim" ? (s.order_holds ? "holds" : "fails")
                                                    : (s.order_holds ? "NOT rejected" : "rejected")}});
  return {{"problem", problem_summary_json(c.spec, c.dim, c.examples)},
          {"scalar", c.scalar},
          {"ladder", {{"h", c.h_text}, {"ratio", "1/2"}}},
          {"flow_solver", fmt::format("Taylor series, order {}", c.flow_order)},
          {"series", series},
          {"seconds", c.seconds},
          {"verdict", c.pass ? "pass" : "fail"}};
}

nlohmann::json run_igr_local_error(const RunOptions& opt) {
  const std::string prec = opt.precision.empty() ? "mp50" : opt.precision;
  const std::vector<ProblemSpec> problems = opt.problems.empty() ? builtin_problems() : opt.problems;
  const int levels = opt.levels > 0 ? opt.levels : kIgrLocalLevels;
  nlohmann::json cases = nlohmann::json::array(), seeds = nlohmann::json::array();
  bool pass = true;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    progress(opt, "IGR-1", fmt::format("{} ({}/{}), {} levels in {}", problems[i].name, i + 1, problems.size(), levels, prec));
    const LadderCase c = with_scalar(prec, [&](auto tag) {
      return igr_local_error_case<typename decltype(tag)::type>(problems[i], levels);
    });
    pass = pass && c.pass;
    cases.push_back(ladder_case_json(c));
    if (problems[i].seed != 0) seeds.push_back(problems[i].seed);
  }
  return {{"verdict", pass ? "pass" : "fail"}, {"scalar", prec}, {"digits", with_scalar(prec, [](auto tag) {
             return digits10<typename decltype(tag)::type>();
           })},
          {"seeds", seeds},
          {"cases", cases}};
}

}  // namespace irverify
