// f(run) for run = 0 .. runs-1 through the shared reducer (block_reduce.hpp), the results in run order: each result is
// a pure function of its run index (a run draws from its own counter-based stream), so the vector is bit-identical for
// any thread count. f is called from several threads at once.
#pragma once

#include "solvers/parallel/block_reduce.hpp"

#include <vector>

namespace irverify {

template <class R, class F> std::vector<R> block_map(const BlockReduceOptions& opt, F f) {
  struct Acc {
    std::vector<R> v;
    Acc& operator+=(const Acc& o) {  // blocks are added in block order: concatenation keeps run order
      v.insert(v.end(), o.v.begin(), o.v.end());
      return *this;
    }
  };
  return block_reduce(opt, Acc{}, [&] { return [&](long run, Acc& a) { a.v.push_back(f(run)); }; }).v;
}

}  // namespace irverify
