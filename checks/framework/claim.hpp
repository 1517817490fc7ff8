// A claim (CLAIMS.md): its statement, how its verdict is decided, its negative control, and the work that measures it,
// registered by named fields from its own file (checks/<family>/<id>_<name>.cpp) with a static ClaimRegistration.
// Its check name and whether its reference rerun is slow come from the one claim manifest (checks/claims.manifest),
// which also drives the build: a claim without a manifest row, or a row without a claim, is an error at start-up.
// run_claim resolves the run context once (checks/framework/run_context.hpp) and returns the claim's whole record
// (reports/record/record.hpp); nothing is parsed from stdout.
#pragma once

#include "checks/framework/budget.hpp"
#include "checks/framework/case.hpp"
#include "checks/framework/run_context.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace irverify {

// The cases of one problem, in the run's precision.
using CaseFunction = std::function<std::vector<Case>(const RunContext&, const ProblemSpec&)>;

struct Claim {
  std::string id;  // as in CLAIMS.md, e.g. "IGR-1"
  std::string title, paper, statement, verdict_rule, negative_control;
  std::string precision = "mp50";   // the default precision, a name of scalar_names()
  std::string simulation_precision;  // where the Monte Carlo runs in a fixed precision whatever --precision says
  int levels = 0;                    // the default ladder length (0: no ladder)
  // Random work: the default seed (0: none), the default Monte Carlo size (0: no single size) and its unit.
  std::uint64_t seed = 0;
  long samples = 0;
  std::string samples_are;
  // The problems: "" if the claim applies to one, else why not; the built-in instances (empty: builtin_problems());
  // the symmetric eigenproblem every case solves, for the cost estimate (checks/framework/budget.hpp).
  std::function<std::string(const ProblemSpec&)> not_applicable = [](const ProblemSpec&) { return std::string(); };
  std::function<std::vector<ProblemSpec>()> problems;
  // The problem-file optimizers (ProblemSpec::optimizer) the claim checks; a problem naming another is not applicable.
  std::vector<std::string> optimizers;
  bool games = false;  // true: the claim reads games (model "game") and nothing else; false: no game
  EigenSize eigen_size = EigenSize::Parameters;
  bool forms_hessian = true;  // false: no case forms the P x P Hessian (the cost estimate counts neither its work nor its P^2 numbers)
  bool steps_on_batch = false;  // true: every case takes a step on the problem's `batch` (LN, RANK; the estimate counts one)
  CaseFunction cases;
  // Cases beyond the problems' (a search, a timing, a demonstration), run only on the built-in instances.
  std::function<std::vector<Case>(const RunContext&)> extra_cases;
  // Statements expected refuted for the claim as a whole, by a counterexample on some instance: the record fails
  // unless some case states and refutes each; no case fails on them alone (an instance that cannot refute one is
  // no failure).
  std::vector<std::string> refuted_somewhere;
  // The summary's expected part when no case declares one (default: the claimed orders of the ladders).
  std::string summary_expected;
  // From the manifest.
  std::string check_name;  // the ctest name prefix of its checks, e.g. "igr_local_error_order"
  bool slow = false;       // its reference rerun carries the label `slow`
};

// Registers a claim during static initialization; one per claim file.
struct ClaimRegistration {
  explicit ClaimRegistration(Claim c);
};

// Every registered claim, by family (IGR, SGD, STAB, LN, RANK, as in CLAIMS.md) and number, with its manifest row
// (std::logic_error if the registrations and the manifest disagree).
const std::vector<Claim>& claims();
const Claim* find_claim(const std::string& id);  // nullptr if unknown

// The claim's settings for this run: the caller's where given, else the claim's defaults.
RunContext claim_context(const Claim& claim, const RunSettings& settings);
// The context of claim `id` with its defaults, one thread, no progress, no deadline (samples: the Monte Carlo size, 0
// for the claim's): what a test of a case function uses.
RunContext claim_context(const std::string& id, long samples = 0);
// The record of claim `id` (std::invalid_argument if unknown): every applicable problem in the run's precision, the
// verdict, statements, summary and figures, stamped with the context. Stops at the time budget (DeadlineExceeded).
nlohmann::json run_claim(const std::string& id, const RunSettings& settings);
// The same for a claim that need not be registered (a program's own, a test's).
nlohmann::json run_claim(const Claim& claim, const RunSettings& settings);

// A case function from a generic one, f(ScalarTag<S>, ctx, spec) returning a Case or a vector of them, instantiated for
// every scalar and called for the run's precision (the one place the precision becomes a type).
template <class F> CaseFunction in_precision(F f) {
  return [f](const RunContext& ctx, const ProblemSpec& spec) {
    return ctx.precision.visit([&](auto tag) -> std::vector<Case> {
      auto got = f(tag, ctx, spec);
      if constexpr (std::is_same_v<decltype(got), Case>) return {std::move(got)};
      else return got;
    });
  };
}

// Cases of built-in instances beyond the problems' (extra_cases) and no built-in problem: f(ScalarTag<S>, ctx) (a Case
// or a vector of them) in the run's precision, run by run_claim without problems.
template <class F> void builtin_cases(Claim& c, F f) {
  c.problems = [] { return std::vector<ProblemSpec>{}; };
  c.extra_cases = [f](const RunContext& ctx) {
    return ctx.precision.visit([&](auto tag) -> std::vector<Case> {
      auto got = f(tag, ctx);
      if constexpr (std::is_same_v<decltype(got), Case>) return {std::move(got)};
      else return got;
    });
  };
}
// A claim of built-in instances only (toys): every problem file is refused with `why`.
template <class F> void builtin_cases_only(Claim& c, std::string why, F f) {
  c.not_applicable = [why](const ProblemSpec&) { return why; };
  c.cases = [](const RunContext&, const ProblemSpec&) { return std::vector<Case>{}; };
  builtin_cases(c, f);
}

// Why claim c does not apply to problem s ("" if it does): games, its own filter, then the problem's optimizer.
std::string why_not_applicable(const Claim& c, const ProblemSpec& s);

// Applicability filters used by several claims.
std::string requires_smooth(const ProblemSpec& spec);  // all but ReLU networks
std::string requires_model(const ProblemSpec& spec, const std::vector<std::string>& kinds);
// Models whose loss is quadratic in theta (T = 0): least squares and quadratic.
bool is_quadratic_model(const std::string& kind);

}  // namespace irverify
