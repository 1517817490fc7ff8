// A claim = id, statement, the run that measures it, a verdict rule and a negative control (CLAIMS.md). Each claim
// file (checks/<family>/<id>_<name>.cpp) states its claim once and registers it with a static ClaimRegistration;
// the registry orders them by family and number. A run returns a JSON record (checks/record/record.hpp) that
// reports/ renders; nothing is parsed from stdout.
#pragma once

#include "checks/framework/budget.hpp"
#include "theory/problem/problem_spec.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace irverify {

struct RunOptions {
  int precision = -1;                     // index in Scalars (theory/scalar.hpp); -1 = the claim's default
  std::vector<ProblemSpec> problems;      // empty = the claim's built-in instances
  int levels = 0;                         // ladder length; 0 = the claim's default
  bool progress = true;                   // progress lines on stderr
  double time_budget = kDefaultTimeBudget;  // seconds for the claim run (checks/framework/budget.hpp, --budget)
  double memory_budget = 0;               // bytes; 0 = default_memory_budget() (--memory-budget)
};

struct Claim {
  std::string id;                // as in CLAIMS.md, e.g. "IGR-1"
  std::string check_name;        // the ctest name prefix of its checks, e.g. "igr_local_error_order"
  std::string title;
  std::string paper;
  std::string statement;
  std::string verdict_rule;
  std::string negative_control;
  std::string default_precision;                                        // a name of scalar_names()
  std::function<nlohmann::json(const Claim&, const RunOptions&)> run;  // the record body (without header, provenance)
  // Random work (checks/framework/mc_settings.hpp; seed 0: none): the default seed, the default Monte Carlo size
  // (0: no single size) and its unit.
  std::uint64_t seed = 0;
  long samples = 0;
  std::string samples_are = "";
};

// Registers a claim during static initialization; one per claim file.
struct ClaimRegistration {
  explicit ClaimRegistration(Claim c);
};

// Every registered claim, by family (IGR, SGD, STAB, LN, RANK, as in CLAIMS.md) and number.
const std::vector<Claim>& claims();
const Claim* find_claim(const std::string& id);  // nullptr if unknown
// The record body of the claim `id` (std::invalid_argument if unknown), run within opt.time_budget: the solvers stop
// at that deadline (DeadlineExceeded).
nlohmann::json run_claim(const std::string& id, const RunOptions& opt);

// Progress line on stderr: "[elapsed s] claim: message".
void progress(const RunOptions& opt, const std::string& claim, const std::string& message);
// A progress line from inside a case (a ladder level): shown for the claim now running, at most every 5 s; Monte Carlo reductions
// report through it too (samples done, rate, time left in the reduction).
void heartbeat(const std::string& message);

}  // namespace irverify
