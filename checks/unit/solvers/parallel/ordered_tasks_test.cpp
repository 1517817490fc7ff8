// solvers/parallel/ordered_tasks.hpp: results taken in task order for any number of jobs; a failure stops the
// hand-out, the tasks before it are taken and the lowest failing task's exception is rethrown.
#include "solvers/parallel/ordered_tasks.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace irverify;

namespace {
// Task i sleeps (i * 7) % 5 ms so that tasks finish out of order; its result is i * i.
long slow_square(long i) {
  std::this_thread::sleep_for(std::chrono::milliseconds((i * 7) % 5));
  return i * i;
}
}  // namespace

TEST(OrderedTasks, TakesInTaskOrderForAnyJobs) {
  for (int jobs : {1, 2, 5, 40}) {
    std::vector<long> seen;
    ordered_tasks<long>(jobs, 23, slow_square, [&](long i, long r) {
      EXPECT_EQ(i, static_cast<long>(seen.size()));
      seen.push_back(r);
    });
    ASSERT_EQ(seen.size(), 23u) << jobs;
    for (long i = 0; i < 23; ++i) EXPECT_EQ(seen[i], i * i) << jobs;
  }
  EXPECT_THROW(ordered_tasks<long>(0, 3, slow_square, [](long, long) {}), std::invalid_argument);
}

TEST(OrderedTasks, AFailureTakesTheTasksBeforeItAndRethrowsTheLowest) {
  for (int jobs : {1, 3}) {
    std::vector<long> seen;
    try {
      ordered_tasks<long>(
          jobs, 40,
          [](long i) {
            if (i == 9 || i == 11) throw std::runtime_error("task " + std::to_string(i));
            return slow_square(i);
          },
          [&](long i, long) { seen.push_back(i); });
      ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()), "task 9") << jobs;
    }
    ASSERT_EQ(seen.size(), 9u) << jobs;
    for (long i = 0; i < 9; ++i) EXPECT_EQ(seen[i], i);
  }
}

TEST(OrderedTasks, AFailingTakeStopsTheRun) {
  long taken = 0;
  EXPECT_THROW(ordered_tasks<long>(2, 30, slow_square,
                                   [&](long i, long) {
                                     if (i == 4) throw std::logic_error("take");
                                     ++taken;
                                   }),
               std::logic_error);
  EXPECT_EQ(taken, 4);
}
