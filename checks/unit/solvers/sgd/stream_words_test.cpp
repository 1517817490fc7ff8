// solvers/sgd/stream_words.hpp: StreamWords gives CounterStream's words, in order, on every ISA, for seeds with high
// bits, several streams and domains, across many refills and after a reset; and bounded_batch draws from it what it
// draws from CounterStream.
#include "solvers/sgd/stream_words.hpp"

#include "theory/random/counter_stream.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using namespace irverify;

TEST(StreamWords, AreCounterStreamsWordsOnEveryIsa) {
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    if (!isa_supported(isa)) continue;
    StreamWords w(isa);
    for (std::uint64_t seed : {1ull, 0xFEDCBA9876543210ull})
      for (std::uint32_t stream : {0u, 7u, 0xFFFFFFFFu})
        for (std::uint32_t domain : {0u, 11u}) {
          w.reset(seed, stream, domain);
          CounterStream c(seed, stream, domain);
          for (int i = 0; i < 1000; ++i)  // 31 refills and a part
            ASSERT_EQ(w.next_u32(), c.next_u32()) << isa_name(isa) << " seed " << seed << " stream " << stream << " word " << i;
        }
  }
}

TEST(StreamWords, BoundedBatchDrawsAsFromCounterStream) {
  StreamWords w(0x1234, 5, 11);
  CounterStream c(0x1234, 5, 11);
  const std::uint32_t n[3] = {6, 5, 4}, big = 3000000000u;  // a big bound rejects words often (2^32 mod big = 1294967296)
  std::uint32_t x[3], y[3];
  for (int i = 0; i < 2000; ++i) {
    bounded_batch(w, n, 3, 120, x);
    bounded_batch(c, n, 3, 120, y);
    ASSERT_EQ(std::vector<std::uint32_t>(x, x + 3), std::vector<std::uint32_t>(y, y + 3)) << "draw " << i;
    bounded_batch(w, &big, 1, big, x);
    bounded_batch(c, &big, 1, big, y);
    ASSERT_EQ(x[0], y[0]) << "draw " << i;
  }
}
