// Comparing a fresh record with a reference record (the `reference` ctests; `irverify compare`), field by field:
//   volatile, not compared:  wall_time_s, provenance, and every key "seconds", "scaling_seconds", "threads" or
//                            "processes" (timings, the machine's core count, the MPI ranks), and table cells in a
//                            column named "seconds";
//   Monte Carlo series       (a "series" with per-point numeric "sigma" and "errors" and a "fit"): each error within
//                            kZ999 sqrt(sigma_ref^2 + sigma^2) of the reference (two estimates of one quantity), the
//                            fitted slope within kZ999 sqrt(se_ref^2 + se^2), the fresh sigma and se counted at most
//                            as twice the reference's (a fresh record cannot widen its own tolerance); the rest of
//                            such a series is derived from these;
//   tables                   (title, string columns, rows of arrays): cell by cell; any other shape node by node;
//   integers                 exactly, signs included;
//   other strings            equal to the letter: every full-precision number (mp50, quad and double results are
//                            printed in full, so a change in any digit shows) and every table cell;
//   other JSON numbers       (double summaries: fits, rates, z-scores) within 64 eps_double relative: the rounding of
//                            recomputing them in double;
//   structure                the same keys and array lengths.
// On the machine that made the reference, the Monte Carlo results are bit-identical too (fixed seeds, block-ordered
// sums); the statistical rule is what may move on another libm.
#pragma once

#include "solvers/stats/confidence.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace irverify {

struct RecordComparison {
  long exact = 0, numeric = 0, statistical = 0, skipped = 0;  // fields compared by each rule, and volatile ones
  std::vector<std::string> differences;                       // "path: reference ... fresh ..."
  bool same() const { return differences.empty(); }
};

struct CompareRules {
  // No numeric or statistical tolerance, every non-volatile leaf equal (the same build on one machine with another
  // thread count or ISA; `irverify compare --exact`).
  bool exact = false;
  // Only the keys both objects have (a record with added fields against an older one; `irverify compare --common`).
  bool common = false;
};
RecordComparison compare_records(const nlohmann::json& reference, const nlohmann::json& fresh, CompareRules rules = {});

}  // namespace irverify
