// irverify: run claims, write JSON records, render the report.
//   irverify list
//   irverify run [CLAIM...] [--problem FILE]... [--precision double|quad|mp50] [--levels N] [--threads N] [--seed S]
//                [--samples K] [--out DIR]
//   irverify report DIR [--out DIR] [--no-figures]
//   irverify generate MODEL [--seed N] [--out FILE]
//   irverify validate FILE... [--as problem|record]
//   irverify compare REFERENCE_DIR DIR [CLAIM...] [--exact] [--common]
//            (fresh records against reference ones, reports/record/record_compare.hpp)
//   mpirun -n R irverify run ...   (built with MPI: Monte Carlo blocks split over R ranks, the same records)
//   irverify study NAME [--problem FILE] [--seed S] [--threads N] [--out FILE] [the study's own options]
//            (registered studies, checks/framework/study.hpp; `irverify study --help` lists them)
// Exit status: 0 every statement has its expected outcome (holds or refuted); 1 some claim does not; 2 bad input or
// usage.
#include "checks/cli/commands.hpp"
#include "checks/cli/mpi_group.hpp"
#include "reports/record/record.hpp"
#include "theory/problem/problem_spec.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <new>

int main(int argc, char** argv) {
  using namespace irverify;
  const MpiSession mpi(argc, argv);  // mpirun -n R: the Monte Carlo blocks split over R ranks; rank 0 writes and prints
  if (mpi.rank > 0) {
    std::cout.rdbuf(nullptr);
    std::cerr.rdbuf(nullptr);
  }
  CLI::App app{"irverify: numerical verification of implicit-regularization claims for GD and SGD"};
  app.set_version_flag("--version", version_text(), "Version, git commit, compiler and build flags (as every record's provenance)");
  app.require_subcommand(1);
  const std::vector<std::unique_ptr<Command>> cmds = commands(std::vector<std::string>(argv, argv + argc));
  for (const auto& c : cmds) c->add(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {  // --help and --version exit 0; every usage error exits 2, as documented
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    for (const auto& c : cmds)
      if (c->given()) return c->run(mpi);
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
