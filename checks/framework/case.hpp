// One case of a claim (a problem, or one scheme on a problem), in the three steps of every claim (STYLE.md lesson 19):
//   measure  the claim's case function computes typed results: a ladder of errors against h_k = h0 2^-k (the series
//            below, fitted by solvers/order/order_fit.hpp) and whatever typed measurement the claim defines;
//   judge    statements with an expected outcome (holds, or refuted for a statement known or found false, e.g. a
//            negative control) and the measured one; finish() adds one per claimed or control order series;
//   present  tables, figures (reports/figure/figure.hpp: declared as data, drawn by reports/), the case's record
//            fields, and headline numbers from which the framework writes the claim's summary.
// The record of a case is case_json(); reports/ renders any record without knowing the claim.
#pragma once

#include "reports/figure/figure.hpp"
#include "solvers/stats/confidence.hpp"
#include "solvers/order/order_fit.hpp"
#include "solvers/stats/z_test.hpp"
#include "theory/problem/problem_spec.hpp"
#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace irverify {

struct RunContext;  // checks/framework/run_context.hpp

// Tolerance on fitted orders, from CLAIMS.md (+-0.05).
inline constexpr double kOrderTolerance = 0.05;
// Monte Carlo series: a point counts when its error exceeds kMcMargin standard deviations; a claimed order holds
// when |fit - order| <= max(kOrderTolerance, 95% half-width) and the half-width is at most kMcMaxHalfWidth
// (resolved); a control is rejected when its order lies outside that band.
inline constexpr double kMcMargin = 4;
inline constexpr double kMcMaxHalfWidth = 0.25;

// The outcome of a statement (CLAIMS.md "Expected outcomes"); a statement's expectation is holds or refuted.
enum class Outcome { holds, refuted, unresolved };
inline constexpr Outcome kHolds = Outcome::holds;
inline constexpr Outcome kRefuted = Outcome::refuted;
inline constexpr Outcome kUnresolved = Outcome::unresolved;
const char* outcome_name(Outcome o);  // "holds", "refuted", "unresolved"
inline std::ostream& operator<<(std::ostream& o, Outcome x) { return o << outcome_name(x); }
// kHolds / kRefuted from a resolved measurement, kUnresolved when it could not decide.
inline Outcome outcome_of(bool holds, bool resolved = true) { return !resolved ? kUnresolved : holds ? kHolds : kRefuted; }

// A statement a case checks: it passes when the measured outcome is the expected one, so a refuted statement that
// starts to hold fails, and an unresolved statement never passes. A Monte Carlo statement decided by a maximum of |z|'s
// carries its test (the record's "test": statistic, comparisons, critical value, level, p-value).
struct Statement {
  std::string text;
  Outcome expected = kHolds;
  Outcome outcome = kUnresolved;
  std::string evidence;
  std::optional<ZTest> test;
  bool pass() const { return outcome == expected; }
};

// The role of an order series: a claim (its order must hold), a negative control (its order must be rejected), or
// context (reported, not judged).
enum class Role { claim, control, context };
const char* role_name(Role r);  // "claim", "negative-control", "context"

struct LadderSeries {
  std::string name;  // e.g. "GD vs flow of L"
  Role role = Role::claim;
  double claimed_order = 0;
  std::vector<std::string> err_text;  // full precision
  std::vector<double> err;
  std::vector<double> sigma;  // Monte Carlo: standard deviation of each error (empty: deterministic)
  OrderFit fit;
  bool order_holds = false;  // |fitted - claimed| within the tolerance (kOrderTolerance; Monte Carlo: see above)
};

// A table of a case (rendered as is): cells are preformatted text.
struct CaseTable {
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  nlohmann::json to_json() const { return {{"title", title}, {"columns", columns}, {"rows", rows}}; }
};

// A number for the claim's one-line summary, aggregated over its cases by `how` and written with `format` (one {}),
// in the order the cases first declare them: the measured part, or (expected = true) the expected part. `range`
// writes the least and the largest value (a format with two {}); `list` joins each case's text, "; " apart, into its
// format instead.
enum class Aggregate { max, min, sum, range, list };
struct Headline {
  std::string format;
  double value = 0;
  Aggregate how = Aggregate::max;
  std::string text;  // for Aggregate::list
  bool expected = false;
  std::string separator = "; ";  // between the cases' texts of a list
};

// A problem file the record keeps (a counterexample, an exhibit): the report writes it beside itself and says how to
// run it.
struct StoredProblem {
  nlohmann::json problem;  // a problem file (ProblemSpec::to_json())
  std::string note;        // what it is, e.g. "Counterexample stored as a problem file"
  std::string claim;       // the claim to run it with
};

struct Case {
  // What was measured, on what.
  ProblemSpec spec;
  std::string label;  // what is measured, when a problem has several cases
  int dim = 0, examples = 0;
  std::string scalar;
  std::string solver;  // e.g. "Taylor series, order 36"
  double seconds = 0;
  const RunContext* context = nullptr;  // for add_h: the deadline and progress of the run (none: unchecked, silent)
  // The ladder: its step's name (h, eps, eta, ...), the steps h_k and the error series.
  std::string variable = "h";
  std::vector<std::string> h_text;
  std::vector<double> h;
  std::vector<LadderSeries> series;
  // The judgement.
  std::vector<Statement> statements;
  bool pass = false;  // every statement has its expected outcome (and there is at least one)
  // The presentation.
  std::vector<CaseTable> tables;
  std::vector<Figure> figures;
  nlohmann::json extra = nlohmann::json::object();  // the claim's own fields of the case record
  std::vector<StoredProblem> stored_problems;
  std::vector<Headline> headlines;

  void add_series(const std::string& name, Role role, double order) { series.push_back({name, role, order, {}, {}, {}, {}, false}); }
  // Starts ladder level h.size(): checks the deadline and reports progress (at most every 5 s).
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
  void state(std::string text, Outcome expected, Outcome outcome, std::string evidence = "",
             std::optional<ZTest> test = std::nullopt);
  void state(Statement s) { state(std::move(s.text), s.expected, s.outcome, std::move(s.evidence), s.test); }
  void headline(std::string format, double value, Aggregate how = Aggregate::max) {
    headlines.push_back({std::move(format), value, how, "", false});
  }
  void headline_item(std::string text, std::string format = "{}", std::string separator = "; ") {
    headlines.push_back({std::move(format), 0, Aggregate::list, std::move(text), false, std::move(separator)});
  }
  void expected_headline(std::string format, double value, Aggregate how = Aggregate::max) {
    headlines.push_back({std::move(format), value, how, "", true});
  }
  // Fits every series above the given floor, adds their statements and sets pass.
  void finish(double floor);
  // pass = at least one statement, and each has its expected outcome, but for those in `judged_over_cases` (a claim's
  // "on some instance" statements, judged over all its cases by statement_summary). finish() sets it with none.
  void judge_pass(const std::vector<std::string>& judged_over_cases = {});

 private:
  void level_started() const;
};

nlohmann::json case_json(const Case& c);
nlohmann::json order_fit_json(const OrderFit& f);
nlohmann::json z_test_json(const ZTest& t);  // statistic, comparisons, critical, level, p_value (Sidak)
nlohmann::json problem_summary_json(const ProblemSpec& spec, int dim, int examples);

// Table cells: 5 significant digits.
inline std::string e4(double x) { return fmt::format("{:.4e}", x); }

}  // namespace irverify
