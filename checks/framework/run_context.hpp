// One run context (STYLE.md lesson 16): every setting of a claim run, resolved once in run_claim from what the caller
// asked (RunSettings: the CLI's options, or a program's) and the claim's registered defaults, then passed to each case
// function as an argument. No process global holds a run setting. The record's precision, monte_carlo, threads and
// processes fields are written from it.
//   precision  the scalar the claim computes in (--precision; the claim's default);
//   seed       of every random draw (--seed; the claim's default), handed to the solvers in their RunControl;
//   samples    the Monte Carlo size in the claim's unit (--samples; the claim's default);
//   threads    worker threads (--threads; every core); records never depend on it;
//   levels     ladder length (--levels; the claim's default);
//   problems   the user's problem files (empty: the claim's built-in instances);
//   deadline   the time budget (--budget), memory_budget (--memory-budget);
//   progress   where progress lines go; group, the processes sharing the Monte Carlo blocks (mpirun).
#pragma once

#include "solvers/control/run_control.hpp"
#include "theory/problem/problem_spec.hpp"
#include "theory/scalar.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace irverify {

inline constexpr double kDefaultTimeBudget = 3600;  // seconds per claim run (--budget)

// A precision chosen at run time: its index in Scalars (theory/scalar.hpp), name, decimal digits and size. It becomes a
// type once, in visit() (with_scalar).
struct Precision {
  int index = 0;
  std::string name = "double";
  int digits = 15;
  int bytes = 8;
  // std::invalid_argument naming the known ones.
  static Precision named(const std::string& name);
  template <class S> static Precision of() { return {scalar_index(scalar_name<S>()), scalar_name<S>(), digits10<S>(), int(sizeof(S))}; }
  // f(ScalarTag<S>{}) for this precision's scalar S.
  template <class F> decltype(auto) visit(F&& f) const { return with_scalar(index, std::forward<F>(f)); }
};

// Progress lines on stderr, "[elapsed s] claim: message", elapsed since the sink was made (the start of `irverify run`).
// Copies share the sink; for_claim() names the claim now running.
class Progress {
 public:
  Progress() = default;  // silent
  explicit Progress(bool on);
  Progress for_claim(const std::string& claim) const;
  bool on() const { return state_ != nullptr; }
  void line(const std::string& message) const;  // now
  // At most one line every 5 s: for ladder levels and Monte Carlo reductions. `left`: seconds of budget left.
  void heartbeat(const std::string& message, double left) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
  std::string claim_;
};

// What a caller asks for; 0 or empty means the claim's own default (threads: every core).
struct RunSettings {
  std::optional<Precision> precision;
  std::uint64_t seed = 0;
  long samples = 0;
  int threads = 0;
  int levels = 0;
  std::vector<ProblemSpec> problems;
  double time_budget = kDefaultTimeBudget;  // seconds
  double memory_budget = 0;                 // bytes; 0: default_memory_budget() (checks/framework/budget.hpp)
  Progress progress;
  const ProcessGroup* group = nullptr;
  std::vector<std::string> command_line;  // for the record's provenance
};

struct RunContext {
  std::string claim;  // the claim's id
  Precision precision;
  std::uint64_t seed = 0;  // 0: the claim draws no random numbers
  long samples = 0;        // 0: the claim has no single Monte Carlo size
  int threads = 1;
  int levels = 0;
  std::vector<ProblemSpec> problems;  // the user's; empty: the claim's built-in instances
  double time_budget = kDefaultTimeBudget, memory_budget = 0;
  Deadline deadline;
  Progress progress;
  const ProcessGroup* group = nullptr;

  bool user_problems() const { return !problems.empty(); }
  // The solvers' block (solvers/control/run_control.hpp): this seed, samples, threads, deadline and group, with
  // Monte Carlo progress reported as heartbeats.
  RunControl control() const;
  RunControl control(long samples) const {  // the same with another Monte Carlo size
    RunControl c = control();
    c.samples = samples;
    return c;
  }
  void note(const std::string& message) const { progress.line(message); }
  void heartbeat(const std::string& message) const { progress.heartbeat(message, deadline.seconds_left()); }
};

}  // namespace irverify
