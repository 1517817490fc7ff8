// `irverify study calibration [CLAIMS] --seeds K` (checks/framework/calibration.hpp): each claim run at seeds
// first .. first + K - 1 (--seed: first), tallied per statement; passes when every statement of every claim is
// calibrated. Its record (schema irverify-study-1) carries the report's calibration table.
#include "checks/framework/calibration.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/study.hpp"

#include "reports/record/record.hpp"

#include <fmt/format.h>

#include <chrono>
#include <stdexcept>

namespace irverify {

namespace {

// The claims of issue 29's calibration: every fast Monte Carlo claim and LN-2.
const std::vector<std::string> kDefaultClaims = {"SGD-2", "SGD-4", "LN-1", "LN-2", "RANK-2", "RANK-5"};

ClaimTally calibrate(const RunContext& ctx, const std::string& id, long seeds) {
  ClaimTally t;
  t.id = id;
  t.first_seed = ctx.seed;
  const auto t0 = std::chrono::steady_clock::now();
  for (long k = 0; k < seeds; ++k) {
    RunSettings s;
    s.seed = ctx.seed + static_cast<std::uint64_t>(k);  // seed sweep: a run's own seed, as `--seed` gives it
    s.threads = ctx.threads;
    s.group = ctx.group;
    s.problems = ctx.problems;
    try {
      tally_record(t, run_claim(id, s), s.seed);
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {
      tally_error(t, s.seed, e.what());
    }
    t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ctx.heartbeat(fmt::format("{}: {} of {} seeds, {} failed, {:.0f} s", id, k + 1, seeds, t.failed_seeds.size(), t.seconds));
  }
  ctx.note(fmt::format("{}: {} seeds in {:.0f} s, {} failed: {}", id, seeds, t.seconds, t.failed_seeds.size(),
                       t.calibrated() ? "calibrated" : "NOT calibrated"));
  return t;
}

const StudyRegistration kRegistration([] {
  Study s;
  s.name = "calibration";
  s.description = "Each Monte Carlo claim rerun at K independent seeds: per statement, the rate of wrong outcomes "
                  "against its stated level (99% confidence) and its p-values against the uniform";
  s.seed = 1;
  s.options = {{"seeds", "K: runs per claim, at K consecutive seeds from --seed", 200, 2, 100000, true}};
  s.names_help = "Claim ids (default: SGD-2 SGD-4 LN-1 LN-2 RANK-2 RANK-5)";
  s.problem_help = "Run every claim on this problem file instead of its built-in instances";
  s.run = [](const RunContext& ctx, const ProblemSpec&, const StudyArgs& a) {
    const std::vector<std::string> ids = a.names.empty() ? kDefaultClaims : a.names;
    for (const std::string& id : ids)
      if (find_claim(id) == nullptr) throw std::invalid_argument(fmt::format("calibration: unknown claim {} (see `irverify list`)", id));
    const long seeds = static_cast<long>(a.at("seeds"));
    std::vector<ClaimTally> tallies;
    nlohmann::json claims = nlohmann::json::array();
    bool pass = true;
    for (const std::string& id : ids) {
      tallies.push_back(calibrate(ctx, id, seeds));
      claims.push_back(calibration_json(tallies.back()));
      pass = pass && tallies.back().calibrated();
    }
    const CaseTable table = calibration_table(tallies);
    const std::uint64_t last = tallies.front().first_seed + static_cast<std::uint64_t>(seeds - 1);  // seed sweep
    const std::string summary =
        fmt::format("{} claim(s) at seeds {} .. {} ({} each, {} thread(s)): {}.", ids.size(), ctx.seed, last, seeds, ctx.threads,
                    pass ? "every statement's rate of wrong outcomes is consistent with its stated level"
                         : "some statement's rate of wrong outcomes is above its stated level at 99% confidence");
    nlohmann::json record = {{"schema", "irverify-study-1"},
                             {"study", "calibration"},
                             {"title", "Calibration of the Monte Carlo statements"},
                             {"verdict", pass ? "pass" : "fail"},
                             {"summary", summary},
                             {"first_seed", ctx.seed},
                             {"seeds", seeds},
                             {"threads", ctx.threads},
                             {"confidence", kCalibrationConfidence},
                             {"claims", claims},
                             {"tables", nlohmann::json::array({table.to_json()})},
                             {"provenance", provenance_json(a.command_line)}};
    std::string text = summary + "\n\n| " + fmt::format("{}", fmt::join(table.columns, " | ")) + " |\n|";
    for (std::size_t i = 0; i < table.columns.size(); ++i) text += "---|";
    text += "\n";
    for (const auto& row : table.rows) text += "| " + fmt::format("{}", fmt::join(row, " | ")) + " |\n";
    return StudyResult{std::move(record), std::move(text), pass};
  };
  return s;
}());

}  // namespace

}  // namespace irverify
