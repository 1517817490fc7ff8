// GAME-1 (CLAIMS.md GAME): the first-order modified fields of simultaneous and alternating game updates (local order
// 3, global order 2 with alpha != lambda) on built-in bilinear, quadratic and cubic games (the cubic one also with
// several updates per round) or on problem files' games; the alternating invariant and the simultaneous growth on the
// bilinear game.
#pragma once

#include "checks/framework/case.hpp"

#include <vector>

namespace irverify {

template <class S> std::vector<Case> game_drift_cases(const RunContext& ctx, int levels);

}  // namespace irverify
