#include "checks/framework/ladder.hpp"

#include "checks/framework/claim.hpp"
#include "solvers/iterate/deadline.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace irverify {

void LadderCase::level_started() const {
  check_deadline();
  heartbeat(fmt::format("{} on {}: ladder level {}, h = {:.6g}", label, spec.name, h.size() - 1, h.back()));
}

void LadderCase::finish(double floor) {
  OrderFitOptions fo;
  fo.floor = floor;
  for (auto& s : series) {
    OrderFitOptions o = fo;
    if (!s.sigma.empty()) {
      o.sigma = s.sigma;
      o.margin = kMcMargin;
      s.fit = fit_order(h, s.err, o);
      s.order_holds = mc_order_matches(s.fit, s.claimed_order, kOrderTolerance) &&
                      (s.role != "claim" || 1.96 * s.fit.slope_stderr <= kMcMaxHalfWidth);
    } else {
      s.fit = fit_order(h, s.err, o);
      s.order_holds = order_matches(s.fit, s.claimed_order, kOrderTolerance);
    }
    // A control is refuted only by a fit that misses its order: a series that cannot be fitted is unresolved, and
    // an unresolved statement fails the case (a check that cannot fail proves nothing).
    if (s.role == "context") continue;
    const bool control = s.role == "negative-control";
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
  pass = !statements.empty();
  for (const auto& st : statements) pass = pass && st.pass();
}

namespace {
std::string outcome(const LadderSeries& s) {
  if (s.role == "claim") return s.order_holds ? "holds" : "fails";
  if (s.role == "negative-control") return !s.fit.ok ? "unresolved" : s.order_holds ? "NOT rejected" : "rejected";
  if (!s.fit.ok) return "below the floor";
  return s.order_holds ? "as expected" : "differs";
}
}  // namespace

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

nlohmann::json ladder_case_json(const LadderCase& c) {
  nlohmann::json series = nlohmann::json::array(), tables = nlohmann::json::array();
  for (const auto& s : c.series)
    series.push_back({{"name", s.name},
                      {"role", s.role},
                      {"claimed_order", s.claimed_order},
                      {"errors", s.err_text},
                      {"sigma", s.sigma},
                      {"fit", order_fit_json(s.fit)},
                      {"order_holds", s.order_holds},
                      {"outcome", outcome(s)}});
  for (const auto& t : c.tables) tables.push_back(t.to_json());
  nlohmann::json statements = nlohmann::json::array();
  for (const auto& s : c.statements)
    statements.push_back({{"text", s.text},
                          {"expected", s.expected},
                          {"outcome", s.outcome},
                          {"evidence", s.evidence},
                          {"verdict", s.pass() ? "pass" : "fail"}});
  nlohmann::json j = {{"problem", problem_summary_json(c.spec, c.dim, c.examples)},
          {"label", c.label},
          {"scalar", c.scalar},
          {"ladder", {{"h", c.h_text}, {"ratio", "1/2"}}},
          {"solver", c.solver},
          {"series", series},
          {"tables", tables},
          {"statements", statements},
          {"seconds", c.seconds},
          {"verdict", c.pass ? "pass" : "fail"}};
  j.update(c.extra);
  return j;
}

nlohmann::json statement_entry(const std::string& text, const std::string& expected) {
  return {{"text", text},
          {"expected", expected},
          {"cases", 0},
          {"outcomes", {{kHolds, 0}, {kRefuted, 0}, {kUnresolved, 0}}},
          {"verdict", "pass"}};
}

nlohmann::json statement_summary(const nlohmann::json& cases) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : cases) {
    if (!c.contains("statements")) continue;
    for (const auto& s : c["statements"]) {
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const nlohmann::json& o) { return o["text"] == s["text"] && o["expected"] == s["expected"]; });
      if (it == out.end()) {
        out.push_back(statement_entry(s["text"], s["expected"]));
        it = out.end() - 1;
      }
      (*it)["cases"] = (*it)["cases"].get<int>() + 1;
      auto& n = (*it)["outcomes"][s["outcome"].get<std::string>()];
      n = n.get<int>() + 1;
      if (s["verdict"] != "pass") (*it)["verdict"] = "fail";
    }
  }
  for (auto& o : out) {  // the outcome measured in every case, else "mixed"
    std::string all = "mixed";
    for (const char* k : {kHolds, kRefuted, kUnresolved})
      if (o["outcomes"][k] == o["cases"]) all = k;
    o["outcome"] = all;
  }
  return out;
}

}  // namespace irverify
