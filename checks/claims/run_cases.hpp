// The common shape of a claim run: every problem of RunOptions (default: the built-in instances) that the claim
// applies to, in the requested precision (default: the claim's), each giving one or more cases (JSON objects
// with a "verdict"); the claim passes when every case does. Problems a claim does not apply to are listed
// with the reason; a run left with no applicable problem is bad input (ProblemError).
#pragma once

#include "checks/claims/claim.hpp"
#include "checks/claims/dispatch.hpp"
#include "checks/claims/ladder.hpp"

#include <functional>
#include <string>
#include <vector>

namespace irverify {

struct CaseRun {
  std::string claim;              // id, for progress lines
  std::string default_precision;  // e.g. "mp50"
  // "" if the claim applies to the problem, else why not.
  std::function<std::string(const ProblemSpec&)> not_applicable = [](const ProblemSpec&) { return std::string(); };
  // The cases of one problem in the given precision.
  std::function<std::vector<nlohmann::json>(const std::string& precision, const ProblemSpec&)> run;
  std::vector<ProblemSpec> defaults = {};  // the problems without --problem; empty = builtin_problems()
};

// Record body: verdict, scalar, digits, seeds, cases, not_applicable.
nlohmann::json run_cases(const RunOptions& opt, const CaseRun& r);

// The ladder length: the run's, else the claim's default.
inline int levels_or(const RunOptions& opt, int default_levels) { return opt.levels > 0 ? opt.levels : default_levels; }

inline std::vector<nlohmann::json> cases_json(const LadderCase& c) { return {ladder_case_json(c)}; }
inline std::vector<nlohmann::json> cases_json(const std::vector<LadderCase>& cs) {
  std::vector<nlohmann::json> v;
  for (const auto& c : cs) v.push_back(ladder_case_json(c));
  return v;
}

// CaseRun::run for ladder claims: make(ScalarTag<S>, spec, levels) returns a LadderCase or a vector of them.
template <class Make> auto ladder_cases(int levels, Make make) {
  return [levels, make](const std::string& precision, const ProblemSpec& spec) {
    return with_scalar(precision, [&](auto tag) { return cases_json(make(tag, spec, levels)); });
  };
}

// Appends a case computed outside run_cases (a search, a timing) to the record; a failing case fails the record.
inline void append_case(nlohmann::json& rec, const LadderCase& c) {
  rec["cases"].push_back(ladder_case_json(c));
  if (!c.pass) rec["verdict"] = "fail";
}

// Applicability filters used by several claims.
std::string applies_always(const ProblemSpec& spec);
std::string requires_smooth(const ProblemSpec& spec);  // all but ReLU networks
std::string requires_model(const ProblemSpec& spec, const std::vector<std::string>& kinds);

}  // namespace irverify
