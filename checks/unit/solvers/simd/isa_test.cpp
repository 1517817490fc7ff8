// solvers/simd/isa.hpp: the instruction sets by name (and back), SSE2 always there, the best one supported, and
// IRVERIFY_ISA forcing one (refused if unknown or unsupported).
#include "solvers/simd/isa.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

using namespace irverify;

TEST(Isa, NamesRoundTripAndUnknownNamesAreRefused) {
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) EXPECT_EQ(parse_isa(isa_name(isa)), isa);
  EXPECT_STREQ(isa_name(Isa::Avx512), "avx512");
  EXPECT_THROW(parse_isa("avx3"), std::invalid_argument);
  EXPECT_THROW(parse_isa("SSE2"), std::invalid_argument);
  EXPECT_TRUE(isa_supported(Isa::Sse2));  // baseline x86-64
  if (isa_supported(Isa::Avx512)) {
    EXPECT_TRUE(isa_supported(Isa::Avx2));
  }
}

TEST(Isa, BestIsaAndTheEnvironment) {
  const char* old = std::getenv("IRVERIFY_ISA");
  const std::optional<std::string> saved = old ? std::optional<std::string>(old) : std::nullopt;
  ::unsetenv("IRVERIFY_ISA");
  const Isa best = best_isa();
  EXPECT_TRUE(isa_supported(best));
  for (Isa wider : {Isa::Avx2, Isa::Avx512}) {
    if (isa_supported(wider)) {
      EXPECT_GE(static_cast<int>(best), static_cast<int>(wider));
    }
  }
  ::setenv("IRVERIFY_ISA", "sse2", 1);
  EXPECT_EQ(best_isa(), Isa::Sse2);
  ::setenv("IRVERIFY_ISA", "neon", 1);
  EXPECT_THROW(best_isa(), std::invalid_argument);
  if (!isa_supported(Isa::Avx512)) {
    ::setenv("IRVERIFY_ISA", "avx512", 1);
    EXPECT_THROW(best_isa(), std::runtime_error);
  }
  if (saved) {
    ::setenv("IRVERIFY_ISA", saved->c_str(), 1);
  } else {
    ::unsetenv("IRVERIFY_ISA");
  }
}
