#include "solvers/parallel/progress.hpp"

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

}  // namespace irverify
