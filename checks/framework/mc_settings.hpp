// The seed and the Monte Carlo size of claim runs (`irverify run --seed S --samples K`): each claim's own defaults
// unless set. Every random draw of a claim is a pure function of its seed (Philox streams indexed by seed), and the
// results do not depend on the thread count, so (seed, samples) and the code reproduce a record. The size is in
// each claim's own unit (Claim::samples_are: epochs, runs, random starts ...).
#pragma once

#include <cstdint>

namespace irverify {

std::uint64_t mc_seed(std::uint64_t claim_default);
long mc_samples(long claim_default);
// 0 restores the claims' defaults; std::invalid_argument for samples in 1..3 (too few for a mean and its error).
void set_mc_overrides(std::uint64_t seed, long samples);
bool mc_seed_set();
bool mc_samples_set();

}  // namespace irverify
