// SGD-4 (Smith et al. 2021, Sec. 4; CLAIMS.md): exactly (1/m) sum_k ||g_k||^2 = ||g||^2 + (1/m) sum_k ||g_k - g||^2;
// over a uniformly random partition into batches of size B, E[(1/m) sum_k ||g_k - g||^2] = (N - B)/(B (N - 1)) Gamma,
// Gamma = (1/N) sum_i ||grad l_i - g||^2, so the implicit regularizer scales as eps/B for B << N.
// Exact by enumerating every partition where there are at most kExactPartitions, Monte Carlo (kPartitionSamples
// random partitions, 99.9% interval) beyond. Control: the formula with N in place of N - 1 must be rejected.
#pragma once


#include "checks/framework/claim.hpp"
#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr long long kExactPartitions = 200000;
inline constexpr long kPartitionSamples = 20000;
inline constexpr std::uint64_t kPartitionSeed = 1;

template <class S> Case sgd_batch_size_case(const RunContext& ctx, const ProblemSpec& spec);

std::vector<ProblemSpec> sgd_batch_size_problems();

}  // namespace irverify
