// reports/record/record_compare: the reference comparison sees a changed digit, a changed verdict and a Monte Carlo
// estimate moved beyond its noise, and ignores timings, provenance and in-noise Monte Carlo differences.
#include "reports/record/record_compare.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace irverify;
using json = nlohmann::json;

namespace {
json compare_test_record() {
  return json::parse(R"({
    "claim": "X-1", "verdict": "pass", "wall_time_s": 1.5, "provenance": {"date_utc": "a"},
    "cases": [{
      "seconds": 0.25,
      "series": [{"name": "mc", "role": "claim", "claimed_order": 2, "errors": ["1.0e-3", "2.5e-4"],
                  "sigma": [1e-5, 1e-5], "fit": {"ok": true, "slope": 2.0, "slope_stderr": 0.01}}],
      "tables": [{"title": "t", "columns": ["eta*", "seconds"], "rows": [["0.1234567890123", "0.5"]]}],
      "eta_star": "0.38320000000000000000000000000000000000000000000001",
      "rate": 0.125}]})");
}
}  // namespace

TEST(RecordCompare, IdenticalAndVolatileOnlyChangesAreTheSame) {
  json b = compare_test_record();
  b["wall_time_s"] = 99.0;
  b["provenance"]["date_utc"] = "b";
  b["cases"][0]["seconds"] = 7.0;
  b["cases"][0]["tables"][0]["rows"][0][1] = "9.9";  // the "seconds" column
  b["cases"][0]["series"][0]["errors"][0] = "1.00002e-3";  // 1.4 sigma of the difference: noise
  const RecordComparison c = compare_records(compare_test_record(), b);
  EXPECT_TRUE(c.same()) << (c.differences.empty() ? "" : c.differences[0]);
  EXPECT_GT(c.skipped, 0);
  EXPECT_GT(c.statistical, 0);
}

TEST(RecordCompare, ALastDigitAVerdictAndANoisyShiftDiffer) {
  json b = compare_test_record();
  b["cases"][0]["eta_star"] = "0.38320000000000000000000000000000000000000000000002";
  EXPECT_FALSE(compare_records(compare_test_record(), b).same());
  b = compare_test_record();
  b["verdict"] = "fail";
  EXPECT_FALSE(compare_records(compare_test_record(), b).same());
  b = compare_test_record();
  b["cases"][0]["series"][0]["errors"][1] = "3.5e-4";  // 7 sigma of the difference
  EXPECT_FALSE(compare_records(compare_test_record(), b).same());
  b = compare_test_record();
  b["cases"][0]["tables"][0]["rows"][0][0] = "0.1234567890124";
  EXPECT_FALSE(compare_records(compare_test_record(), b).same());
  b = compare_test_record();
  b["cases"][0]["rate"] = 0.125000001;
  EXPECT_FALSE(compare_records(compare_test_record(), b).same());
  b = compare_test_record();
  b["cases"][0].erase("rate");
  EXPECT_FALSE(compare_records(compare_test_record(), b).same());
}

TEST(RecordCompare, ExactModeHasNoTolerancesButStillSkipsTimings) {
  json b = compare_test_record();
  b["wall_time_s"] = 99.0;
  b["threads"] = 3;
  b["cases"][0]["tables"][0]["rows"][0][1] = "9.9";  // the "seconds" column
  EXPECT_TRUE(compare_records(compare_test_record(), b, {true, false}).same());
  json noisy = b;
  noisy["cases"][0]["series"][0]["errors"][0] = "1.00002e-3";  // within the noise: the same by default only
  EXPECT_TRUE(compare_records(compare_test_record(), noisy).same());
  EXPECT_FALSE(compare_records(compare_test_record(), noisy, {true, false}).same());
  json ulp = b;
  ulp["cases"][0]["rate"] = std::nextafter(0.125, 1.0);  // one ulp: within 64 eps by default only
  EXPECT_TRUE(compare_records(compare_test_record(), ulp).same());
  EXPECT_FALSE(compare_records(compare_test_record(), ulp, {true, false}).same());
}

// A fresh record cannot widen its own tolerance (its sigma counts at most as twice the reference's), integers
// compare with their signs (2^64 - 1 is not -1), and shapes the typed rules do not know are compared node by node
// (a series or table of another shape, on one side only, is a difference, never a crash).
TEST(RecordCompare, FreshSigmaSignsAndOddShapes) {
  json b = compare_test_record();
  b["cases"][0]["series"][0]["sigma"] = {1e308, 1e308};
  b["cases"][0]["series"][0]["errors"][1] = "3.5e-4";
  EXPECT_FALSE(compare_records(compare_test_record(), b).same());
  json u = compare_test_record(), v = compare_test_record();
  u["seed"] = std::numeric_limits<std::uint64_t>::max();
  v["seed"] = -1;
  EXPECT_FALSE(compare_records(u, v).same());
  EXPECT_FALSE(compare_records(v, u).same());
  v["seed"] = std::numeric_limits<std::uint64_t>::max();
  EXPECT_TRUE(compare_records(u, v).same());
  json odd = compare_test_record();
  odd["cases"][0]["series"][0]["errors"] = {"abc", "2.5e-4"};  // not numbers: no Monte Carlo series
  odd["cases"][0]["extra"] = {{"sigma", {1.0}}, {"errors", {"x"}}};
  odd["cases"][0]["tables"][0]["rows"] = {{1, 2}};
  EXPECT_NO_THROW({
    EXPECT_FALSE(compare_records(compare_test_record(), odd).same());
    EXPECT_FALSE(compare_records(odd, compare_test_record()).same());
  });
}
