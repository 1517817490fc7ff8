// The calibration study (`irverify study calibration [CLAIMS] --seeds K`): each claim rerun at K independent seeds
// (first, first + 1, ...: counter-based streams keyed by the seed share no draw), its records tallied per statement.
// A statement's stated level is the false-failure rate its record claims: its test's family-wise level (summed over
// its cases, ZTest / "test"), else the suite's 0.1% per case that states it. It fails calibration when its count of
// wrong outcomes (the measured outcome not the expected one) is above that level at 99% confidence:
// P(X >= wrong | K, level) < 1%. Its test's p-values (Sidak's, Bonferroni over the cases) are compared with the
// uniform distribution a valid test gives under its null (Kolmogorov-Smirnov D+ and D-); a p-value repeated to the
// last bit at another seed means two runs shared their draws, and fails calibration too.
#pragma once

#include "checks/framework/case.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace irverify {

inline constexpr double kCalibrationConfidence = 0.99;

struct StatementTally {
  std::string text, expected;
  long runs = 0;                           // records that state it
  std::vector<std::uint64_t> wrong_seeds;  // seeds whose record measured another outcome than the expected one
  double level = 0;                        // stated false-failure level per run (the largest over runs)
  std::vector<double> p_values;            // per run, where the statement carries a test
  // P(X >= wrong | runs, level): how likely this many wrong outcomes are if the stated level holds.
  double tail() const;
  // The one-sided Clopper-Pearson upper bound on the rate of wrong outcomes at kCalibrationConfidence (1 without runs).
  double rate_bound() const;
  // p-values strictly between 0 and 1 that an earlier seed's run gave to the last bit: runs that share draws.
  long repeated_p_values() const;
  bool calibrated() const { return tail() >= 1 - kCalibrationConfidence && repeated_p_values() == 0; }
  // The chance that this many runs fail calibration if the true rate were ten times the level: what the study can
  // tell (K = 200 at 0.1%: 0.32; K = 1000: 0.97).
  double power_at_ten_times() const;
};

struct ClaimTally {
  std::string id;
  std::uint64_t first_seed = 0;
  long runs = 0;
  std::vector<std::uint64_t> failed_seeds;  // verdict "fail" or no record
  std::vector<std::string> errors;          // "seed S: message" for a run that threw
  double seconds = 0;
  std::vector<StatementTally> statements;
  bool calibrated() const;  // every statement, and no run without a record
};

// Adds one run's record (reports/record: its "statements", their "test") to the tally.
void tally_record(ClaimTally& t, const nlohmann::json& record, std::uint64_t seed);
// A run that threw: counted as failed, its message kept.
void tally_error(ClaimTally& t, std::uint64_t seed, const std::string& message);

// The study record's parts: per claim and statement (JSON), and the report's table.
nlohmann::json calibration_json(const ClaimTally& t);
CaseTable calibration_table(const std::vector<ClaimTally>& claims);

}  // namespace irverify
