// `irverify study calibration [CLAIMS] --seeds K` (checks/framework/calibration.hpp): each claim run at seeds
// first .. first + K - 1 (--seed: first), tallied per statement; passes when every statement of every claim is
// calibrated. Its record (schema irverify-study-1) carries the report's calibration table.
#include "checks/framework/calibration.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/study.hpp"

#include "reports/record/record.hpp"
#include "solvers/parallel/ordered_tasks.hpp"
#include "solvers/parallel/process_group.hpp"

#include <fmt/format.h>

#include <chrono>
#include <stdexcept>

namespace irverify {

namespace {

// The claims of issue 29's calibration: every fast Monte Carlo claim and LN-2.
const std::vector<std::string> kDefaultClaims = {"SGD-2", "SGD-4", "LN-1", "LN-2", "RANK-2", "RANK-5"};

// The claim at seeds first .. first + seeds - 1, `jobs` runs side by side (ordered_tasks: tallied in seed order, so
// the tally is the same for any jobs).
ClaimTally calibrate(const RunContext& ctx, const std::string& id, long seeds, int jobs) {
  ClaimTally t;
  t.id = id;
  t.first_seed = ctx.seed;
  const auto t0 = std::chrono::steady_clock::now();
  struct Outcome {
    nlohmann::json record;
    std::string error;
  };
  const auto seed_of = [&](long k) { return ctx.seed + static_cast<std::uint64_t>(k); };  // seed sweep: `--seed` as given
  ordered_tasks<Outcome>(
      jobs, seeds,
      [&](long k) {
        RunSettings s;
        s.seed = seed_of(k);
        s.threads = ctx.threads;
        s.group = ctx.group;
        s.problems = ctx.problems;
        try {
          return Outcome{run_claim(id, s), ""};
        } catch (const std::bad_alloc&) {
          throw;
        } catch (const std::exception& e) {
          return Outcome{nullptr, e.what()};
        }
      },
      [&](long k, Outcome&& o) {
        if (o.error.empty()) tally_record(t, o.record, seed_of(k));
        else tally_error(t, seed_of(k), o.error);
        t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        ctx.heartbeat(fmt::format("{}: {} of {} seeds, {} failed, {:.0f} s", id, k + 1, seeds, t.failed_seeds.size(), t.seconds));
      });
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
  s.options = {{"seeds", "K: runs per claim, at K consecutive seeds from --seed", 200, 2, 100000, true},
               {"jobs", "Runs side by side, each with --threads workers (the tallies do not depend on it)", 1, 1, 64, true}};
  s.names_help = "Claim ids (default: SGD-2 SGD-4 LN-1 LN-2 RANK-2 RANK-5)";
  s.problem_help = "Run every claim on this problem file instead of its built-in instances";
  s.run = [](const RunContext& ctx, const ProblemSpec&, const StudyArgs& a) {
    const std::vector<std::string> ids = a.names.empty() ? kDefaultClaims : a.names;
    for (const std::string& id : ids)
      if (find_claim(id) == nullptr) throw std::invalid_argument(fmt::format("calibration: unknown claim {} (see `irverify list`)", id));
    const long seeds = static_cast<long>(a.at("seeds"));
    const int jobs = static_cast<int>(a.at("jobs"));
    if (jobs > 1 && ctx.group && ctx.group->size() > 1)
      throw std::invalid_argument("calibration: under mpirun the processes share each run's Monte Carlo; use --jobs 1");
    std::vector<ClaimTally> tallies;
    nlohmann::json claims = nlohmann::json::array();
    bool pass = true;
    for (const std::string& id : ids) {
      tallies.push_back(calibrate(ctx, id, seeds, jobs));
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
