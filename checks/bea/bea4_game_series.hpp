// BEA-4 (CLAIMS.md BEA): simultaneous and alternating game updates as partitioned Euler (trees coloured by player),
// their modified fields in exact rationals for several rates: GAME-1's table exactly (each interaction term with the
// other player's rate; alternating rounds of several updates too), the own-rate table refuted for alpha != lambda
// and equal for alpha = lambda; the exact fields run through GAME-1's local-error ladder on the built-in games.
#pragma once

#include "checks/framework/case.hpp"

#include <vector>

namespace irverify {

// The exact fields and their statements (one case for all rates and schemes).
Case bea_game_exact_case(const RunContext& ctx);
// GAME-1's local-error ladder with the B-series fields, per built-in game and scheme.
template <class S> std::vector<Case> bea_game_ladder_cases(const RunContext& ctx, int levels);

}  // namespace irverify
