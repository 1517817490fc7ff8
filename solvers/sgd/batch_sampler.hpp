// Uniform minibatches of B of N examples, one per step, from a run's counter-based stream (label-noise SGD; SGD with
// weight decay): with replacement B independent uniform indices; without, a uniform B-subset in the order of a
// partial Fisher-Yates shuffle; B = N without replacement is the full batch in index order (nothing drawn).
// Several draws share one 32-bit word (bounded_batch, theory/random/counter_stream.hpp): consecutive bounds whose
// product stays <= 2^24, so a word is rejected with probability < 2^-8.
#pragma once

#include "theory/random/counter_stream.hpp"
#include "theory/stability/sgd_operator.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

class BatchSampler {
 public:
  // Throws std::invalid_argument unless 1 <= B (and B <= N without replacement).
  BatchSampler(int N, int B, BatchSampling s);
  // The next batch (valid until the next draw) from the words of rng (a CounterStream, or anything that gives its
  // words: solvers/sgd/stream_words.hpp). Inline: label-noise steps draw one per step, often a single index.
  template <class Words> const std::vector<std::uint32_t>& draw(Words& rng) {
    if (bounds_.empty()) return batch_;
    std::uint32_t* x = with_ ? batch_.data() : draws_.data();  // with replacement the draws are the batch
    for (const Chunk& c : chunks_) bounded_batch(rng, &bounds_[c.begin], c.k, c.P, x + c.begin);
    if (!with_) shuffle_in();
    return batch_;
  }
  const std::vector<std::uint32_t>& batch() const { return batch_; }

 private:
  void shuffle_in();  // without replacement: the batch from the draws by a partial Fisher-Yates shuffle
  struct Chunk {
    int begin, k;
    std::uint64_t P;  // bounds_[begin] ... bounds_[begin + k - 1], <= 2^24 unless k = 1
  };
  bool with_;
  std::vector<std::uint32_t> batch_, perm_;
  std::vector<std::uint32_t> bounds_, draws_;  // x_j uniform in [0, bounds_[j]) (none for the full batch); draws_: offsets
  std::vector<Chunk> chunks_;
};

}  // namespace irverify
