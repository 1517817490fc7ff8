// GAME-2 (CLAIMS.md GAME): the coefficient table with each player's own rate in the interaction term (c_fg = alpha^2,
// c_gf = +-lambda^2) is an O(h^2) flow of game updates only when alpha = lambda: with alpha != lambda its global
// order is 1 (a statement expected refuted).
#pragma once

#include "checks/framework/case.hpp"

#include <vector>

namespace irverify {

template <class S> std::vector<Case> game_own_rate_cases(const RunContext& ctx, int levels);

}  // namespace irverify
