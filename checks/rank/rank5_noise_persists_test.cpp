// RANK-5 (CLAIMS.md): with weight decay SGD keeps moving and GD converges; lambda = 0 at an interpolating start stays put.
#include "checks/rank/rank5_noise_persists.hpp"

#include "checks/framework/claim.hpp"
#include "theory/problem/problem_io.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Rank5NoisePersists, SgdKeepsMovingGdConvergesAndTheInterpolatingControlIsRefuted) {
  Rank5Measurement<double> r;
  const Case c = rank_noise_case<double>(claim_context("RANK-5", 32), rank5_problems()[0], &r);
  EXPECT_TRUE(c.pass);
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
  ASSERT_FALSE(r.schemes.empty());
  EXPECT_EQ(r.schemes[0].B, 1);
  EXPECT_GT(r.schemes[0].steps.b.mean, 1e-3);  // the mean step of B = 1 over the window's second half
}

TEST(Rank5NoisePersists, RefusesAStartThatDoesNotInterpolate) {
  ProblemSpec s = rank5_problems()[0];
  s.theta0[0] = "0.5";
  EXPECT_THROW(rank_noise_case<double>(claim_context("RANK-5", 4), s), ProblemError);
}

// The RANK claims' user file (checks/data) is interpolating_problem(5) written out (its JSON is printed on a mismatch).
TEST(Rank5NoisePersists, UserFileIsTheGeneratorsOutput) {
  const ProblemSpec f = read_problem_file(IRVERIFY_TEST_DATA "/rank_whitened_interpolating.json"), g = interpolating_problem(5);
  EXPECT_TRUE(f.data == g.data && f.theta0 == g.theta0 && f.h0 == g.h0 && f.weight_decay == g.weight_decay &&
              f.hidden == g.hidden && f.outputs == g.outputs)
      << g.to_json().dump();
}

// The whole record (volatile timings aside) is the same with 1 and 3 worker threads (irverify run --threads).
TEST(Rank5NoisePersists, RecordIsTheSameForAnyThreadCount) {
  const auto record = [](int threads) {
    RunSettings opt;
    opt.threads = threads;
    nlohmann::json r = run_claim("RANK-5", opt);
    for (auto& c : r["cases"]) c.erase("seconds");
    for (const char* k : {"wall_time_s", "provenance", "threads"}) r.erase(k);
    return r.dump();
  };
  const std::string one = record(1), three = record(3);
  EXPECT_EQ(one, three);
}
