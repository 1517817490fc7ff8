// Partitions of N examples into m = N/B unordered batches of size B (CLAIMS.md SGD-4).
// There are N! / ((B!)^m m!) of them; for_each_partition visits each once (the batch holding the smallest
// unassigned example is chosen next, so no partition is produced twice). random_partition draws one uniformly
// (Fisher-Yates on the counter-based stream (seed, sample, domain 2), then consecutive blocks).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace irverify {

inline constexpr std::uint32_t kPartitionDomain = 2;  // random_partition

using Blocks = std::vector<std::vector<int>>;

// Number of partitions, or -1 if it exceeds 2^62.
long long partition_count(int n, int b);

void for_each_partition(int n, int b, const std::function<void(const Blocks&)>& visit);

Blocks random_partition(int n, int b, std::uint64_t seed, std::uint64_t sample);

}  // namespace irverify
