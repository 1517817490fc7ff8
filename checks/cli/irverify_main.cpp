// irverify: run claims, write JSON records, render the report.
//   irverify list
//   irverify run [CLAIM...] [--problem FILE]... [--precision double|quad|mp50] [--levels N] [--threads N] [--out DIR]
//   irverify report DIR [--out DIR] [--no-figures]
//   irverify generate MODEL [--seed N] [--out FILE]
//   irverify compare REFERENCE_DIR DIR [CLAIM...]   (fresh records against reference ones, checks/record/record_compare.hpp)
// Exit status: 0 every statement has its expected outcome (holds or refuted); 1 some claim does not; 2 bad input or
// usage.
#include "checks/framework/budget.hpp"
#include "checks/framework/claim.hpp"
#include "checks/record/record.hpp"
#include "checks/record/record_compare.hpp"
#include "reports/report.hpp"
#include "solvers/parallel/threads.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem_io.hpp"
#include "theory/scalar.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <map>
#include <iostream>

namespace {

using namespace irverify;

int cmd_list() {
  std::cout << fmt::format("{:<8} {:<24} {:<10} {}\n", "claim", "check", "precision", "title");
  for (const auto& c : claims()) std::cout << fmt::format("{:<8} {:<24} {:<10} {}\n", c.id, c.check_name, c.default_precision, c.title);
  return 0;
}

int cmd_run(std::vector<std::string> ids, const std::vector<std::string>& files, RunOptions opt, const std::string& out,
            const std::vector<std::string>& argv) {
  if (ids.empty())
    for (const auto& c : claims()) ids.push_back(c.id);
  std::vector<const Claim*> todo;
  for (const auto& id : ids) {
    const Claim* c = find_claim(id);
    if (!c) {
      std::cerr << fmt::format("irverify: unknown claim '{}' (see 'irverify list')\n", id);
      return 2;
    }
    todo.push_back(c);
  }
  for (const auto& f : files) opt.problems.push_back(read_problem_file(f));
  bool all = true;
  for (const Claim* c : todo) {
    const auto t0 = std::chrono::steady_clock::now();
    nlohmann::json rec = run_claim(c->id, opt);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rec["schema"] = "irverify-record-1";
    rec["claim"] = c->id;
    rec["check"] = c->check_name;
    rec["title"] = c->title;
    rec["paper"] = c->paper;
    rec["statement"] = c->statement;
    rec["verdict_rule"] = c->verdict_rule;
    rec["negative_control"] = c->negative_control;
    rec["wall_time_s"] = secs;
    rec["threads"] = worker_threads();
    rec["provenance"] = provenance_json(argv);
    write_record(rec, out);
    const bool pass = rec["verdict"] == "pass";
    all = all && pass;
    std::cout << fmt::format("{:<8} {}  ({} case(s), {}, {:.1f} s) -> {}/{}.json\n", c->id, pass ? "PASS" : "FAIL",
                             rec["cases"].size(), rec["scalar"].get<std::string>(), secs, out, c->id);
    for (const auto& cs : rec["cases"]) {
      const std::string label = cs.value("label", "");
      std::string line = fmt::format("  {:<28} {}", cs["problem"]["name"].get<std::string>() + (label.empty() ? "" : " / " + label),
                                     cs["verdict"].get<std::string>());
      for (const auto& s : cs["series"]) {
        const auto& f = s["fit"];
        line += f["ok"].get<bool>() ? fmt::format("  {:.3f}", f["slope"].get<double>()) : std::string("  (no fit)");
        line += fmt::format(" [{}]", s["outcome"].get<std::string>());
      }
      std::cout << line << "\n";
    }
    // Each statement: its expectation, what was measured in how many cases, and whether they match.
    for (const auto& st : rec["statements"]) {
      const auto& n = st["outcomes"];
      std::cout << fmt::format("  [{}] expected {}, measured {} ({} holds / {} refuted / {} unresolved){}: {}\n",
                               st["verdict"] == "pass" ? "ok" : "MISMATCH", st["expected"].get<std::string>(),
                               st["outcome"].get<std::string>(), n["holds"].get<int>(), n["refuted"].get<int>(),
                               n["unresolved"].get<int>(), st.contains("scope") ? " on some instance" : "",
                               st["text"].get<std::string>());
    }
  }
  return all ? 0 : 1;
}

// Compares the records of `ids` (default: every record in ref_dir) in dir with those in ref_dir.
int cmd_compare(const std::string& ref_dir, const std::string& dir, const std::vector<std::string>& ids) {
  auto by_claim = [](const std::string& d) {
    std::map<std::string, nlohmann::json> m;
    for (auto& r : read_records(d)) {
      const std::string id = r["claim"].get<std::string>();
      m[id] = std::move(r);
    }
    return m;
  };
  const auto ref = by_claim(ref_dir), fresh = by_claim(dir);
  std::vector<std::string> todo = ids;
  if (todo.empty())
    for (const auto& [id, r] : ref) todo.push_back(id);
  bool all = !todo.empty();
  for (const auto& id : todo) {
    if (!ref.count(id) || !fresh.count(id)) {
      std::cout << fmt::format("{:<8} MISSING  (no record in {})\n", id, ref.count(id) ? dir : ref_dir);
      all = false;
      continue;
    }
    const RecordComparison c = compare_records(ref.at(id), fresh.at(id));
    std::cout << fmt::format("{:<8} {}  ({} exact, {} numeric within 64 eps, {} statistical within {} sigma, {} volatile "
                             "skipped)\n",
                             id, c.same() ? "SAME" : "DIFFERENT", c.exact, c.numeric, c.statistical, kZ999, c.skipped);
    for (std::size_t i = 0; i < c.differences.size() && i < 20; ++i) std::cout << "  " << c.differences[i] << "\n";
    if (c.differences.size() > 20) std::cout << fmt::format("  ... and {} more\n", c.differences.size() - 20);
    all = all && c.same();
  }
  return all ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"irverify: numerical verification of implicit-regularization claims for GD and SGD"};
  app.require_subcommand(1);
  std::vector<std::string> args(argv, argv + argc);

  app.add_subcommand("list", "List the registered claims");

  auto* run = app.add_subcommand("run", "Run claims (default: all) and write one JSON record per claim");
  std::vector<std::string> ids, files;
  RunOptions opt;
  std::string out = "irverify-results";
  bool quiet = false;
  run->add_option("claims", ids, "Claim ids, e.g. IGR-1 (default: all)");
  run->add_option("-p,--problem", files, "Problem file(s) to run on instead of the built-in instances");
  std::string precision;
  run->add_option("--precision", precision, fmt::format("{} (default: the claim's)", fmt::join(scalar_names(), ", ")))
      ->check(CLI::IsMember(scalar_names()));
  run->add_option("--levels", opt.levels, "Ladder length (default: the claim's)")->check(CLI::Range(3, 60));
  run->add_option("-o,--out", out, "Directory for the JSON records")->capture_default_str();
  run->add_flag("-q,--quiet", quiet, "No progress lines on stderr");
  run->add_option("--budget", opt.time_budget,
                  "Time budget per claim in seconds: a run whose lower-bound estimate exceeds it is refused, a run "
                  "reaching it is stopped (exit 2)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  int threads = 0;
  run->add_option("--threads", threads, "Worker threads for the Monte Carlo runs (default: every core; the records do "
                                        "not depend on it)")
      ->check(CLI::Range(1, 4096));
  double memory_gib = default_memory_budget() / double(1ULL << 30);
  run->add_option("--memory-budget", memory_gib, "Memory budget in GiB (default: min(8, half the physical memory))")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  auto* rep = app.add_subcommand("report", "Render REPORT.md and figures from a directory of records");
  std::string rec_dir, rep_out;
  bool no_fig = false;
  rep->add_option("records", rec_dir, "Directory of JSON records")->required()->check(CLI::ExistingDirectory);
  rep->add_option("-o,--out", rep_out, "Output directory (default: the records directory)");
  rep->add_flag("--no-figures", no_fig, "Do not call gnuplot");

  auto* gen = app.add_subcommand("generate", "Write a generated problem file");
  std::string gen_model, gen_out;
  std::uint64_t seed = 1;
  GeneratorOptions gopt;
  gen->add_option("model", gen_model, "Model kind")->required()->check(CLI::IsMember(model_kinds()));
  gen->add_option("--seed", seed, "Generator seed (> 0)")->check(CLI::PositiveNumber);
  gen->add_option("--examples", gopt.examples, "Number of examples")->check(CLI::PositiveNumber);
  gen->add_option("--features", gopt.features, "Number of features")->check(CLI::PositiveNumber);
  gen->add_option("--hidden", gopt.hidden, "Hidden units (two-layer, linear2, relu2)")->check(CLI::PositiveNumber);
  gen->add_option("--outputs", gopt.outputs, "Outputs per example (linear2, relu2)")->check(CLI::PositiveNumber);
  gen->add_option("-o,--out", gen_out, "Output file (default: stdout)");

  auto* cmp = app.add_subcommand("compare", "Compare records with reference records (exit 1 if any differs)");
  std::string cmp_ref, cmp_dir;
  std::vector<std::string> cmp_ids;
  cmp->add_option("reference", cmp_ref, "Directory of reference records")->required()->check(CLI::ExistingDirectory);
  cmp->add_option("records", cmp_dir, "Directory of fresh records")->required()->check(CLI::ExistingDirectory);
  cmp->add_option("claims", cmp_ids, "Claim ids (default: every reference record)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {  // --help and --version exit 0; every usage error exits 2, as documented
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (app.got_subcommand("list")) return cmd_list();
    if (run->parsed()) {
      opt.progress = !quiet;
      opt.memory_budget = memory_gib * double(1ULL << 30);
      set_worker_threads(threads);
      if (!precision.empty()) opt.precision = scalar_index(precision);
      return cmd_run(ids, files, opt, out, args);
    }
    if (rep->parsed()) {
      const std::string path = write_report({rec_dir, rep_out, !no_fig});
      std::cout << "report: " << path << "\n";
      return 0;
    }
    if (cmp->parsed()) return cmd_compare(cmp_ref, cmp_dir, cmp_ids);
    if (gen->parsed()) {
      const ProblemSpec s = generate_problem(gen_model, seed, gopt);
      if (gen_out.empty()) std::cout << s.to_json().dump(2) << "\n";
      else write_problem_file(s, gen_out);
      return 0;
    }
  } catch (const ProblemError& e) {
    std::cerr << "irverify: error: " << e.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "irverify: error: out of memory (the problem is too large for this machine)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "irverify: error: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
