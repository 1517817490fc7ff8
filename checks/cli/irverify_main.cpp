// irverify: run claims, write JSON records, render the report.
//   irverify list
//   irverify run [CLAIM...] [--problem FILE]... [--precision double|quad|mp50] [--levels N] [--threads N] [--seed S]
//                [--samples K] [--out DIR]
//   irverify report DIR [--out DIR] [--no-figures]
//   irverify generate MODEL [--seed N] [--out FILE]
//   irverify compare REFERENCE_DIR DIR [CLAIM...] [--exact]
//            (fresh records against reference ones, reports/record/record_compare.hpp)
//   mpirun -n R irverify run ...   (built with MPI: Monte Carlo blocks split over R ranks, the same records)
//   irverify study NAME [--problem FILE] [--seed S] [--threads N] [--out FILE] [the study's own options]
//            (registered studies, checks/framework/study.hpp; `irverify study --help` lists them)
// Exit status: 0 every statement has its expected outcome (holds or refuted); 1 some claim does not; 2 bad input or
// usage.
#include "checks/cli/mpi_group.hpp"
#include "checks/framework/budget.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/study.hpp"
#include "reports/record/record.hpp"
#include "reports/record/record_compare.hpp"
#include "reports/record/schemas.hpp"
#include "reports/report.hpp"
#include "theory/io/atomic_write.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem_io.hpp"
#include "theory/scalar.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <iostream>

namespace {

using namespace irverify;

int cmd_list() {
  std::cout << fmt::format("{:<8} {:<24} {:<10} {}\n", "claim", "check", "precision", "title");
  for (const auto& c : claims()) std::cout << fmt::format("{:<8} {:<24} {:<10} {}\n", c.id, c.check_name, c.precision, c.title);
  return 0;
}

int cmd_run(std::vector<std::string> ids, const std::vector<std::string>& files, RunSettings settings, const std::string& out,
            const MpiSession& mpi) {
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
  for (const auto& f : files) settings.problems.push_back(read_problem_file(f));
  bool all = true;
  for (const Claim* c : todo) {
    if (settings.progress.on() && settings.seed != 0 && c->seed == 0)
      std::cerr << fmt::format("irverify: {} draws no random numbers: --seed does not apply\n", c->id);
    if (settings.progress.on() && settings.samples != 0 && c->samples == 0)
      std::cerr << fmt::format("irverify: {} has no Monte Carlo size: --samples does not apply\n", c->id);
    const nlohmann::json rec = run_claim(c->id, settings);
    const double secs = rec["wall_time_s"].get<double>();
    if (mpi.rank == 0) write_record(rec, out);  // every rank has the whole record
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
// Each file against its schema (problem file or record, from its content unless forced); problem files then through
// the reader too, which checks what a schema cannot (row lengths, theta0's length, the decimal text). Exit 0 if every
// file is valid, 2 (bad input) otherwise; one line per problem, "FILE: /json/pointer: message".
int cmd_validate(const std::vector<std::string>& files, const std::string& force) {
  bool all = true;
  for (const auto& f : files) {
    std::vector<std::string> problems;
    DocumentKind kind = DocumentKind::Problem;
    try {
      const nlohmann::json doc = read_json_for_validation(f);
      kind = force.empty() ? document_kind(doc) : force == "record" ? DocumentKind::Record : DocumentKind::Problem;
      for (const SchemaError& e : schema_errors(doc, kind)) problems.push_back(fmt::format("{}: {}", e.path.empty() ? "/" : e.path, e.message));
      if (problems.empty() && kind == DocumentKind::Problem) read_problem_file(f);
    } catch (const std::exception& e) {  // the reader's messages begin with the file's name already
      const std::string m = e.what();
      problems.push_back(m.rfind(f + ": ", 0) == 0 ? m.substr(f.size() + 2) : m);
    }
    if (problems.empty()) {
      std::cout << fmt::format("{}: valid {}\n", f, document_kind_name(kind));
      continue;
    }
    all = false;
    for (const auto& p : problems) std::cerr << fmt::format("{}: {}\n", f, p);
    std::cerr << fmt::format("{}: not a valid {} ({} problem(s))\n", f, document_kind_name(kind), problems.size());
  }
  return all ? 0 : 2;
}

int cmd_compare(const std::string& ref_dir, const std::string& dir, const std::vector<std::string>& ids, CompareRules rules) {
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
    const RecordComparison c = compare_records(ref.at(id), fresh.at(id), rules);
    std::cout << fmt::format("{:<8} {}  ({} exact, {} numeric within 64 eps, {} statistical within {} sigma, {} volatile "
                             "skipped)\n",
                             id, c.same() ? "SAME" : "DIFFERENT", c.exact, c.numeric, c.statistical, kZ999, c.skipped);
    for (std::size_t i = 0; i < c.differences.size() && i < 20; ++i) std::cout << "  " << c.differences[i] << "\n";
    if (c.differences.size() > 20) std::cout << fmt::format("  ... and {} more\n", c.differences.size() - 20);
    all = all && c.same();
  }
  return all ? 0 : 1;
}

// A registered study: its record to `out`, its text to stdout; 0 when it passed.
int cmd_study(const Study& study, const std::string& file, const StudyArgs& args, const RunSettings& settings,
              const std::string& out, const MpiSession& mpi) {
  const ProblemSpec spec = file.empty() ? study.default_problem() : read_problem_file(file);
  const StudyResult r = study.run(study_context(study, settings), spec, args);
  if (mpi.rank == 0) {
    if (const auto dir = std::filesystem::path(out).parent_path(); !dir.empty()) std::filesystem::create_directories(dir);
    write_atomically(out, r.record.dump(2) + "\n");
  }
  std::cout << r.text << "-> " << out << "\n";
  return r.pass ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const MpiSession mpi(argc, argv);  // mpirun -n R: the Monte Carlo blocks split over R ranks; rank 0 writes and prints
  if (mpi.rank > 0) {
    std::cout.rdbuf(nullptr);
    std::cerr.rdbuf(nullptr);
  }
  CLI::App app{"irverify: numerical verification of implicit-regularization claims for GD and SGD"};
  app.set_version_flag("--version", version_text(), "Version, git commit, compiler and build flags (as every record's provenance)");
  app.require_subcommand(1);

  app.add_subcommand("list", "List the registered claims");

  auto* run = app.add_subcommand("run", "Run claims (default: all) and write one JSON record per claim");
  std::vector<std::string> ids, files;
  RunSettings settings;
  settings.command_line.assign(argv, argv + argc);
  std::string out = "irverify-results";
  bool quiet = false;
  run->add_option("claims", ids, "Claim ids, e.g. IGR-1 (default: all)");
  run->add_option("-p,--problem", files, "Problem file(s) to run on instead of the built-in instances");
  std::string precision;
  run->add_option("--precision", precision, fmt::format("{} (default: the claim's)", fmt::join(scalar_names(), ", ")))
      ->check(CLI::IsMember(scalar_names()));
  run->add_option("--levels", settings.levels, "Ladder length (default: the claim's)")->check(CLI::Range(3, 60));
  run->add_option("-o,--out", out, "Directory for the JSON records")->capture_default_str();
  run->add_flag("-q,--quiet", quiet, "No progress lines on stderr");
  run->add_option("--budget", settings.time_budget,
                  "Time budget per claim in seconds: a run whose lower-bound estimate exceeds it is refused, a run "
                  "reaching it is stopped (exit 2)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  run->add_option("--threads", settings.threads, "Worker threads for the Monte Carlo runs (default: every core; the records do "
                                        "not depend on it)")
      ->check(CLI::Range(1, 4096));
  run->add_option("--seed", settings.seed, "Seed of every random draw (default: each claim's own, written to the record)")
      ->check(CLI::PositiveNumber);
  run->add_option("--samples", settings.samples, "Monte Carlo size of each claim with one, in the claim's unit (epochs, "
                                            "runs, starts; default: the claim's own, written to the record)")
      ->check(CLI::Range(4L, 1L << 40));
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
  bool cmp_exact = false, cmp_common = false;
  cmp->add_flag("--exact", cmp_exact,
                "Every value but timings and thread counts equal, to the last bit (no tolerances)");
  cmp->add_flag("--common", cmp_common, "Compare only the fields both records have (a record with added fields against an older one)");

  auto* val = app.add_subcommand("validate", "Check problem files and records against their JSON Schemas "
                                             "(theory/problem/problem.schema.json, reports/record/record.schema.json)");
  std::vector<std::string> val_files;
  std::string val_kind;
  val->add_option("files", val_files, "Problem files or records")->required();
  val->add_option("--as", val_kind, "Validate as this kind (default: a record if it has a 'schema' key)")
      ->check(CLI::IsMember({"problem", "record"}));

  // Each registered study is a subcommand of `study` with the common options and its own.
  auto* study = app.add_subcommand("study", "Longer studies outside the claim runs");
  std::string study_file, study_out;
  bool study_quiet = false;
  RunSettings study_settings;
  std::map<std::string, StudyArgs> study_args;
  std::vector<std::pair<CLI::App*, const Study*>> study_commands;
  for (const Study& st : studies()) {
    CLI::App* sub = study->add_subcommand(st.name, st.description);
    study_commands.push_back({sub, &st});
    sub->add_option("-p,--problem", study_file, st.problem_help)->check(CLI::ExistingFile);
    sub->add_option("--seed", study_settings.seed, fmt::format("Philox seed (default {})", st.seed))->check(CLI::PositiveNumber);
    sub->add_option("--threads", study_settings.threads, "Worker threads (default: every core)")->check(CLI::Range(1, 4096));
    sub->add_option("-o,--out", study_out, "The study's JSON record")->default_str("irverify-results/" + st.name + ".json");
    sub->add_flag("-q,--quiet", study_quiet, "No progress lines on stderr");
    StudyArgs& a = study_args[st.name];
    for (const StudyOption& o : st.options) {
      a[o.name] = o.value;
      sub->add_option("--" + o.name, a[o.name], o.help)->capture_default_str()->check(CLI::Range(o.min, o.max));
    }
  }
  study->require_subcommand(1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {  // --help and --version exit 0; every usage error exits 2, as documented
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (app.got_subcommand("list")) return cmd_list();
    if (run->parsed()) {
      settings.progress = Progress(!quiet);
      settings.memory_budget = memory_gib * double(1ULL << 30);
      settings.group = mpi.group();
      if (!precision.empty()) settings.precision = Precision::named(precision);
      return cmd_run(ids, files, settings, out, mpi);
    }
    if (rep->parsed()) {
      const std::string path = write_report({rec_dir, rep_out, !no_fig});
      std::cout << "report: " << path << "\n";
      return 0;
    }
    if (cmp->parsed()) return cmd_compare(cmp_ref, cmp_dir, cmp_ids, {cmp_exact, cmp_common});
    if (val->parsed()) return cmd_validate(val_files, val_kind);
    for (const auto& [sub, st] : study_commands)
      if (sub->parsed()) {
        study_settings.progress = Progress(!study_quiet && mpi.rank == 0);
        study_settings.group = mpi.group();
        const std::string dest = study_out.empty() ? "irverify-results/" + st->name + ".json" : study_out;
        return cmd_study(*st, study_file, study_args[st->name], study_settings, dest, mpi);
      }
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
