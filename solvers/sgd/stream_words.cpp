#include "solvers/sgd/stream_words.hpp"

#include "solvers/simd/views.hpp"

namespace irverify {

StreamWords::StreamWords(Isa isa) : philox8_(kernel_table(isa, "StreamWords").philox8) {}

void StreamWords::reset(std::uint64_t seed, std::uint32_t stream, std::uint32_t domain) {
  k0_ = static_cast<std::uint32_t>(seed);
  k1_ = static_cast<std::uint32_t>(seed >> 32);
  stream_ = stream;
  domain_ = domain;
  counter_ = 0;
  pos_ = kWords;
}

void StreamWords::refill() {
  alignas(64) std::uint32_t ctr[kWords], out[kWords];
  for (int l = 0; l < 8; ++l) {  // block l: CounterStream's counter words (counter + l, stream, domain)
    const std::uint64_t c = counter_ + static_cast<std::uint64_t>(l);
    ctr[l] = static_cast<std::uint32_t>(c);
    ctr[8 + l] = static_cast<std::uint32_t>(c >> 32);
    ctr[16 + l] = stream_;
    ctr[24 + l] = domain_;
  }
  philox8_(ctr, k0_, k1_, out);
  for (int l = 0; l < 8; ++l)
    for (int w = 0; w < 4; ++w) buf_[4 * l + w] = out[8 * w + l];  // block l's words in order
  counter_ += 8;
  pos_ = 0;
}

}  // namespace irverify
