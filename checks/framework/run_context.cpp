#include "checks/framework/run_context.hpp"

#include <fmt/format.h>

#include <iostream>
#include <mutex>

namespace irverify {

Precision Precision::named(const std::string& name) {
  return with_scalar(scalar_index(name), [](auto tag) { return Precision::of<typename decltype(tag)::type>(); });
}

using Clock = std::chrono::steady_clock;

struct Progress::State {
  Clock::time_point start = Clock::now(), last_line = start;
  std::mutex mutex;
};

Progress::Progress(bool on) : state_(on ? std::make_shared<State>() : nullptr) {}

Progress Progress::for_claim(const std::string& claim) const {
  Progress p = *this;
  p.claim_ = claim;
  return p;
}

void Progress::line(const std::string& message) const {
  if (!state_) return;
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto now = Clock::now();
  std::cerr << fmt::format("[{:7.1f} s] {}: {}", std::chrono::duration<double>(now - state_->start).count(), claim_, message)
            << std::endl;
  state_->last_line = now;
}

void Progress::heartbeat(const std::string& message, double left) const {
  if (!state_) return;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (Clock::now() - state_->last_line < std::chrono::seconds(5)) return;
  }
  line(std::isinf(left) ? message : fmt::format("{} ({:.0f} s of the time budget left)", message, left));
}

RunControl RunContext::control() const {
  RunControl c;
  c.seed = seed;
  c.samples = samples;
  c.threads = threads;
  c.deadline = deadline;
  c.group = group;
  if (progress.on())
    c.progress = [p = progress, d = deadline](long done, long total, double secs) {
      p.heartbeat("Monte Carlo " + progress_text(done, total, secs, "samples") + " in this run", d.seconds_left());
    };
  return c;
}

}  // namespace irverify
