// An order-of-convergence case on a step ladder h_k = h0 2^-k (STYLE.md lesson 6): the errors of several
// series against h, each with a claimed order, a fit (solvers/order/order_fit.hpp) and an outcome.
// Shared by the ladder claims (IGR-1, IGR-2, IGR-3); reports/ renders it as a convergence table and figure.
#pragma once

#include "solvers/order/order_fit.hpp"
#include "theory/problem/problem.hpp"
#include "theory/scalar.hpp"
#include "theory/stability/sharpness.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace irverify {

// Tolerance on fitted orders, from CLAIMS.md (+-0.05).
inline constexpr double kOrderTolerance = 0.05;
// Monte Carlo series: a point counts when its error exceeds kMcMargin standard deviations; a claimed order holds
// when |fit - order| <= max(kOrderTolerance, 95% half-width) and the half-width is at most kMcMaxHalfWidth
// (resolved); a control is rejected when its order lies outside that band.
inline constexpr double kMcMargin = 4;
inline constexpr double kMcMaxHalfWidth = 0.25;

struct LadderSeries {
  std::string name;   // e.g. "GD vs flow of L"
  std::string role;   // "claim", "negative-control" (must be rejected) or "context" (reported, no verdict)
  double claimed_order = 0;
  std::vector<std::string> err_text;  // full precision
  std::vector<double> err;
  std::vector<double> sigma;  // Monte Carlo: standard deviation of each error (empty: deterministic)
  OrderFit fit;
  bool order_holds = false;  // |fitted - claimed| <= kOrderTolerance
};

// A generic table attached to a case (rendered as is): cells are preformatted text.
struct CaseTable {
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  nlohmann::json to_json() const { return {{"title", title}, {"columns", columns}, {"rows", rows}}; }
};

struct LadderCase {
  ProblemSpec spec;
  std::string label;  // what is measured, when a problem has several cases
  int dim = 0, examples = 0;
  std::string scalar;
  std::vector<std::string> h_text;
  std::vector<double> h;
  std::vector<LadderSeries> series;
  std::vector<CaseTable> tables;
  nlohmann::json extra = nlohmann::json::object();  // claim-specific data merged into the case record
  std::string solver;  // e.g. "Taylor series, order 36"
  double seconds = 0;
  bool pass = false;   // claims hold, every negative control is rejected, and extra_pass
  bool extra_pass = true;  // verdicts of the case's tables (set by the claim)

  void add_series(const std::string& name, const std::string& role, double order) {
    series.push_back({name, role, order, {}, {}, {}, {}, false});
  }
  template <class S> void add_h(const S& h_k) {
    h.push_back(to_double(h_k));
    h_text.push_back(to_string_full(h_k));
  }
  template <class S> void add_error(std::size_t i, const S& e) {
    series[i].err.push_back(to_double(e));
    series[i].err_text.push_back(to_string_full(e));
  }
  template <class S> void add_error(std::size_t i, const S& e, double sigma) {
    add_error(i, e);
    series[i].sigma.push_back(sigma);
  }
  // Fits every series above the given floor and sets the outcomes and pass.
  void finish(double floor);
};

nlohmann::json ladder_case_json(const LadderCase& c);

// Two-sided 99.9% normal quantile: the confidence level of the Monte Carlo verdicts (SGD-4, STAB-2, STAB-4).
inline constexpr double kZ999 = 3.2905;

// Table cells: 5 significant digits.
inline std::string e4(double x) { return fmt::format("{:.4e}", x); }

// Largest power of two <= x (x > 0), in S.
template <class S> S power_of_two_below(const S& x) {
  S p(1);
  while (p > x) p /= 2;
  while (2 * p <= x) p *= 2;
  return p;
}

// The largest step of a ladder: the problem's h0 if it gives one, rejected unless h0 * scale < 2 (scale: the
// curvature that bounds the iteration's stability at theta0, described by scale_text), else `fallback`.
template <class S>
S start_step(const Problem<S>& pr, const S& scale, const std::string& scale_text, const S& fallback) {
  if (pr.has_h0 && !(pr.h0 * scale < 2))
    throw ProblemError(fmt::format("{}: h0 = {} is unstable at theta0: h0 * {} = {} >= 2", pr.spec.origin, pr.spec.h0,
                                   scale_text, to_double(S(pr.h0 * scale))));
  return pr.has_h0 ? pr.h0 : fallback;
}

// GD ladders: stability bound h0 lambda_max(H(theta0)) < 2 (spectral radius), default a quarter of the local scale
// 1/max(1, lambda_max) rounded down to a power of two.
template <class S> S ladder_start(const Problem<S>& pr, const Mat<S>& H0) {
  const S rho = spectral_radius<S>(H0);
  return start_step<S>(pr, rho, "lambda_max(H)", power_of_two_below<S>(S(1) / (4 * std::max(rho, S(1)))));
}

// An empty case for a problem's model.
template <class S> LadderCase new_case(const ProblemSpec& spec, const Model<S>& m, const std::string& label) {
  LadderCase c;
  c.spec = spec;
  c.label = label;
  c.dim = m.dim();
  c.examples = m.num_examples();
  c.scalar = scalar_name<S>();
  return c;
}
// Fits the series above `floor` and records the wall time since t0.
inline LadderCase finish_case(LadderCase c, double floor, std::chrono::steady_clock::time_point t0) {
  c.finish(floor);
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return c;
}

// What every ladder case starts from: the problem built in S, the full batch, g and H at theta0, and the clock.
template <class S> struct LadderSetup {
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  Problem<S> pr;
  Batch all;
  Vec<S> g0;
  Mat<S> H0;

  explicit LadderSetup(const ProblemSpec& spec)
      : pr(build_problem<S>(spec)), all(pr.model->all_examples()), g0(pr.model->gradient(pr.theta0, all)),
        H0(pr.model->hessian(pr.theta0, all)) {}
  const Model<S>& model() const { return *pr.model; }
  const Vec<S>& theta0() const { return pr.theta0; }
  // An empty case for this problem.
  LadderCase start(const std::string& label) const { return new_case<S>(pr.spec, model(), label); }
  // Fits the series above `floor` and records the wall time.
  LadderCase finish(LadderCase c, double floor) const { return finish_case(std::move(c), floor, t0); }
};

}  // namespace irverify
