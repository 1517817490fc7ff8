// solvers/control/deadline.hpp: a deadline stops long loops once its time has passed (strided checks only at their
// steps), says what ran out, is none by default (never expires), refuses a budget that is not positive and survives
// an enormous one; copies share it.
#include "solvers/control/deadline.hpp"

#include "solvers/iterate/iterate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <ctime>
#include <limits>

using namespace irverify;

TEST(Deadline, StopsAnIterationAtItsBudgetAndIsGoneAfterTheRun) {
  Vec<double> x = Vec<double>::Ones(2);
  auto step = [](Vec<double>& v) { v *= 0.5; v.array() += 0.5; };  // stays finite forever
  const Deadline d(0.05, "the test's budget");
  EXPECT_THROW(iterate(step, x, std::numeric_limits<long>::max(), DeadlineCheck{&d, 16}), DeadlineExceeded);
  EXPECT_TRUE(std::isinf(Deadline().seconds_left()));
  EXPECT_NO_THROW(iterate(step, x, 1000));  // no deadline: never stopped
}

TEST(Deadline, MessageSaysWhatRanOut) {
  const Deadline d(1e-6, "X's time budget of 1e-06 s");
  while (d.seconds_left() > 0) {
  }
  try {
    for (;;) d.check();
  } catch (const DeadlineExceeded& e) {
    EXPECT_NE(std::string(e.what()).find("the run reached X's time budget of 1e-06 s"), std::string::npos) << e.what();
  }
}

TEST(Deadline, NoneSetBadBudgetsAndStrides) {
  const Deadline none;
  EXPECT_FALSE(none.is_set());
  EXPECT_NO_THROW(none.check());
  for (const double bad : {0.0, -1.0, std::nan("")}) EXPECT_THROW(Deadline(bad, "x"), std::invalid_argument) << bad;
  const Deadline far(1e30, "a long budget");  // no overflow of the clock's ticks
  EXPECT_TRUE(far.is_set());
  EXPECT_GT(far.seconds_left(), 1e6);
  EXPECT_NO_THROW(far.check());
  const Deadline d(1e-6, "gone");
  while (d.seconds_left() > 0) {
  }
  const Deadline copy = d;  // copies share the deadline and its message
  EXPECT_THROW(copy.check(), DeadlineExceeded);
  const DeadlineCheck every4{&d, 4};
  EXPECT_NO_THROW(every4(1));
  EXPECT_NO_THROW(every4(3));
  EXPECT_THROW(every4(8), DeadlineExceeded);  // only at multiples of the stride
  EXPECT_NO_THROW(DeadlineCheck{}(0));         // none
}

// A loop of long steps still shows progress: the pulse is called from check() every `every` seconds per thread.
TEST(Deadline, PulseSpeaksWhileALoopRuns) {
  Deadline d(10, "the test's budget");
  int pulses = 0;
  double last_elapsed = 0, last_left = 0;
  d.set_pulse([&](double elapsed, double left) { ++pulses, last_elapsed = elapsed, last_left = left; }, 0.02);
  const Deadline copy = d;  // copies share the pulse
  timespec start{}, now{};
  clock_gettime(CLOCK_MONOTONIC_COARSE, &start);
  do {
    copy.check();
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
  } while (double(now.tv_sec - start.tv_sec) + 1e-9 * double(now.tv_nsec - start.tv_nsec) < 0.2);
  EXPECT_GE(pulses, 3);
  EXPECT_LE(pulses, 11);  // at most one per 0.02 s (the coarse clock's ticks may merge two)
  EXPECT_GT(last_elapsed, 0.1);
  EXPECT_NEAR(last_elapsed + last_left, 10, 0.05);
}
