// The wall-clock deadline of a run (a claim's time budget, `irverify run --budget`), passed down as a value: the long
// loops of the solvers (GD/SGD iterations, Taylor and Odeint flows, Monte Carlo blocks) call check(), which throws
// DeadlineExceeded once it has passed, so no run spins past its budget. A default-constructed Deadline never
// expires. Copies share the message; check() may run on several threads at once. A pulse, when set, is called from
// check() at most every `every` seconds (5 by default) per thread, with the seconds since the start and those left,
// so a loop whose steps are long (one label-noise step over 2^24 examples) still shows progress; the callee limits
// its lines.
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace irverify {

class DeadlineExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Deadline {
 public:
  Deadline() = default;  // none
  // `seconds` (> 0) from now; `what` ends the message ("IGR-1's time budget of 3600 s; raise it with --budget SECONDS").
  Deadline(double seconds, std::string what);
  bool is_set() const { return at_ != 0; }
  using Pulse = std::function<void(double elapsed, double left)>;
  void set_pulse(Pulse pulse, double every = 5) {
    pulse_ = std::make_shared<const Pulse>(std::move(pulse));
    pulse_every_ = every;
  }
  // Seconds left (+infinity when none is set).
  double seconds_left() const;
  // Throws DeadlineExceeded when the deadline has passed. Cheap: one comparison when none is set, else a read of the
  // coarse monotonic clock (a few ns).
  void check() const {
    if (at_ != 0) check_clock();
  }

 private:
  void check_clock() const;
  long long start_ = 0, at_ = 0;  // steady-clock ticks since its epoch; at_ = 0: none
  std::shared_ptr<const std::string> what_;
  std::shared_ptr<const Pulse> pulse_;
  double pulse_every_ = 5;
};

// A deadline checked every `stride` steps of a loop (odeint's checker, STYLE.md lesson 17): iterate() takes one.
struct DeadlineCheck {
  const Deadline* deadline = nullptr;  // none
  long stride = 1;
  void operator()(long step) const {
    if (deadline && step % stride == 0) deadline->check();
  }
  // Examples drawn, at most, between two looks at the clock in a loop over batches (a step over more checks inside).
  static constexpr long kExamples = 8192;
  // For a loop whose steps each draw `batch` examples: a look at the clock at most every kExamples examples drawn and
  // every 1024 steps (every step from B = 8192 on: at B = 2^24 one step takes a fraction of a second in double).
  static DeadlineCheck per_batch(const Deadline* deadline, long batch) {
    return {deadline, std::clamp(kExamples / std::max(1L, batch), 1L, 1024L)};
  }
};

}  // namespace irverify
