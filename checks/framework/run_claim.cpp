// run_claim: the one loop over a claim's problems, and the record it returns (reports/record/record.hpp).
#include "checks/framework/claim.hpp"
#include "checks/framework/summary.hpp"

#include "reports/record/record.hpp"
#include "solvers/parallel/process_group.hpp"
#include "theory/problem/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <new>

namespace irverify {

namespace {

// Refuses the run before it starts when its lower-bound cost (checks/framework/budget.hpp) exceeds the budget.
void check_budget(const Claim& claim, const RunContext& ctx, const std::vector<const ProblemSpec*>& todo) {
  const int levels = std::max(ctx.levels, 3);  // 3: the shortest ladder
  const std::string& prec = ctx.precision.name;
  const Precision simulation = claim.simulation_precision.empty() ? ctx.precision : Precision::named(claim.simulation_precision);
  double seconds = 0;
  for (const ProblemSpec* s : todo) {
    const CostEstimate e =
        estimate_cost(*s, ctx.precision, levels, claim.eigen_size, claim.forms_hessian, claim.steps_on_batch ? &simulation : nullptr);
    if (e.bytes > ctx.memory_budget)
      throw ProblemError(fmt::format("{}: {} ({}): needs at least {} of memory, more than the memory budget of {}; raise "
                                     "it with --memory-budget GIB ({})",
                                     claim.id, s->origin, prec, human_bytes(e.bytes), human_bytes(ctx.memory_budget), e.basis));
    if (e.seconds > ctx.time_budget)
      throw ProblemError(fmt::format("{}: {} ({}): needs at least {}, more than the time budget of {}; raise it with "
                                     "--budget SECONDS ({})",
                                     claim.id, s->origin, prec, human_seconds(e.seconds), human_seconds(ctx.time_budget),
                                     e.basis));
    seconds += e.seconds;
  }
  if (seconds > ctx.time_budget)
    throw ProblemError(fmt::format("{}: its {} problems need at least {} ({}), more than the time budget of {}; raise it "
                                   "with --budget SECONDS",
                                   claim.id, todo.size(), human_seconds(seconds), prec, human_seconds(ctx.time_budget)));
  if (seconds > 1) ctx.note(fmt::format("at least {} for {} problem(s) (a lower bound)", human_seconds(seconds), todo.size()));
}

// The cases of one problem; a solver's failure (a numerical fault, a step-size underflow) names the problem.
std::vector<Case> cases_of(const Claim& claim, const RunContext& ctx, const ProblemSpec& spec) {
  try {
    return claim.cases(ctx, spec);
  } catch (const ProblemError&) {
    throw;  // names its file already
  } catch (const std::bad_alloc&) {
    throw;  // the CLI says "out of memory"
  } catch (const std::exception& e) {  // a deadline too: the message says where it stopped
    throw ProblemError(fmt::format("{}: {} ({}): {}", claim.id, spec.origin, ctx.precision.name, e.what()));
  }
}

}  // namespace

nlohmann::json run_claim(const Claim& claim, const RunSettings& settings) {
  const auto t0 = std::chrono::steady_clock::now();
  const RunContext ctx = claim_context(claim, settings);
  const std::vector<ProblemSpec> problems =
      ctx.user_problems() ? ctx.problems : claim.problems ? claim.problems() : builtin_problems();
  nlohmann::json skipped = nlohmann::json::array(), seeds = nlohmann::json::array();
  std::vector<const ProblemSpec*> todo;
  for (const auto& p : problems) {
    const std::string why = why_not_applicable(claim, p);
    if (why.empty()) todo.push_back(&p);
    else skipped.push_back({{"problem", p.name}, {"reason", why}});
  }
  // A claim of built-in instances only (extra_cases, no problems) runs without problems; given problems, one must apply.
  const bool builtin_only = !ctx.user_problems() && problems.empty() && claim.extra_cases;
  if (todo.empty() && !builtin_only)
    throw ProblemError(fmt::format("{}: none of the given problems applies ({})", claim.id,
                                   skipped.empty() ? "" : skipped[0]["reason"].get<std::string>()));
  check_budget(claim, ctx, todo);
  std::vector<Case> cases;
  for (std::size_t i = 0; i < todo.size(); ++i) {
    ctx.note(fmt::format("{} ({}/{}) in {}", todo[i]->name, i + 1, todo.size(), ctx.precision.name));
    for (Case& c : cases_of(claim, ctx, *todo[i])) cases.push_back(std::move(c));
    if (todo[i]->seed != 0) seeds.push_back(todo[i]->seed);
  }
  if (!ctx.user_problems() && claim.extra_cases)
    for (Case& c : claim.extra_cases(ctx)) cases.push_back(std::move(c));
  // A statement refuted "on some instance" is judged over all the cases (statement_summary), not in each: an instance
  // where it holds, or cannot be resolved, fails no case.
  for (Case& c : cases) c.judge_pass(claim.refuted_somewhere);

  nlohmann::json rec = {{"schema", "irverify-record-1"}, {"claim", claim.id}, {"check", claim.check_name},
                        {"title", claim.title}, {"paper", claim.paper}, {"statement", claim.statement},
                        {"verdict_rule", claim.verdict_rule}, {"negative_control", claim.negative_control},
                        {"scalar", ctx.precision.name}, {"digits", ctx.precision.digits}, {"seeds", seeds},
                        {"not_applicable", skipped}, {"threads", ctx.threads},
                        {"processes", ctx.group ? ctx.group->size() : 1}};
  const auto order = std::find_if(claims().begin(), claims().end(), [&](const Claim& c) { return c.id == claim.id; });
  if (order != claims().end()) rec["order"] = order - claims().begin();
  if (!claim.simulation_precision.empty()) rec["simulation_scalar"] = claim.simulation_precision;
  if (ctx.seed != 0) {  // what reproduces the run, with the code: the seed and the Monte Carlo size
    rec["monte_carlo"] = {{"seed", ctx.seed}};
    if (ctx.samples > 0) rec["monte_carlo"].update({{"samples", ctx.samples}, {"samples_are", claim.samples_are}});
  }
  rec["statements"] = statement_summary(cases, claim.refuted_somewhere, !settings.problems.empty());
  rec["summary"] = claim_summary(cases, claim.summary_expected);
  bool pass = std::all_of(cases.begin(), cases.end(), [](const Case& c) { return c.pass; });
  for (const auto& s : rec["statements"]) pass = pass && s["verdict"] != "fail";  // "not-applicable" fails nothing
  rec["verdict"] = pass ? "pass" : "fail";
  rec["figures"] = nlohmann::json::array();
  if (const Figure f = convergence_figure(claim.id, claim.title, cases); !f.panels.empty()) rec["figures"].push_back(figure_json(f));
  rec["cases"] = nlohmann::json::array();
  for (const Case& c : cases) rec["cases"].push_back(case_json(c));
  rec["wall_time_s"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rec["provenance"] = provenance_json(settings.command_line);
  return rec;
}

nlohmann::json run_claim(const std::string& id, const RunSettings& settings) {
  const Claim* c = find_claim(id);
  if (!c) throw std::invalid_argument("unknown claim '" + id + "'");
  return run_claim(*c, settings);
}

}  // namespace irverify
