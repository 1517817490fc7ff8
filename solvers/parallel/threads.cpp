#include "solvers/parallel/threads.hpp"

#include "solvers/parallel/process_group.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>

namespace irverify {

namespace {
std::atomic<int>& setting() {
  static std::atomic<int> n{0};  // 0: every core
  return n;
}
}  // namespace

int worker_threads() {
  const int n = setting().load();
  return n > 0 ? n : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

void set_worker_threads(int n) {
  if (n < 0) throw std::invalid_argument("worker threads must be >= 1 (0: every core)");
  setting().store(n);
}

namespace {
std::shared_ptr<const ProcessGroup>& group() {
  static std::shared_ptr<const ProcessGroup> g;
  return g;
}
}  // namespace

void set_process_group(std::shared_ptr<const ProcessGroup> g) { group() = std::move(g); }
const ProcessGroup* process_group() { return group() && group()->size() > 1 ? group().get() : nullptr; }

}  // namespace irverify
