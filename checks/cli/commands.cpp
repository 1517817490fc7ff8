#include "checks/cli/commands.hpp"

#include "checks/cli/option_checks.hpp"

#include "checks/framework/budget.hpp"
#include "reports/record/record.hpp"
#include "reports/record/record_compare.hpp"
#include "reports/record/schemas.hpp"
#include "reports/report.hpp"
#include "solvers/parallel/ordered_tasks.hpp"
#include "theory/io/atomic_write.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/problem/problem_io.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <limits>
#include <map>

namespace irverify {

namespace {

class ListCommand : public Command {
 public:
  void add(CLI::App& app) override { sub_ = app.add_subcommand("list", "List the registered claims"); }
  int run(const MpiSession&) override {
    std::cout << fmt::format("{:<8} {:<24} {:<10} {}\n", "claim", "check", "precision", "title");
    for (const auto& c : claims()) std::cout << fmt::format("{:<8} {:<24} {:<10} {}\n", c.id, c.check_name, c.precision, c.title);
    return 0;
  }
};

// One verdict line per claim and per case, then each statement with its expectation and what was measured.
void print_record(const nlohmann::json& rec, const std::string& out) {
  const std::string id = rec["claim"];
  std::cout << fmt::format("{:<8} {}  ({} case(s), {}, {:.1f} s) -> {}/{}.json\n", id, rec["verdict"] == "pass" ? "PASS" : "FAIL",
                           rec["cases"].size(), rec["scalar"].get<std::string>(), rec["wall_time_s"].get<double>(), out, id);
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
  for (const auto& st : rec["statements"]) {
    const auto& n = st["outcomes"];
    std::cout << fmt::format("  [{}] expected {}, measured {} ({} holds / {} refuted / {} unresolved){}: {}{}\n",
                             st["verdict"] == "pass" ? "ok" : st["verdict"] == "fail" ? "MISMATCH" : "n/a",
                             st["expected"].get<std::string>(), st["outcome"].get<std::string>(), n["holds"].get<int>(),
                             n["refuted"].get<int>(), n["unresolved"].get<int>(), st.contains("scope") ? " on some instance" : "",
                             st["text"].get<std::string>(), st.contains("why") ? " (not applicable: " + st["why"].get<std::string>() + ")" : "");
  }
}

// Records store the command line and paths as JSON text: an argument that is not UTF-8 is refused before any work
// (it would otherwise fail the record's writing after the whole run).
void require_utf8(const std::vector<std::string>& args) {
  for (const auto& a : args) {
    try {
      (void)nlohmann::json(a).dump();
    } catch (const nlohmann::json::exception&) {
      throw std::runtime_error(fmt::format("the argument {} is not valid UTF-8: records store the command line as UTF-8 "
                                           "text; rename the file or folder",
                                           nlohmann::json(a).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace)));
    }
  }
}

class RunCommand : public Command {
 public:
  explicit RunCommand(const std::vector<std::string>& command_line) { settings_.command_line = command_line; }
  void add(CLI::App& app) override {
    sub_ = app.add_subcommand("run", "Run claims (default: all) and write one JSON record per claim");
    sub_->add_option("claims", ids_, "Claim ids, e.g. IGR-1 (default: all)");
    sub_->add_option("-p,--problem", files_, "Problem file(s) to run on instead of the built-in instances");
    sub_->add_option("--precision", precision_, fmt::format("{} (default: the claim's)", fmt::join(scalar_names(), ", ")))
        ->check(CLI::IsMember(scalar_names()));
    sub_->add_option("--levels", settings_.levels, "Ladder length (default: the claim's)")->transform(cli::integer_in(3, 60));
    sub_->add_option("-o,--out", out_, "Directory for the JSON records")->capture_default_str();
    sub_->add_flag("-q,--quiet", quiet_, "No progress lines on stderr");
    sub_->add_option("--budget", settings_.time_budget,
                     "Time budget per claim in seconds: a run whose lower-bound estimate exceeds it is refused, a run "
                     "reaching it is stopped (exit 2)")
        ->capture_default_str()
        ->check(cli::positive_finite());
    sub_->add_option("--threads", settings_.threads,
                     "Worker threads for the Monte Carlo runs (default: every core; the records do not depend on it)")
        ->transform(cli::integer_in(1, 4096));
    sub_->add_option("--seed", settings_.seed, "Seed of every random draw (default: each claim's own, written to the record)")
        ->transform(cli::seed_range());
    sub_->add_option("--samples", settings_.samples,
                     "Monte Carlo size of each claim with one, in the claim's unit (epochs, runs, starts; default: the "
                     "claim's own, written to the record)")
        ->transform(cli::integer_in(4, 1LL << 40));
    sub_->add_option("--memory-budget", memory_gib_, "Memory budget in GiB (default: min(8, half the physical memory))")
        ->capture_default_str()
        ->check(cli::positive_finite());
    sub_->add_option("--jobs", jobs_,
                     "Claims run side by side, each with --threads workers (the records do not depend on it; their "
                     "wall times, and the time budget's clock, are shared). Records are written and printed in claim order")
        ->capture_default_str()
        ->transform(cli::integer_in(1, 64));
  }
  int run(const MpiSession& mpi) override {
    settings_.progress = Progress(!quiet_);
    settings_.memory_budget = memory_gib_ * double(1ULL << 30);
    settings_.group = mpi.group();
    if (!precision_.empty()) settings_.precision = Precision::named(precision_);
    std::vector<const Claim*> todo;
    for (const auto& id : ids_) {
      if (!(todo.emplace_back(find_claim(id)))) {
        std::cerr << fmt::format("irverify: unknown claim '{}' (see 'irverify list')\n", id);
        return 2;
      }
    }
    if (ids_.empty())
      for (const auto& c : claims()) todo.push_back(&c);
    require_utf8(settings_.command_line);
    if (out_.empty()) throw std::runtime_error("--out: empty; name a folder ('.' for this one)");
    if (mpi.rank == 0)  // an unwritable --out fails now, not after the run
      for (const Claim* c : todo) prepare_output((std::filesystem::path(out_) / (c->id + ".json")).string());
    for (const auto& f : files_) settings_.problems.push_back(read_problem_file(f));
    if (jobs_ > 1 && settings_.group && settings_.group->size() > 1)
      throw std::runtime_error("--jobs: under mpirun the processes share each claim's Monte Carlo; run the claims one at a time");
    for (const Claim* c : todo) {
      if (!quiet_ && settings_.seed != 0 && c->seed == 0)
        std::cerr << fmt::format("irverify: {} draws no random numbers: --seed does not apply\n", c->id);
      if (!quiet_ && settings_.samples != 0 && c->samples == 0)
        std::cerr << fmt::format("irverify: {} has no Monte Carlo size: --samples does not apply\n", c->id);
    }
    bool all = true;
    ordered_tasks<nlohmann::json>(
        jobs_, static_cast<long>(todo.size()), [&](long i) { return run_claim(*todo[i], settings_); },
        [&](long, const nlohmann::json& rec) {
          if (mpi.rank == 0) write_record(rec, out_);  // every rank has the whole record
          all = all && rec["verdict"] == "pass";
          print_record(rec, out_);
        });
    return all ? 0 : 1;
  }

 private:
  std::vector<std::string> ids_, files_;
  std::string precision_, out_ = "irverify-results";
  bool quiet_ = false;
  int jobs_ = 1;
  double memory_gib_ = default_memory_budget() / double(1ULL << 30);
  RunSettings settings_;
};

class ReportCommand : public Command {
 public:
  void add(CLI::App& app) override {
    sub_ = app.add_subcommand("report", "Render REPORT.md and figures from a directory of records");
    sub_->add_option("records", dir_, "Directory of JSON records")->required()->check(CLI::ExistingDirectory);
    sub_->add_option("-o,--out", out_, "Output directory (default: the records directory)");
    sub_->add_flag("--no-figures", no_figures_, "Do not call gnuplot");
  }
  int run(const MpiSession&) override {
    require_utf8({dir_, out_});
    std::cout << "report: " << write_report({dir_, out_, !no_figures_}) << "\n";
    return 0;
  }

 private:
  std::string dir_, out_;
  bool no_figures_ = false;
};

class GenerateCommand : public Command {
 public:
  void add(CLI::App& app) override {
    sub_ = app.add_subcommand("generate", "Write a generated problem file");
    sub_->add_option("model", model_, "Model kind")->required()->check(CLI::IsMember(model_kinds()));
    sub_->add_option("--seed", seed_, "Generator seed (> 0)")->transform(cli::seed_range());
    const CLI::Validator positive_int = cli::integer_in(1, std::numeric_limits<int>::max());
    sub_->add_option("--examples", opt_.examples, "Number of examples")->transform(positive_int);
    sub_->add_option("--features", opt_.features, "Number of features")->transform(positive_int);
    sub_->add_option("--hidden", opt_.hidden, "Hidden units (two-layer, linear2, relu2)")->transform(positive_int);
    sub_->add_option("--outputs", opt_.outputs, "Outputs per example (linear2, relu2)")->transform(positive_int);
    sub_->add_option("-o,--out", out_, "Output file (default: stdout)");
    sub_->add_flag("--formula", formula_, "The same problem as a formula model (least-squares, two-param, diag nets, two-layer)");
  }
  int run(const MpiSession&) override {
    require_utf8({out_});
    if (!out_.empty()) prepare_output(out_);
    const ProblemSpec g = generate_problem(model_, seed_, opt_);
    const ProblemSpec s = formula_ ? as_formula(g) : g;
    const std::string text = s.to_json().dump(2) + "\n";
    if (text.size() > kMaxInputBytes)  // only files the reader takes back
      throw ProblemError(fmt::format("{}: the file would be {} bytes, more than the limit of {} bytes for an input file",
                                     s.origin, text.size(), kMaxInputBytes));
    if (out_.empty()) std::cout << text;
    else write_atomically(out_, text);
    return 0;
  }

 private:
  std::string model_, out_;
  std::uint64_t seed_ = 1;
  GeneratorOptions opt_;
  bool formula_ = false;
};

// The records of the given claims (default: every reference record) in a directory against those of the reference.
class CompareCommand : public Command {
 public:
  void add(CLI::App& app) override {
    sub_ = app.add_subcommand("compare", "Compare records with reference records (exit 1 if any differs)");
    sub_->add_option("reference", ref_, "Directory of reference records")->required()->check(CLI::ExistingDirectory);
    sub_->add_option("records", dir_, "Directory of fresh records")->required()->check(CLI::ExistingDirectory);
    sub_->add_option("claims", ids_, "Claim ids (default: every reference record)");
    sub_->add_flag("--exact", rules_.exact, "Every value but timings and thread counts equal, to the last bit (no tolerances)");
    sub_->add_flag("--common", rules_.common,
                   "Compare only the fields both records have (a record with added fields against an older one)");
  }
  int run(const MpiSession&) override {
    const auto ref = by_claim(ref_), fresh = by_claim(dir_);
    std::vector<std::string> todo = ids_;
    if (todo.empty())
      for (const auto& [id, r] : ref) todo.push_back(id);
    bool all = !todo.empty();
    for (const auto& id : todo) {
      if (!ref.count(id) || !fresh.count(id)) {
        std::cout << fmt::format("{:<8} MISSING  (no record in {})\n", id, ref.count(id) ? dir_ : ref_);
        all = false;
        continue;
      }
      RecordComparison c;
      try {
        c = compare_records(ref.at(id).doc, fresh.at(id).doc, rules_);
      } catch (const nlohmann::json::exception& e) {  // a shape the comparer does not handle: a bug, named
        throw std::runtime_error(fmt::format("cannot compare {} with {} ({})", fresh.at(id).path, ref.at(id).path, e.what()));
      }
      std::cout << fmt::format("{:<8} {}  ({} exact, {} numeric within 64 eps, {} statistical within {} sigma, {} volatile "
                               "skipped)\n",
                               id, c.same() ? "SAME" : "DIFFERENT", c.exact, c.numeric, c.statistical, kZ999, c.skipped);
      for (std::size_t i = 0; i < c.differences.size() && i < 20; ++i) std::cout << "  " << c.differences[i] << "\n";
      if (c.differences.size() > 20) std::cout << fmt::format("  ... and {} more\n", c.differences.size() - 20);
      all = all && c.same();
    }
    return all ? 0 : 1;
  }

 private:
  static std::map<std::string, RecordFile> by_claim(const std::string& dir) {
    std::map<std::string, RecordFile> m;
    for (auto& r : read_records(dir)) {
      const std::string id = r.doc["claim"].get<std::string>();  // before the move: an assignment evaluates its right side first
      m[id] = std::move(r);
    }
    return m;
  }
  std::string ref_, dir_;
  std::vector<std::string> ids_;
  CompareRules rules_;
};

// Each file against its schema (problem file, record or study record, from its content unless forced); problem files
// then through the reader too, which checks what a schema cannot (row lengths, theta0's length, the decimal text; a
// formula's text, and its value and gradient at theta0 in mp50).
// Exit 0 if every file is valid, 2 (bad input) otherwise; one line per problem, "FILE: /json/pointer: message".
class ValidateCommand : public Command {
 public:
  void add(CLI::App& app) override {
    sub_ = app.add_subcommand("validate", "Check problem files and records against their JSON Schemas "
                                          "(theory/problem/problem.schema.json, reports/record/record.schema.json, "
                                          "reports/record/study.schema.json)");
    sub_->add_option("files", files_, "Problem files or records")->required();
    sub_->add_option("--as", kind_, "Validate as this kind (default: from its 'schema' key: irverify-study-1 a study record, any other a record)")
        ->check(CLI::IsMember({"problem", "record", "study"}));
  }
  int run(const MpiSession&) override {
    bool all = true;
    for (const auto& f : files_) all = validate(f) && all;
    return all ? 0 : 2;
  }

 private:
  bool validate(const std::string& f) const {
    std::vector<std::string> problems;
    DocumentKind kind = DocumentKind::Problem;
    bool parsed = !kind_.empty();  // the kind is known (forced, or read from the document)
    try {
      const nlohmann::json doc = read_json_for_validation(f);
      parsed = true;
      kind = kind_.empty()        ? document_kind(doc)
             : kind_ == "record" ? DocumentKind::Record
             : kind_ == "study"  ? DocumentKind::Study
                                 : DocumentKind::Problem;
      for (const SchemaError& e : schema_errors(doc, kind)) problems.push_back(fmt::format("{}: {}", e.path.empty() ? "/" : e.path, e.message));
      if (problems.empty() && kind == DocumentKind::Problem) {
        const ProblemSpec spec = read_problem_file(f);
        if (spec.is_formula()) (void)build_problem<mp50>(spec);  // its value and gradient at theta0 are finite
        for (std::size_t i = 0; i < spec.players.size(); ++i) (void)build_problem<mp50>(player_problem(spec, i));  // each player's loss too
      }
    } catch (const std::exception& e) {  // the reader's messages begin with the file's name already
      const std::string m = e.what();
      problems.push_back(m.rfind(f + ": ", 0) == 0 ? m.substr(f.size() + 2) : m);
    }
    if (problems.empty()) {
      std::cout << fmt::format("{}: valid {}\n", f, document_kind_name(kind));
      return true;
    }
    for (const auto& p : problems) std::cerr << fmt::format("{}: {}\n", f, p);
    std::cerr << fmt::format("{}: not a valid {} ({} problem(s))\n", f, parsed ? document_kind_name(kind) : "JSON file",
                             problems.size());
    return false;
  }
  std::vector<std::string> files_;
  std::string kind_;
};

// `irverify study NAME`: the study's record to --out, its text to stdout; 0 when it passed.
class StudyCommand : public Command {
 public:
  StudyCommand(const Study& s, const std::vector<std::string>& command_line)
      : study_(s), out_("irverify-results/" + s.name + ".json") {
    args_.command_line = command_line;
  }
  void add(CLI::App& app) override {
    CLI::App* parent = app.get_subcommands([](CLI::App* a) { return a->get_name() == "study"; }).empty()
                           ? app.add_subcommand("study", "Longer studies outside the claim runs")->require_subcommand(1)
                           : app.get_subcommand("study");
    sub_ = parent->add_subcommand(study_.name, study_.description);
    sub_->add_option("-p,--problem", file_, study_.problem_help)->check(CLI::ExistingFile);
    sub_->add_option("--seed", settings_.seed, fmt::format("Philox seed (default {})", study_.seed))->transform(cli::seed_range());
    sub_->add_option("--threads", settings_.threads, "Worker threads (default: every core)")->transform(cli::integer_in(1, 4096));
    sub_->add_option("-o,--out", out_, "The study's JSON record")->capture_default_str();
    sub_->add_flag("-q,--quiet", quiet_, "No progress lines on stderr");
    if (!study_.names_help.empty()) sub_->add_option("names", args_.names, study_.names_help);
    for (const StudyOption& o : study_.options) {
      args_.numbers[o.name] = o.value;
      sub_->add_option("--" + o.name, args_.numbers[o.name], o.help)
          ->capture_default_str()
          ->transform(o.integer ? cli::integer_in(static_cast<long long>(o.min), static_cast<long long>(o.max))
                            : cli::decimal_in(o.min, o.max, false, fmt::format("a number from {:g} to {:g}", o.min, o.max)));
    }
  }
  int run(const MpiSession& mpi) override {
    settings_.progress = Progress(!quiet_ && mpi.rank == 0);
    settings_.group = mpi.group();
    require_utf8({out_, file_});
    if (out_.empty()) throw std::runtime_error("--out: empty; name a file");
    if (mpi.rank == 0) prepare_output(out_);  // an unwritable --out fails now, not after the study
    if (!file_.empty()) settings_.problems = {read_problem_file(file_)};
    const ProblemSpec spec = !file_.empty()           ? settings_.problems.front()
                             : study_.default_problem ? study_.default_problem()
                                                      : ProblemSpec{};
    const StudyResult r = study_.run(study_context(study_, settings_), spec, args_);
    if (mpi.rank == 0) write_atomically(out_, r.record.dump(2) + "\n");
    std::cout << r.text << "-> " << out_ << "\n";
    return r.pass ? 0 : 1;
  }

 private:
  const Study& study_;
  std::string file_, out_;
  bool quiet_ = false;
  RunSettings settings_;
  StudyArgs args_;
};

}  // namespace

std::vector<std::unique_ptr<Command>> commands(const std::vector<std::string>& command_line) {
  std::vector<std::unique_ptr<Command>> v;
  v.push_back(std::make_unique<ListCommand>());
  v.push_back(std::make_unique<RunCommand>(command_line));
  v.push_back(std::make_unique<ReportCommand>());
  v.push_back(std::make_unique<GenerateCommand>());
  v.push_back(std::make_unique<CompareCommand>());
  v.push_back(std::make_unique<ValidateCommand>());
  for (const Study& s : studies()) v.push_back(std::make_unique<StudyCommand>(s, command_line));
  return v;
}

}  // namespace irverify
