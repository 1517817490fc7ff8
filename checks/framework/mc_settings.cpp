#include "checks/framework/mc_settings.hpp"

#include <atomic>
#include <stdexcept>

namespace irverify {

namespace {
std::atomic<std::uint64_t> g_seed{0};
std::atomic<long> g_samples{0};
}  // namespace

std::uint64_t mc_seed(std::uint64_t claim_default) { return g_seed ? g_seed.load() : claim_default; }
long mc_samples(long claim_default) { return g_samples ? g_samples.load() : claim_default; }
bool mc_seed_set() { return g_seed != 0; }
bool mc_samples_set() { return g_samples != 0; }

void set_mc_overrides(std::uint64_t seed, long samples) {
  if (samples < 0 || (samples > 0 && samples < 4))
    throw std::invalid_argument("--samples must be >= 4");
  g_seed = seed;
  g_samples = samples;
}

}  // namespace irverify
