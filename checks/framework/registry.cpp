#include "checks/framework/claim.hpp"

#include "solvers/iterate/deadline.hpp"
#include "solvers/parallel/progress.hpp"
#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <stdexcept>

namespace irverify {

namespace {

std::vector<Claim>& registry() {
  static std::vector<Claim> r;
  return r;
}

// (family rank in CLAIMS.md order, number) of an id such as "STAB-2".
std::pair<int, int> claim_order(const std::string& id) {
  static const std::vector<std::string> families = {"IGR", "SGD", "STAB", "LN", "RANK"};
  const std::size_t dash = id.find('-');
  const auto f = std::find(families.begin(), families.end(), id.substr(0, dash));
  return {static_cast<int>(f - families.begin()), std::stoi(id.substr(dash + 1))};
}

using Clock = std::chrono::steady_clock;

// The claim now running, for heartbeat().
struct CurrentRun {
  std::string claim;
  bool progress = false;
  Clock::time_point last_line;
};
CurrentRun& current_run() {
  static CurrentRun r;
  return r;
}

double since_start() {
  static const auto start = Clock::now();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

ClaimRegistration::ClaimRegistration(Claim c) {
  scalar_index(c.default_precision);  // throws on an unknown name
  if (c.id.find('-') == std::string::npos || !c.run) throw std::logic_error("claim registration: bad claim " + c.id);
  registry().push_back(std::move(c));
}

const std::vector<Claim>& claims() {
  static const std::vector<Claim> sorted = [] {
    std::vector<Claim> v = registry();
    std::sort(v.begin(), v.end(), [](const Claim& a, const Claim& b) { return claim_order(a.id) < claim_order(b.id); });
    for (std::size_t i = 1; i < v.size(); ++i)
      if (v[i].id == v[i - 1].id) throw std::logic_error("claim " + v[i].id + " registered twice");
    return v;
  }();
  return sorted;
}

const Claim* find_claim(const std::string& id) {
  for (const auto& c : claims())
    if (c.id == id) return &c;
  return nullptr;
}

nlohmann::json run_claim(const std::string& id, const RunOptions& opt) {
  const Claim* c = find_claim(id);
  if (!c) throw std::invalid_argument("unknown claim '" + id + "'");
  const ScopedDeadline deadline(opt.time_budget, fmt::format("{}'s time budget of {:g} s; raise it with --budget SECONDS",
                                                             id, opt.time_budget));
  struct Running {  // heartbeat() speaks for this claim until it returns or throws, Monte Carlo progress through it
    Running(const std::string& id, bool on) {
      current_run() = {id, on, Clock::now()};
      set_progress_sink([](long done, long total, double secs) {
        heartbeat("Monte Carlo " + progress_text(done, total, secs, "samples") + " in this run");
      });
    }
    ~Running() {
      current_run().progress = false;
      set_progress_sink({});
    }
  } running(c->id, opt.progress);
  return c->run(*c, opt);
}

void progress(const RunOptions& opt, const std::string& claim, const std::string& message) {
  if (!opt.progress) return;
  std::cerr << fmt::format("[{:7.1f} s] {}: {}", since_start(), claim, message) << std::endl;
  current_run().last_line = Clock::now();
}

void heartbeat(const std::string& message) {
  CurrentRun& r = current_run();
  if (!r.progress || Clock::now() - r.last_line < std::chrono::seconds(5)) return;
  const double left = seconds_left();
  std::cerr << fmt::format("[{:7.1f} s] {}: {} ({:.0f} s of the time budget left)", since_start(), r.claim, message, left)
            << std::endl;
  r.last_line = Clock::now();
}

}  // namespace irverify
