#include "solvers/control/deadline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <limits>

namespace irverify {

namespace {

using Clock = std::chrono::steady_clock;

long long now_ticks() { return Clock::now().time_since_epoch().count(); }
double ticks_to_seconds(long long t) { return std::chrono::duration<double>(Clock::duration(t)).count(); }

}  // namespace

Deadline::Deadline(double seconds, std::string what) : start_(now_ticks()), what_(std::make_shared<const std::string>(std::move(what))) {
  if (!(seconds > 0)) throw std::invalid_argument("Deadline: the time budget must be positive");
  const double ticks = seconds * double(Clock::period::den) / double(Clock::period::num);  // in double: no overflow
  const double max = static_cast<double>(std::numeric_limits<long long>::max() / 2);
  at_ = start_ + std::max(1LL, static_cast<long long>(std::min(ticks, max)));
}

double Deadline::seconds_left() const {
  return at_ == 0 ? std::numeric_limits<double>::infinity() : ticks_to_seconds(at_ - now_ticks());
}

void Deadline::check_clock() const {
  // The coarse clock (a few ns through the vDSO, ms resolution) first; the steady clock only near the deadline.
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  const double coarse = double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
  thread_local double coarse_deadline = 0, next_pulse = 0;
  thread_local long long for_deadline = 0;
  if (for_deadline != at_) {  // this deadline in coarse-clock seconds, for this thread
    for_deadline = at_;
    coarse_deadline = coarse + ticks_to_seconds(at_ - now_ticks()) - 0.01;
    next_pulse = coarse + pulse_every_;
  }
  if (pulse_ && coarse >= next_pulse) {
    next_pulse = coarse + pulse_every_;
    const long long now = now_ticks();
    (*pulse_)(ticks_to_seconds(now - start_), ticks_to_seconds(at_ - now));
  }
  if (coarse < coarse_deadline) return;
  const long long now = now_ticks();
  if (now < at_) return;
  throw DeadlineExceeded(fmt::format("stopped after {:.0f} s: the run reached {}", ticks_to_seconds(now - start_), *what_));
}

}  // namespace irverify
