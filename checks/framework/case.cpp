#include "checks/framework/case.hpp"

#include "checks/framework/run_context.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace irverify {

const char* outcome_name(Outcome o) { return o == kHolds ? "holds" : o == kRefuted ? "refuted" : "unresolved"; }
const char* role_name(Role r) { return r == Role::claim ? "claim" : r == Role::control ? "negative-control" : "context"; }

void Case::level_started() const {
  if (!context) return;
  context->deadline.check();
  context->heartbeat(fmt::format("{} on {}: ladder level {}, h = {:.6g}", label, spec.name, h.size() - 1, h.back()));
}

void Case::state(std::string text, Outcome expected, Outcome outcome, std::string evidence, std::optional<ZTest> test) {
  if (expected == kUnresolved) throw std::logic_error("a statement is expected to hold or to be refuted: " + text);
  statements.push_back({std::move(text), expected, outcome, std::move(evidence), test});
}

void Case::finish(double floor) {
  OrderFitOptions fo;
  fo.floor = floor;
  for (auto& s : series) {
    OrderFitOptions o = fo;
    if (!s.sigma.empty()) {
      o.sigma = s.sigma;
      o.margin = kMcMargin;
      s.fit = fit_order(h, s.err, o);
      s.order_holds = mc_order_matches(s.fit, s.claimed_order, kOrderTolerance) &&
                      (s.role != Role::claim || 1.96 * s.fit.slope_stderr <= kMcMaxHalfWidth);
    } else {
      s.fit = fit_order(h, s.err, o);
      s.order_holds = order_matches(s.fit, s.claimed_order, kOrderTolerance);
    }
    // A control is refuted only by a fit that misses its order: a series that cannot be fitted is unresolved, and
    // an unresolved statement fails the case (a check that cannot fail proves nothing).
    if (s.role == Role::context) continue;
    const bool control = s.role == Role::control;
    // A NaN or infinite error is named (its step), and leaves the statement unresolved whatever the fit says.
    const auto bad = std::find_if(s.err.begin(), s.err.end(), [](double e) { return !std::isfinite(e); });
    const bool finite = bad == s.err.end();
    const std::string evidence =
        !finite  ? fmt::format("error not finite ({}) at h = {}", s.err_text[bad - s.err.begin()], h_text[bad - s.err.begin()])
        : s.fit.ok ? fmt::format("fitted order {:.4f} ± {:.4f} over {} points", s.fit.slope, s.fit.slope_stderr, s.fit.fitted.size())
                   : "no fit: " + s.fit.note;
    state(fmt::format("{}: error of order h^{:g} (±{:g})", s.name, s.claimed_order, kOrderTolerance), control ? kRefuted : kHolds,
          outcome_of(s.order_holds, s.fit.ok && finite), evidence);
  }
  judge_pass();
}

void Case::judge_pass(const std::vector<std::string>& judged_over_cases) {
  pass = !statements.empty();
  for (const auto& st : statements)
    pass = pass && (st.pass() || std::count(judged_over_cases.begin(), judged_over_cases.end(), st.text) > 0);
}

namespace {
std::string outcome(const LadderSeries& s) {
  if (s.role == Role::claim) return s.order_holds ? "holds" : "fails";
  if (s.role == Role::control) return !s.fit.ok ? "unresolved" : s.order_holds ? "NOT rejected" : "rejected";
  if (!s.fit.ok) return "below the floor";
  return s.order_holds ? "as expected" : "differs";
}
}  // namespace

nlohmann::json z_test_json(const ZTest& t) {
  return {{"statistic", t.statistic}, {"comparisons", t.comparisons}, {"critical", t.critical}, {"level", t.level},
          {"p_value", t.p_value()}};
}

nlohmann::json order_fit_json(const OrderFit& f) {
  nlohmann::json pw = nlohmann::json::array();
  for (double p : f.pairwise) pw.push_back(std::isnan(p) ? nlohmann::json(nullptr) : nlohmann::json(p));
  return {{"ok", f.ok},
          {"slope", f.slope},
          {"slope_stderr", f.slope_stderr},
          {"intercept", f.intercept},
          {"pairwise", pw},
          {"excluded", f.excluded},
          {"fitted", f.fitted},
          {"floor_given", f.floor_given},
          {"floor_detected", f.floor_detected},
          {"note", f.note}};
}

nlohmann::json problem_summary_json(const ProblemSpec& spec, int dim, int examples) {
  return {{"name", spec.name}, {"model", spec.model}, {"origin", spec.origin},
          {"seed", spec.seed}, {"dim", dim},          {"examples", examples}};
}

nlohmann::json case_json(const Case& c) {
  nlohmann::json series = nlohmann::json::array(), tables = nlohmann::json::array();
  for (const auto& s : c.series)
    series.push_back({{"name", s.name},
                      {"role", role_name(s.role)},
                      {"claimed_order", s.claimed_order},
                      {"errors", s.err_text},
                      {"sigma", s.sigma},
                      {"fit", order_fit_json(s.fit)},
                      {"order_holds", s.order_holds},
                      {"outcome", outcome(s)}});
  for (const auto& t : c.tables) tables.push_back(t.to_json());
  nlohmann::json statements = nlohmann::json::array();
  for (const auto& s : c.statements) {
    statements.push_back({{"text", s.text},
                          {"expected", outcome_name(s.expected)},
                          {"outcome", outcome_name(s.outcome)},
                          {"evidence", s.evidence},
                          {"verdict", s.pass() ? "pass" : "fail"}});
    if (s.test) statements.back()["test"] = z_test_json(*s.test);
  }
  nlohmann::json j = {{"problem", problem_summary_json(c.spec, c.dim, c.examples)},
          {"label", c.label},
          {"scalar", c.scalar},
          {"ladder", {{"h", c.h_text}, {"ratio", "1/2"}, {"variable", c.variable}}},
          {"solver", c.solver},
          {"series", series},
          {"tables", tables},
          {"statements", statements},
          {"seconds", c.seconds},
          {"verdict", c.pass ? "pass" : "fail"}};
  for (const auto& p : c.stored_problems)
    j["stored_problems"].push_back({{"problem", p.problem}, {"note", p.note}, {"claim", p.claim}});
  if (!c.figures.empty()) {
    j["figures"] = nlohmann::json::array();
    for (const auto& f : c.figures) j["figures"].push_back(figure_json(f));
  }
  j.update(c.extra);
  return j;
}

}  // namespace irverify
