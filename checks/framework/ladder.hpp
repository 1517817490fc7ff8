// An order-of-convergence case on a step ladder h_k = h0 2^-k (STYLE.md lesson 6): the errors of several
// series against h, each with a claimed order, a fit (solvers/order/order_fit.hpp) and an outcome.
// Every claim reports its cases as LadderCases (tables and extra data for the non-ladder ones); reports/ renders
// them as convergence tables and figures. Light on purpose: the claim tests include it; the templates that build
// cases live in checks/framework/ladder_setup.hpp.
#pragma once

#include "checks/record/confidence.hpp"
#include "solvers/order/order_fit.hpp"
#include "theory/problem/problem_spec.hpp"
#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

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

// A statement a case checks (CLAIMS.md "Expected outcomes"): the statement, its expected outcome (kHolds, or
// kRefuted for a statement known or found to be false, e.g. a negative control), the measured outcome (kHolds,
// kRefuted or kUnresolved) and the evidence. It passes when the measured outcome is the expected one: a refuted
// statement that starts to hold fails, and an unresolved statement never passes.
inline constexpr const char* kHolds = "holds";
inline constexpr const char* kRefuted = "refuted";
inline constexpr const char* kUnresolved = "unresolved";
struct Statement {
  std::string text;
  std::string expected;
  std::string outcome;
  std::string evidence;
  bool pass() const { return outcome == expected; }
};
// kHolds / kRefuted from a resolved measurement, kUnresolved when it could not decide.
inline const char* outcome_of(bool holds, bool resolved = true) { return !resolved ? kUnresolved : holds ? kHolds : kRefuted; }

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
  std::vector<Statement> statements;  // set by the claim; finish() adds one per claim or control series
  bool pass = false;   // every statement has its expected outcome (and there is at least one)

  void level_started() const;
  void add_series(const std::string& name, const std::string& role, double order) {
    series.push_back({name, role, order, {}, {}, {}, {}, false});
  }
  // Starts ladder level h.size() (a progress line every 5 s at most, checks/framework/claim.hpp heartbeat).
  template <class S> void add_h(const S& h_k) {
    h.push_back(to_double(h_k));
    h_text.push_back(to_string_full(h_k));
    level_started();
  }
  template <class S> void add_error(std::size_t i, const S& e) {
    series[i].err.push_back(to_double(e));
    series[i].err_text.push_back(to_string_full(e));
  }
  template <class S> void add_error(std::size_t i, const S& e, double sigma) {
    add_error(i, e);
    series[i].sigma.push_back(sigma);
  }
  // A statement the case checks (outcome: outcome_of(...)).
  void state(std::string text, std::string expected, std::string outcome, std::string evidence = "") {
    statements.push_back({std::move(text), std::move(expected), std::move(outcome), std::move(evidence)});
  }
  void state(Statement s) { statements.push_back(std::move(s)); }
  // Fits every series above the given floor, adds their statements and sets pass.
  void finish(double floor);
};

nlohmann::json ladder_case_json(const LadderCase& c);
// The statements of a record's cases, one entry per distinct (statement, expectation): how many cases measured each
// outcome, and pass when every case matched the expectation.
nlohmann::json statement_summary(const nlohmann::json& cases);
// An empty summary entry (no case yet, verdict pass) for a statement and its expectation.
nlohmann::json statement_entry(const std::string& text, const std::string& expected);
nlohmann::json order_fit_json(const OrderFit& f);
nlohmann::json problem_summary_json(const ProblemSpec& spec, int dim, int examples);


// Table cells: 5 significant digits.
inline std::string e4(double x) { return fmt::format("{:.4e}", x); }

}  // namespace irverify
