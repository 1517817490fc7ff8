#include "solvers/control/run_control.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace irverify {

int hardware_threads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

std::string progress_text(long done, long total, double seconds, const std::string& unit) {
  const double rate = done / std::max(seconds, 1e-9);
  return fmt::format("{:.0f}% of {} {}, {:.3g} {}/s, about {:.0f} s left", 100.0 * done / std::max(total, 1L), total, unit,
                     rate, unit, (total - done) / std::max(rate, 1e-300));
}

}  // namespace irverify
