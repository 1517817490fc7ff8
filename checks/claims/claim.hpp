// Claim registry: a claim = id, statement, the run that measures it, a verdict
// rule and a negative control (CLAIMS.md). A run returns a JSON record
// (checks/claims/record.hpp) that reports/ renders; nothing is parsed from stdout.
#pragma once

#include "theory/problem/problem.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace irverify {

struct RunOptions {
  std::string precision = "";             // "" = the claim's default
  std::vector<ProblemSpec> problems;      // empty = the built-in instances
  int levels = 0;                         // ladder length; 0 = the claim's default
  bool progress = true;                   // progress lines on stderr
};

struct Claim {
  std::string id;                // as in CLAIMS.md, e.g. "IGR-1"
  std::string check_name;        // the ctest name of its check, e.g. "igr_local_error_order"
  std::string title;
  std::string paper;
  std::string statement;
  std::string verdict_rule;
  std::string negative_control;
  std::string default_precision;
  std::function<nlohmann::json(const RunOptions&)> run;  // the record (without provenance)
};

const std::vector<Claim>& claims();
const Claim* find_claim(const std::string& id);  // nullptr if unknown

// Progress line on stderr: "[claim] message (elapsed s)".
void progress(const RunOptions& opt, const std::string& claim, const std::string& message);

}  // namespace irverify
