#include "checks/framework/run_cases.hpp"

#include "checks/framework/budget.hpp"
#include "theory/problem/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <new>

namespace irverify {

namespace {

// Refuses the run before it starts when its lower-bound cost (checks/framework/budget.hpp) exceeds the budget.
void check_budget(const Claim& claim, const RunOptions& opt, const CaseRun& r, const std::vector<const ProblemSpec*>& todo,
                  const std::string& prec) {
  const int p = scalar_index(prec), levels = std::max(opt.levels, 3);  // 3: the shortest ladder
  const double memory = opt.memory_budget > 0 ? opt.memory_budget : default_memory_budget();
  double seconds = 0;
  for (const ProblemSpec* s : todo) {
    const CostEstimate e = estimate_cost(*s, p, levels, r.eigen_size);
    if (e.bytes > memory)
      throw ProblemError(fmt::format("{}: {} ({}): needs at least {} of memory, more than the memory budget of {}; raise "
                                     "it with --memory-budget GIB ({})",
                                     claim.id, s->origin, prec, human_bytes(e.bytes), human_bytes(memory), e.basis));
    if (e.seconds > opt.time_budget)
      throw ProblemError(fmt::format("{}: {} ({}): needs at least {}, more than the time budget of {}; raise it with "
                                     "--budget SECONDS ({})",
                                     claim.id, s->origin, prec, human_seconds(e.seconds), human_seconds(opt.time_budget),
                                     e.basis));
    seconds += e.seconds;
  }
  if (seconds > opt.time_budget)
    throw ProblemError(fmt::format("{}: its {} problems need at least {} ({}), more than the time budget of {}; raise it "
                                   "with --budget SECONDS",
                                   claim.id, todo.size(), human_seconds(seconds), prec, human_seconds(opt.time_budget)));
  if (seconds > 1)
    progress(opt, claim.id, fmt::format("at least {} for {} problem(s) (a lower bound)", human_seconds(seconds), todo.size()));
}

}  // namespace

nlohmann::json run_cases_in(const Claim& claim, const RunOptions& opt, const CaseRun& r, const std::string& prec,
                            int digits, const std::function<std::vector<nlohmann::json>(const ProblemSpec&)>& run) {
  const std::vector<ProblemSpec> problems =
      !opt.problems.empty() ? opt.problems : !r.defaults.empty() ? r.defaults : builtin_problems();
  nlohmann::json cases = nlohmann::json::array(), seeds = nlohmann::json::array(), skipped = nlohmann::json::array();
  std::vector<const ProblemSpec*> todo;
  for (const auto& p : problems) {
    const std::string why = r.not_applicable(p);
    if (why.empty()) todo.push_back(&p);
    else skipped.push_back({{"problem", p.name}, {"reason", why}});
  }
  if (todo.empty())
    throw ProblemError(fmt::format("{}: none of the given problems applies ({})", claim.id,
                                   skipped.empty() ? "" : skipped[0]["reason"].get<std::string>()));
  check_budget(claim, opt, r, todo, prec);
  bool pass = true;
  for (std::size_t i = 0; i < todo.size(); ++i) {
    progress(opt, claim.id, fmt::format("{} ({}/{}) in {}", todo[i]->name, i + 1, todo.size(), prec));
    std::vector<nlohmann::json> got;
    try {
      got = run(*todo[i]);
    } catch (const ProblemError&) {
      throw;  // names its file already
    } catch (const std::bad_alloc&) {
      throw;  // the CLI says "out of memory"
    } catch (const std::exception& e) {  // a solver's failure (a numerical fault, a step-size underflow): say where
      throw ProblemError(fmt::format("{}: {} ({}): {}", claim.id, todo[i]->origin, prec, e.what()));
    }
    for (auto& c : got) {
      pass = pass && c.at("verdict") == "pass";
      cases.push_back(std::move(c));
    }
    if (todo[i]->seed != 0) seeds.push_back(todo[i]->seed);
  }
  return {{"verdict", pass ? "pass" : "fail"},
          {"scalar", prec},
          {"digits", digits},
          {"seeds", seeds},
          {"statements", statement_summary(cases)},
          {"cases", cases},
          {"not_applicable", skipped}};
}

void require_refuted_somewhere(nlohmann::json& rec, const std::string& text) {
  auto& sum = rec["statements"];
  auto it = std::find_if(sum.begin(), sum.end(), [&](const nlohmann::json& s) { return s["text"] == text; });
  const bool refuted = it != sum.end() && (*it)["outcomes"][kRefuted].get<int>() > 0;
  if (it == sum.end()) {
    sum.push_back(statement_entry(text, kRefuted));
    it = sum.end() - 1;
    (*it)["outcome"] = kUnresolved;
  }
  (*it)["scope"] = "some instance";
  if (!refuted) {
    (*it)["verdict"] = "fail";
    rec["verdict"] = "fail";
  }
}

std::string applies_always(const ProblemSpec&) { return ""; }

std::string requires_smooth(const ProblemSpec& spec) {
  return spec.model == "two-layer-relu" ? "ReLU networks are not smooth: the expansion needs derivatives of L" : "";
}

std::string requires_model(const ProblemSpec& spec, const std::vector<std::string>& kinds) {
  if (std::find(kinds.begin(), kinds.end(), spec.model) != kinds.end()) return "";
  return fmt::format("the claim is stated for {} only", fmt::join(kinds, ", "));
}

}  // namespace irverify
