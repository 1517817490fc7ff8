// solvers/control/run_control.hpp: the run block's defaults (seed 1, one thread, no samples, no deadline, this
// process alone); its progress callback receives every block of a reduction, done and total in samples; the progress
// text and the thread count.
#include "solvers/control/run_control.hpp"

#include "solvers/parallel/block_reduce.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(RunControl, Defaults) {
  const RunControl run;
  EXPECT_EQ(run.seed, 1u);
  EXPECT_EQ(run.samples, 0);
  EXPECT_EQ(run.threads, 1);
  EXPECT_FALSE(run.progress);
  EXPECT_FALSE(run.deadline.is_set());
  EXPECT_EQ(run.group, nullptr);
  EXPECT_GE(hardware_threads(), 1);
}

TEST(RunControl, ProgressReceivesEveryBlock) {
  struct Count {
    long n = 0;
    Count& operator+=(const Count& o) {
      n += o.n;
      return *this;
    }
  };
  long last = 0, total = 0, calls = 0;
  RunControl run(1, 1000, 2);
  run.progress = [&](long done, long all, double secs) {
    EXPECT_GE(secs, 0.0);
    EXPECT_GT(done, last);  // one thread at a time, done increasing
    last = done;
    total = all;
    ++calls;
  };
  const Count got = block_reduce(BlockReduceOptions{run, 64}, Count{}, [] { return [](long, Count& c) { ++c.n; }; });
  EXPECT_EQ(got.n, 1000);
  EXPECT_EQ(calls, 16);  // ceil(1000 / 64) blocks
  EXPECT_EQ(last, 1000);
  EXPECT_EQ(total, 1000);
}

TEST(RunControl, ProgressText) {
  EXPECT_EQ(progress_text(41, 100, 2.0, "samples"), "41% of 100 samples, 20.5 samples/s, about 3 s left");
  EXPECT_EQ(progress_text(0, 0, 0.0, "epochs"), "0% of 0 epochs, 0 epochs/s, about 0 s left");
}
