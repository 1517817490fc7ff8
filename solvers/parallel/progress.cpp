#include "solvers/parallel/progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

namespace irverify {

namespace {
struct Sink {
  std::mutex mutex;
  ProgressSink f;
};
Sink& sink() {
  static Sink s;
  return s;
}
}  // namespace

void set_progress_sink(ProgressSink f) {
  std::lock_guard<std::mutex> lock(sink().mutex);
  sink().f = std::move(f);
}

void report_progress(long done, long total, double seconds) {
  std::lock_guard<std::mutex> lock(sink().mutex);
  if (sink().f) sink().f(done, total, seconds);
}

std::string progress_text(long done, long total, double seconds, const std::string& unit) {
  const double rate = done / std::max(seconds, 1e-9);
  return fmt::format("{:.0f}% of {} {}, {:.3g} {}/s, about {:.0f} s left", 100.0 * done / std::max(total, 1L), total, unit,
                     rate, unit, (total - done) / std::max(rate, 1e-300));
}

}  // namespace irverify
