// solvers/simd/views.hpp: one table of kernel entry points per ISA, every entry set; the dense kernel's tanh gives the
// same bits on every ISA and is within a few ulp of std::tanh, signs, infinities and NaN included.
#include "solvers/simd/views.hpp"

#include "solvers/simd/isa.hpp"
#include "theory/random/counter_stream.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <iostream>
#include <limits>
#include <vector>

using namespace irverify;

namespace {
const simd::KernelTable& kernel_table(Isa isa) {
  return isa == Isa::Sse2 ? simd::kernels_sse2 : isa == Isa::Avx2 ? simd::kernels_avx2 : simd::kernels_avx512;
}
}  // namespace

TEST(Views, EveryTableHasEveryEntry) {
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    const simd::KernelTable& t = kernel_table(isa);
    EXPECT_TRUE(t.ls && t.diag && t.dense && t.tanh) << isa_name(isa);
  }
}

TEST(Views, TanhWithinAFewUlpOfStdTanhOnEveryIsa) {
  std::vector<double> x = {0.0, -0.0, 1e-300, -1e-20, 1e-8, 0.1, -0.3465, 0.3466, 1.0, -2.5, 5.0, 18.5, -19.5, 20.0, 40.0,
                           1e3, std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  CounterStream rng(5, 1);
  while (x.size() % 8 != 0 || x.size() < 4096) x.push_back(50 * (rng.uniform() - 0.5) * std::pow(10.0, -8 * rng.uniform()));
  x.push_back(std::numeric_limits<double>::quiet_NaN());
  while (x.size() % 8 != 0) x.push_back(0.5);
  std::vector<double> first;
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    if (!isa_supported(isa)) continue;
    std::vector<double> y(x.size());
    kernel_table(isa).tanh(x.data(), y.data(), static_cast<int>(x.size()));
    if (first.empty()) first = y;
    EXPECT_EQ(0, std::memcmp(y.data(), first.data(), y.size() * sizeof(double))) << isa_name(isa);
  }
  double worst = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i])) {
      EXPECT_TRUE(std::isnan(first[i]));
      continue;
    }
    const double ref = std::tanh(x[i]);
    EXPECT_EQ(std::signbit(ref), std::signbit(first[i])) << x[i];
    worst = std::max(worst, std::abs(first[i] - ref) / (std::abs(ref) * std::numeric_limits<double>::epsilon() + 1e-320));
  }
  EXPECT_LE(worst, 4.0);  // units of ulp (relative); std::tanh itself is within 1 ulp
  std::cerr << "kernel tanh: worst " << worst << " ulp from std::tanh\n";
}
