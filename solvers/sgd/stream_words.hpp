// The words of CounterStream(seed, stream, domain) (theory/random/counter_stream.hpp), next_u32() for next_u32(), the
// same sequence, drawn eight Philox4x32-10 blocks at a time by the kernel table's philox8
// (solvers/simd/philox_body.inc, Random123's bits on every ISA): blocks counter .. counter + 7 of the one stream side
// by side. For steppers that draw a few words per step for each of many runs (solvers/ln/label_noise_lanes.hpp),
// where one scalar Philox block per four words is most of the drawing.
#pragma once

#include "solvers/simd/isa.hpp"

#include <cstdint>

namespace irverify {

class StreamWords {
 public:
  explicit StreamWords(Isa isa = best_isa());
  StreamWords(std::uint64_t seed, std::uint32_t stream, std::uint32_t domain, Isa isa = best_isa()) : StreamWords(isa) {
    reset(seed, stream, domain);
  }
  // From word 0 of CounterStream(seed, stream, domain).
  void reset(std::uint64_t seed, std::uint32_t stream, std::uint32_t domain);
  std::uint32_t next_u32() {
    if (pos_ == kWords) refill();
    return buf_[pos_++];
  }

 private:
  static constexpr int kWords = 32;  // eight blocks of four
  void refill();
  void (*philox8_)(const unsigned* ctr, unsigned k0, unsigned k1, unsigned* out);
  std::uint32_t k0_ = 0, k1_ = 0, stream_ = 0, domain_ = 0;
  std::uint64_t counter_ = 0;  // the next block
  int pos_ = kWords;
  alignas(64) std::uint32_t buf_[kWords];
};

}  // namespace irverify
