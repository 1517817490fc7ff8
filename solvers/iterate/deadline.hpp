// A wall-clock deadline for the long loops of the solvers (GD/SGD iterations, Taylor and Odeint flows, Monte Carlo
// blocks). The claim framework sets it for a claim run (its time budget); every long loop calls check_deadline(),
// which throws DeadlineExceeded once the deadline has passed, so no run spins past its budget. Process-wide: one
// claim runs at a time; the loops may run on several threads.
#pragma once

#include <stdexcept>
#include <string>

namespace irverify {

class DeadlineExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Sets the deadline `seconds` from now (seconds > 0); `what` ends the message ("the time budget of 3600 s; raise it
// with --budget SECONDS").
void set_deadline(double seconds, const std::string& what);
void clear_deadline();
// Seconds left before the deadline (+infinity when none is set).
double seconds_left();
// Throws DeadlineExceeded when the deadline has passed. Cheap: one relaxed atomic load when none is set, else a read
// of the coarse monotonic clock (a few ns).
void check_deadline();

// Clears the deadline when it goes out of scope (a claim run that throws leaves none behind).
struct ScopedDeadline {
  ScopedDeadline(double seconds, const std::string& what) { set_deadline(seconds, what); }
  ~ScopedDeadline() { clear_deadline(); }
  ScopedDeadline(const ScopedDeadline&) = delete;
  ScopedDeadline& operator=(const ScopedDeadline&) = delete;
};

}  // namespace irverify
