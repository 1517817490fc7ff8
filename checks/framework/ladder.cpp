#include "checks/framework/ladder.hpp"

#include <cmath>

#include <fmt/format.h>

namespace irverify {

void LadderCase::finish(double floor) {
  OrderFitOptions fo;
  fo.floor = floor;
  pass = extra_pass;
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
    if (s.role == "claim") pass = pass && s.order_holds;
    // A control is rejected only by a fit that misses its order: a control that cannot be fitted is unresolved,
    // and an unresolved control fails the case (a check that cannot fail proves nothing).
    if (s.role == "negative-control") pass = pass && s.fit.ok && !s.order_holds;
  }
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
  nlohmann::json j = {{"problem", problem_summary_json(c.spec, c.dim, c.examples)},
          {"label", c.label},
          {"scalar", c.scalar},
          {"ladder", {{"h", c.h_text}, {"ratio", "1/2"}}},
          {"solver", c.solver},
          {"series", series},
          {"tables", tables},
          {"seconds", c.seconds},
          {"verdict", c.pass ? "pass" : "fail"}};
  j.update(c.extra);
  return j;
}

}  // namespace irverify
