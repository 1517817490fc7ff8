// The subcommands of irverify, one object each: add() declares its options on the application (CLI11), run() does
// the work once the command line is parsed and returns the exit status (0 as expected, 1 a claim or comparison not
// as expected, 2 bad input). Registered studies become subcommands of `study` (checks/framework/study.hpp).
#pragma once

#include "checks/cli/mpi_group.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/study.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace irverify {

class Command {
 public:
  virtual ~Command() = default;
  // Declares the subcommand and its options; keeps the subcommand to know whether it was given.
  virtual void add(CLI::App& app) = 0;
  virtual int run(const MpiSession& mpi) = 0;
  bool given() const { return sub_ && sub_->parsed(); }

 protected:
  CLI::App* sub_ = nullptr;
};

// Every subcommand: list, run, report, generate, compare, validate, study.
std::vector<std::unique_ptr<Command>> commands(const std::vector<std::string>& command_line);

}  // namespace irverify
