// solvers/sgd/random_orders.hpp: eight Philox4x32-10 blocks side by side (the kernel table's philox8) give
// Random123's bits on every ISA; RandomOrders gives random_order's orders bit for bit, for every m through 40, groups
// of 1 to 8 samples, several seeds, and for a group in which one sample rejects a word.
#include "solvers/sgd/random_orders.hpp"

#include "solvers/sgd/shuffling.hpp"
#include "solvers/simd/views.hpp"
#include "theory/random/counter_stream.hpp"

#include <Random123/philox.h>
#include <gtest/gtest.h>

#include <vector>

using namespace irverify;

TEST(RandomOrders, Philox8IsRandom123OnEveryIsa) {
  std::uint32_t ctr[32], out[32];
  for (int l = 0; l < 8; ++l)  // counters with high bits, carries and zeros
    for (int w = 0; w < 4; ++w) ctr[w * 8 + l] = static_cast<std::uint32_t>(0x9E3779B9u * (l + 1) * (w + 3) ^ (l == 7 ? ~0u : 0u));
  const std::uint64_t key = 0xFEDCBA9876543210ull;
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    if (!isa_supported(isa)) continue;
    kernel_table(isa, "test").philox8(ctr, static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32), out);
    for (int l = 0; l < 8; ++l) {
      const r123::Philox4x32::ctr_type c = {{ctr[l], ctr[8 + l], ctr[16 + l], ctr[24 + l]}};
      const r123::Philox4x32::key_type k = {{static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
      const auto r = r123::Philox4x32()(c, k);
      for (int w = 0; w < 4; ++w) EXPECT_EQ(out[w * 8 + l], r.v[w]) << isa_name(isa) << " block " << l << " word " << w;
    }
  }
}

TEST(RandomOrders, AreRandomOrderBitForBit) {
  for (int m = 1; m <= 40; ++m) {
    RandomOrders draws(m, best_isa());
    std::vector<int> got(8 * static_cast<std::size_t>(m));
    for (std::uint64_t seed : {1ull, 2ull, 0xFFFFFFFFFFFFull})
      for (int count = 1; count <= 8; ++count) {
        const std::uint64_t first = 1000 * static_cast<std::uint64_t>(count) + seed % 7;
        draws.draw(seed, first, count, got.data());
        for (int s = 0; s < count; ++s)
          ASSERT_EQ(std::vector<int>(got.begin() + s * m, got.begin() + (s + 1) * m), random_order(m, seed, first + s))
              << "m " << m << " seed " << seed << " sample " << first + s;
      }
  }
}

// Seed 5, sample 23477 of m = 1000 rejects a word (at n = 534: 325 < 2^32 mod 534 = 490), found by search: the
// sample leaves the plain path, and its group of eight still equals random_order.
TEST(RandomOrders, AreRandomOrderBitForBitThroughARejection) {
  const int m = 1000;
  const std::uint64_t seed = 5, rejecting = 23477;
  CounterStream words(seed, static_cast<std::uint32_t>(rejecting), kSgdOrderDomain);
  bool rejects = false;
  for (std::uint32_t n = m; n > 1 && !rejects; --n) rejects = words.next_u32() < (0u - n) % n;  // below 2^32 mod n
  ASSERT_TRUE(rejects) << "the test's premise";
  for (Isa isa : {Isa::Sse2, Isa::Avx512}) {
    if (!isa_supported(isa)) continue;
    RandomOrders draws(m, isa);
    std::vector<int> got(8 * m);
    draws.draw(seed, rejecting - 3, 8, got.data());
    for (int s = 0; s < 8; ++s)
      EXPECT_EQ(std::vector<int>(got.begin() + s * m, got.begin() + (s + 1) * m), random_order(m, seed, rejecting - 3 + s))
          << isa_name(isa) << " sample " << rejecting - 3 + s;
  }
}

TEST(RandomOrders, RefusesBadArguments) {
  EXPECT_THROW(RandomOrders(0, Isa::Sse2), std::invalid_argument);
  RandomOrders draws(4, Isa::Sse2);
  std::vector<int> out(36);
  EXPECT_THROW(draws.draw(1, 0, 0, out.data()), std::invalid_argument);
  EXPECT_THROW(draws.draw(1, 0, 9, out.data()), std::invalid_argument);
  EXPECT_THROW(draws.draw(1, (1ull << 32) - 2, 3, out.data()), std::invalid_argument);
  EXPECT_NO_THROW(draws.draw(1, (1ull << 32) - 2, 2, out.data()));
}
