// solvers/sgd/batch_sampler.hpp: without replacement a batch holds B distinct indices below N and every index is
// equally likely to be in it (B/N; 99.9% family-wise over N indices); with replacement the ordered draws are uniform
// and independent (chi-square over the N^2 pairs), also when several draws share a word; the full batch is 0..N-1
// with nothing drawn; a bad B is refused.
#include "solvers/sgd/batch_sampler.hpp"

#include "solvers/ln/label_noise.hpp"
#include "solvers/stats/confidence.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <gtest/gtest.h>

#include <set>

using namespace irverify;

TEST(BatchSampler, SubsetsAreDistinctAndUniformTheFullBatchIsFixed) {
  const int N = 7, B = 3;
  const long draws = 70000;
  BatchSampler s(N, B, BatchSampling::WithoutReplacement);
  CounterStream rng(9, 0, kLabelNoiseDomain);
  std::vector<long> count(N, 0);
  for (long k = 0; k < draws; ++k) {
    const std::vector<std::uint32_t>& b = s.draw(rng);
    ASSERT_EQ(std::set<std::uint32_t>(b.begin(), b.end()).size(), std::size_t(B));
    for (std::uint32_t i : b) ++count[i];
  }
  const double p = double(B) / N, sd = std::sqrt(draws * p * (1 - p));
  for (long c : count) EXPECT_LT(std::abs(c - draws * p) / sd, bonferroni_z999(N));
  BatchSampler full(N, N, BatchSampling::WithoutReplacement);
  CounterStream untouched(9, 0, kLabelNoiseDomain), fresh(9, 0, kLabelNoiseDomain);
  EXPECT_EQ(full.draw(untouched), std::vector<std::uint32_t>({0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(untouched.next_u32(), fresh.next_u32());
  EXPECT_THROW(BatchSampler(N, 0, BatchSampling::WithReplacement), std::invalid_argument);
  EXPECT_THROW(BatchSampler(N, N + 1, BatchSampling::WithoutReplacement), std::invalid_argument);
}

// With replacement: pairs (i_0, i_1) uniform on N^2 = 49 cells; a batch of B = 12 (words shared by three draws of 7,
// 7^3 < 2^24) keeps every position uniform; batch() is the last draw.
TEST(BatchSampler, DrawsWithReplacementAreUniformAndIndependent) {
  const int N = 7;
  BatchSampler pairs(N, 2, BatchSampling::WithReplacement);
  CounterStream rng(4, 1, kLabelNoiseDomain);
  std::vector<long> cell(N * N, 0);
  const long draws = 49000;
  for (long k = 0; k < draws; ++k) {
    const auto& b = pairs.draw(rng);
    ++cell[b[0] * N + b[1]];
  }
  double chi2 = 0;
  for (long c : cell) chi2 += (c - 1000.0) * (c - 1000.0) / 1000.0;
  EXPECT_LT(chi2, boost::math::quantile(boost::math::chi_squared(48), 0.999));
  BatchSampler wide(N, 12, BatchSampling::WithReplacement);
  std::vector<long> last(N, 0), first(N, 0);
  for (long k = 0; k < 14000; ++k) {
    const auto& b = wide.draw(rng);
    ASSERT_EQ(b.size(), 12u);
    ++first[b[0]];
    ++last[b[11]];
    EXPECT_EQ(&wide.batch(), &b);
  }
  const double sd = std::sqrt(14000 * (1.0 / 7) * (6.0 / 7));
  for (int i = 0; i < N; ++i) {
    EXPECT_LT(std::abs(first[i] - 2000) / sd, bonferroni_z999(2 * N)) << i;
    EXPECT_LT(std::abs(last[i] - 2000) / sd, bonferroni_z999(2 * N)) << i;
  }
}
