#include "solvers/iterate/deadline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <chrono>
#include <limits>
#include <mutex>

namespace irverify {

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<long long> g_deadline{0};  // Clock ticks since its epoch; 0 = no deadline
long long g_start = 0;
std::string g_what;
std::mutex g_mutex;  // guards g_start, g_what

long long now_ticks() { return Clock::now().time_since_epoch().count(); }
double ticks_to_seconds(long long t) { return std::chrono::duration<double>(Clock::duration(t)).count(); }

}  // namespace

void set_deadline(double seconds, const std::string& what) {
  if (!(seconds > 0)) throw std::invalid_argument("set_deadline: the time budget must be positive");
  std::lock_guard<std::mutex> lock(g_mutex);
  g_what = what;
  g_start = now_ticks();
  const double ticks = seconds * double(Clock::period::den) / double(Clock::period::num);  // in double: no overflow
  const double max = static_cast<double>(std::numeric_limits<long long>::max() / 2);
  g_deadline.store(g_start + static_cast<long long>(std::min(ticks, max)), std::memory_order_relaxed);
}

void clear_deadline() { g_deadline.store(0, std::memory_order_relaxed); }

double seconds_left() {
  const long long d = g_deadline.load(std::memory_order_relaxed);
  return d == 0 ? std::numeric_limits<double>::infinity() : ticks_to_seconds(d - now_ticks());
}

void check_deadline() {
  const long long d = g_deadline.load(std::memory_order_relaxed);
  if (d == 0) return;
  // The coarse clock (a few ns through the vDSO, ms resolution) first; the steady clock only near the deadline.
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  const double coarse = double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
  thread_local double coarse_deadline = 0;
  thread_local long long for_deadline = 0;
  if (for_deadline != d) {  // the deadline in coarse-clock seconds, for this thread
    for_deadline = d;
    coarse_deadline = coarse + ticks_to_seconds(d - now_ticks()) - 0.01;
  }
  if (coarse < coarse_deadline) return;
  const long long now = now_ticks();
  if (now < d) return;
  std::lock_guard<std::mutex> lock(g_mutex);
  throw DeadlineExceeded(fmt::format("stopped after {:.0f} s: the run reached {}", ticks_to_seconds(now - g_start), g_what));
}

}  // namespace irverify
