// f(run) for run = 0 .. runs-1 through the shared reducer (block_reduce.hpp), the results in run order: each result is
// a pure function of its run index (a run draws from its own counter-based stream), so the vector is bit-identical for
// any thread count. f is called from several threads at once.
#pragma once

#include "solvers/parallel/block_reduce.hpp"

#include <vector>

namespace irverify {

// block_map (below) with per-thread state: make_f() is called once per thread and returns that thread's f(run), which
// may keep scratch between its runs (the result must still be a pure function of run).
template <class R, class MakeF> std::vector<R> block_map_workers(const BlockReduceOptions& opt, MakeF make_f) {
  struct Acc {
    std::vector<R> v;
    Acc& operator+=(const Acc& o) {  // blocks are added in block order: concatenation keeps run order
      v.insert(v.end(), o.v.begin(), o.v.end());
      return *this;
    }
  };
  return block_reduce(opt, Acc{}, [&] { return [f = make_f()](long run, Acc& a) mutable { a.v.push_back(f(run)); }; }).v;
}

template <class R, class F> std::vector<R> block_map(const BlockReduceOptions& opt, F f) {
  return block_map_workers<R>(opt, [&] { return [&f](long run) { return f(run); }; });
}

}  // namespace irverify
