// The common shape of a claim run: every problem of RunOptions (default: the claim's built-in instances) that the
// claim applies to, in the requested precision (default: the claim's), each giving one or more cases (JSON objects
// with a "verdict"); the claim passes when every case does. Problems a claim does not apply to are listed with the
// reason; a run left with no applicable problem is bad input (ProblemError). The precision index becomes a type
// here, once per run (with_scalar, theory/scalar.hpp).
#pragma once

#include "checks/framework/budget.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/ladder.hpp"

#include <functional>
#include <string>
#include <vector>

namespace irverify {

struct CaseRun {
  // "" if the claim applies to the problem, else why not.
  std::function<std::string(const ProblemSpec&)> not_applicable = [](const ProblemSpec&) { return std::string(); };
  std::vector<ProblemSpec> defaults = {};  // the problems without --problem; empty = builtin_problems()
  // The size of the symmetric eigenproblem every case solves, for the cost estimate (checks/framework/budget.hpp):
  // the P x P Hessian (ladder step bounds, sharpness), the N x N Gram matrix of an interpolating minimum (STAB), or
  // none (SGD-4).
  EigenSize eigen_size = EigenSize::Parameters;
};

inline std::vector<nlohmann::json> cases_json(const LadderCase& c) { return {ladder_case_json(c)}; }
inline std::vector<nlohmann::json> cases_json(const std::vector<LadderCase>& cs) {
  std::vector<nlohmann::json> v;
  for (const auto& c : cs) v.push_back(ladder_case_json(c));
  return v;
}

// Record body (verdict, scalar, digits, seeds, cases, statements, not_applicable) from the cases of each problem in one scalar.
nlohmann::json run_cases_in(const Claim& claim, const RunOptions& opt, const CaseRun& r, const std::string& scalar,
                            int digits, const std::function<std::vector<nlohmann::json>(const ProblemSpec&)>& cases);

// cases(ScalarTag<S>{}, spec) returns a LadderCase or a vector of them for one problem.
template <class Cases> nlohmann::json run_cases(const Claim& claim, const RunOptions& opt, const CaseRun& r, Cases cases) {
  const int prec = opt.precision >= 0 ? opt.precision : scalar_index(claim.default_precision);
  return with_scalar(prec, [&](auto tag) {
    using S = typename decltype(tag)::type;
    return run_cases_in(claim, opt, r, scalar_name<S>(), digits10<S>(),
                        [&](const ProblemSpec& s) { return cases_json(cases(tag, s)); });
  });
}

// The ladder length: the run's, else the claim's default.
inline int levels_or(const RunOptions& opt, int default_levels) { return opt.levels > 0 ? opt.levels : default_levels; }

// Appends a case computed outside run_cases (a search, a timing) to the record; a failing case fails the record.
inline void append_case(nlohmann::json& rec, const LadderCase& c) {
  rec["cases"].push_back(ladder_case_json(c));
  rec["statements"] = statement_summary(rec["cases"]);
  if (!c.pass) rec["verdict"] = "fail";
}

// A statement expected refuted for the claim as a whole (by a counterexample on some instance): the record fails
// unless at least one case states it and refutes it; its summary entry says so. Call it after the last append_case
// (which rebuilds the summary from the cases).
void require_refuted_somewhere(nlohmann::json& rec, const std::string& text);

// Applicability filters used by several claims.
std::string applies_always(const ProblemSpec& spec);
std::string requires_smooth(const ProblemSpec& spec);  // all but ReLU networks
std::string requires_model(const ProblemSpec& spec, const std::vector<std::string>& kinds);

}  // namespace irverify
