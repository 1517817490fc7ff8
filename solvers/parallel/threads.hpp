// The number of worker threads the Monte Carlo reducers use (block_reduce, block_map and the claims that call them):
// every core unless set (`irverify run --threads N`). Results do not depend on it: block_reduce is bit-identical for
// any thread count.
#pragma once

namespace irverify {

int worker_threads();
void set_worker_threads(int n);  // std::invalid_argument unless n >= 1; 0 restores "every core"

}  // namespace irverify
