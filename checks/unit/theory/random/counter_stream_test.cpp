// theory/random/counter_stream.hpp: the n-th draw is a pure function of (seed, stream, domain, n); the random domains,
// each declared by the code that draws from it, are listed here and must be distinct; uniform() is on [0, 1) with 53
// bits, below(n) and bounded_batch uniform (chi-square at the 99.9% point), normal() standard; run indices from 2^32 on
// are refused.
#include "theory/random/counter_stream.hpp"

#include "solvers/ln/label_noise.hpp"
#include "solvers/ln/uv_balance.hpp"
#include "solvers/rank/weight_decay_sgd.hpp"
#include "solvers/sgd/monte_carlo.hpp"
#include "solvers/sgd/partitions.hpp"
#include "solvers/sgd/shuffling.hpp"
#include "solvers/stability/linear_growth.hpp"
#include "solvers/stability/lyapunov.hpp"
#include "solvers/stability/return_fraction.hpp"
#include "solvers/stability/selection.hpp"
#include "solvers/stability/trace_search.hpp"
#include "solvers/stats/confidence.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

using namespace irverify;

// Every domain of the suite, each declared by the code that draws from it.
TEST(CounterStream, EveryRandomDomainIsDistinct) {
  const std::map<std::string, std::uint32_t> domains = {
      {"kGeneratorDomain (theory/problem/generator)", kGeneratorDomain},
      {"kSgdOrderDomain (solvers/sgd/shuffling)", kSgdOrderDomain},
      {"kPartitionDomain (solvers/sgd/partitions)", kPartitionDomain},
      {"kWithReplacementDomain (solvers/sgd/monte_carlo)", kWithReplacementDomain},
      {"kStabilityDomain (solvers/stability/linear_growth)", kStabilityDomain},
      {"kTraceSearchDomain (solvers/stability/trace_search)", kTraceSearchDomain},
      {"kSelectionStartDomain (solvers/stability/selection)", kSelectionStartDomain},
      {"kSelectionBatchDomain (solvers/stability/selection)", kSelectionBatchDomain},
      {"kLyapunovDomain (solvers/stability/lyapunov)", kLyapunovDomain},
      {"kReturnStartDomain (solvers/stability/return_fraction)", kReturnStartDomain},
      {"kReturnBatchDomain (solvers/stability/return_fraction)", kReturnBatchDomain},
      {"kLabelNoiseDomain (solvers/ln/label_noise)", kLabelNoiseDomain},
      {"kWeightDecayDomain (solvers/rank/weight_decay_sgd)", kWeightDecayDomain},
      {"kMomentumGrowthDomain (solvers/stability/momentum_threshold)", kMomentumGrowthDomain},
      {"kLwaDomain (solvers/ln/uv_balance)", kLwaDomain}};
  std::map<std::uint32_t, std::string> owner;
  for (const auto& [name, d] : domains) {
    const auto [it, fresh] = owner.emplace(d, name);
    EXPECT_TRUE(fresh) << name << " takes domain " << d << ", which " << it->second << " has";
  }
  // Distinct domains are distinct streams: the first words of stream 0 under one seed differ.
  std::set<std::uint32_t> first;
  for (const auto& [name, d] : domains) first.insert(CounterStream(7, 0, d).next_u32());
  EXPECT_EQ(first.size(), domains.size());
}

TEST(CounterStream, DrawsArePureFunctionsOfSeedStreamDomainAndIndex) {
  CounterStream a(3, 5, kStabilityDomain), b(3, 5, kStabilityDomain);
  std::vector<std::uint32_t> wa(10), wb(10);
  for (auto& w : wa) w = a.next_u32();
  for (auto& w : wb) w = b.next_u32();
  EXPECT_EQ(wa, wb);
  // Any change of seed, stream or domain gives other words.
  for (const CounterStream& o : {CounterStream(4, 5, kStabilityDomain), CounterStream(3, 6, kStabilityDomain),
                                 CounterStream(3, 5, kLyapunovDomain), CounterStream(std::uint64_t{3} | (std::uint64_t{1} << 40), 5, kStabilityDomain)}) {
    CounterStream c = o;
    int same = 0;
    for (int k = 0; k < 10; ++k) same += c.next_u32() == wa[k];
    EXPECT_LE(same, 1);
  }
  // The default domain is the generator's.
  CounterStream g(3, 5), h(3, 5, kGeneratorDomain);
  EXPECT_EQ(g.next_u32(), h.next_u32());
}

TEST(CounterStream, UniformBelowAndNormalHaveTheirLaws) {
  CounterStream rng(11, 2, kStabilityDomain);
  const long n = 60000;
  double sum = 0, sumsq = 0, zsum = 0, zsq = 0;
  for (long k = 0; k < n; ++k) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    EXPECT_EQ(std::ldexp(u, 53), std::floor(std::ldexp(u, 53)));  // a multiple of 2^-53
    sum += u;
    sumsq += u * u;
    const double z = rng.normal();
    zsum += z;
    zsq += z * z;
  }
  // Mean 1/2 (sd 1/sqrt(12 n)) and E u^2 = 1/3; normal mean 0 and variance 1 (sd sqrt(2/n)); 99.9% two-sided.
  EXPECT_LT(std::abs(sum / n - 0.5) * std::sqrt(12.0 * n), kZ999);
  EXPECT_LT(std::abs(zsum / n) * std::sqrt(double(n)), kZ999);
  EXPECT_LT(std::abs(zsq / n - 1) / std::sqrt(2.0 / n), kZ999);
  EXPECT_NEAR(sumsq / n, 1.0 / 3, 4 * std::sqrt(4.0 / 45 / n));  // Var(u^2) = 1/5 - 1/9
  std::vector<long> count(7, 0);
  for (long k = 0; k < 70000; ++k) ++count[rng.below(7)];
  for (long c : count) EXPECT_LT(std::abs(c - 10000) / std::sqrt(70000 * (1.0 / 7) * (6.0 / 7)), bonferroni_z999(7));
  for (int k = 0; k < 100; ++k) EXPECT_EQ(rng.below(1), 0u);
  EXPECT_EQ(run_stream(7, "test"), 7u);
  EXPECT_EQ(run_stream((std::uint64_t{1} << 32) - 1, "test"), 0xffffffffu);
  EXPECT_THROW(run_stream(std::uint64_t{1} << 32, "test"), std::invalid_argument);
}

// bounded_batch on a CounterStream (Lemire's multiply-shift with rejection, several draws to a word), the label-noise
// batch draw. Chi-square tests at the 99.9% point (Boost.Math): single draws on 6 cells, and the joint law of batches
// (6, 5, 4) from one word on 120 cells (independence and uniformity at once), 60,000 draws each. It stays in range for
// n = 1 and for n = 2^31 + 1, where about half the words are rejected, and a batch whose product is 2^32 (no rejection)
// splits a word into its bits.
namespace {
template <class Draw> double counter_stream_chi_square(int cells, long draws, Draw draw) {
  std::vector<long> count(cells, 0);
  for (long k = 0; k < draws; ++k) ++count[draw()];
  const double e = double(draws) / cells;
  double chi2 = 0;
  for (long c : count) chi2 += (c - e) * (c - e) / e;
  return chi2;
}
double chi2_999(int df) { return boost::math::quantile(boost::math::chi_squared(df), 0.999); }
}  // namespace

TEST(CounterStream, BoundedDrawIsUniform) {
  CounterStream rng(5, 0, kLabelNoiseDomain);
  std::uint32_t x[3];
  const std::uint32_t six = 6, n3[3] = {6, 5, 4};
  EXPECT_LT(counter_stream_chi_square(6, 60000, [&] { return bounded_batch(rng, &six, 1, 6, x), int(x[0]); }), chi2_999(5));
  EXPECT_LT(counter_stream_chi_square(120, 60000, [&] { return bounded_batch(rng, n3, 3, 120, x), int(x[0] * 20 + x[1] * 4 + x[2]); }),
            chi2_999(119));
  const std::uint32_t one = 1;
  for (int k = 0; k < 100; ++k) EXPECT_EQ((bounded_batch(rng, &one, 1, 1, x), x[0]), 0u);
  const std::uint32_t big = (1u << 31) + 1;
  long upper = 0;
  for (int k = 0; k < 4000; ++k) {
    bounded_batch(rng, &big, 1, big, x);
    ASSERT_LT(x[0], big);
    upper += x[0] >= big / 2;
  }
  EXPECT_NEAR(upper / 4000.0, 0.5, 4 * 0.5 / std::sqrt(4000.0));
  const std::uint32_t bits[4] = {256, 256, 256, 256};  // P = 2^32: the digits are the word's bytes, high first
  CounterStream a(5, 1, kLabelNoiseDomain), b(5, 1, kLabelNoiseDomain);
  std::uint32_t y[4];
  bounded_batch(a, bits, 4, std::uint64_t{1} << 32, y);
  const std::uint32_t w = b.next_u32();
  for (int j = 0; j < 4; ++j) EXPECT_EQ(y[j], (w >> (24 - 8 * j)) & 0xffu);
}

// Sub-seeds are keyed by (seed, purpose, index), never by seed arithmetic: over seeds 1..256, the purposes the claims
// use and indices 0..15, every derived key is distinct, none is a run seed of the range (so seeds s and s + 1 share
// no stream family), none is 0, and each is a pure function of its three arguments.
TEST(CounterStream, SubSeedsShareNoStreamAcrossSeedsPurposesAndIndices) {
  const char* purposes[] = {"LN-1 nonlinear process", "LN-2 sigma level", "LN-3 level", "LN-4 level", "RANK-2 grid point",
                            "RANK-3 plan point", "RANK-4 batch", "RANK-5 batch", "RANK-5 control", "RANK-4 whitened problem"};
  std::set<std::uint64_t> keys;
  std::size_t made = 0;
  for (std::uint64_t s = 1; s <= 256; ++s)
    for (const char* p : purposes)
      for (std::uint64_t k = 0; k < 16; ++k, ++made) {
        const std::uint64_t key = sub_seed(s, p, k);
        EXPECT_NE(key, 0u);
        EXPECT_FALSE(key >= 1 && key <= 256 + 16) << p << " " << s << " " << k;
        keys.insert(key);
      }
  EXPECT_EQ(keys.size(), made);
  EXPECT_EQ(sub_seed(7, "LN-3 level", 2), sub_seed(7, "LN-3 level", 2));
  EXPECT_NE(sub_seed(7, "LN-3 level", 2), sub_seed(8, "LN-3 level", 1));  // (s, k + 1) and (s + 1, k) are unrelated
}
