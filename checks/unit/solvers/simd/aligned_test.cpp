// solvers/simd/aligned.hpp: AlignedVector's storage starts on a 64-byte cache line whatever its size and type, and
// survives growth and copies; its allocators compare equal.
#include "solvers/simd/aligned.hpp"

#include <gtest/gtest.h>

#include <cstdint>

using namespace irverify;

TEST(Aligned, StorageStartsOnACacheLine) {
  for (std::size_t n : {1u, 3u, 8u, 17u, 1000u}) {
    AlignedVector<double> v(n, 1.5);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % 64, 0u) << n;
    v.resize(3 * n + 1, 2.0);  // reallocation keeps the alignment and the contents
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % 64, 0u) << n;
    EXPECT_EQ(v[n - 1], 1.5);
    EXPECT_EQ(v.back(), 2.0);
    const AlignedVector<double> copy = v;
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(copy.data()) % 64, 0u) << n;
    AlignedVector<int> ints(n);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(ints.data()) % 64, 0u) << n;
  }
  EXPECT_TRUE(CacheAligned<double>() == CacheAligned<int>());
  EXPECT_FALSE(CacheAligned<double>() != CacheAligned<int>());
}
