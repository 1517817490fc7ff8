// A study: a longer measurement outside the claim runs (`irverify study NAME`), registered like a claim from its own
// file, so the CLI names none. Its own options are numbers with a range and a default (the CLI adds them as --NAME
// VALUE beside --problem, --seed, --threads, --quiet and --out), and, where it says so, names as positional arguments
// (e.g. claim ids); it returns a record, a text for the terminal, and whether it passed.
#pragma once

#include "checks/framework/run_context.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace irverify {

struct StudyOption {
  std::string name;  // the option is --name
  std::string help;
  double value = 0;  // the default
  double min = 0, max = 0;
  bool integer = false;
};
struct StudyArgs {
  std::map<std::string, double> numbers;  // option name -> value
  std::vector<std::string> names;         // the positional arguments
  std::vector<std::string> command_line;  // for the record's provenance
  double at(const std::string& option) const { return numbers.at(option); }
};

struct StudyResult {
  nlohmann::json record;
  std::string text;
  bool pass = false;
};

struct Study {
  std::string name, description;
  std::uint64_t seed = 1;  // the default seed
  std::vector<StudyOption> options;
  std::string names_help;                        // what the positional arguments are ("": the study takes none)
  std::string problem_help;                      // what --problem accepts
  std::function<ProblemSpec()> default_problem;  // without --problem (none: the study's run gets an empty ProblemSpec)
  std::function<StudyResult(const RunContext&, const ProblemSpec&, const StudyArgs&)> run;
};

struct StudyRegistration {
  explicit StudyRegistration(Study s);
};
const std::vector<Study>& studies();  // by name

// The study's context: the caller's seed (else the study's), threads, progress and process group; no deadline. Its
// problems: the caller's.
RunContext study_context(const Study& study, const RunSettings& settings);

}  // namespace irverify
