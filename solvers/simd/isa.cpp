#include "solvers/simd/isa.hpp"

#include "solvers/simd/views.hpp"

#include <cstdlib>
#include <stdexcept>

namespace irverify {

const char* isa_name(Isa isa) {
  switch (isa) {
    case Isa::Sse2: return "sse2";
    case Isa::Avx2: return "avx2";
    case Isa::Avx512: return "avx512";
  }
  return "?";
}

Isa parse_isa(const std::string& name) {
  for (Isa i : {Isa::Sse2, Isa::Avx2, Isa::Avx512})
    if (name == isa_name(i)) return i;
  throw std::invalid_argument("unknown instruction set '" + name + "' (sse2, avx2 or avx512)");
}

bool isa_supported(Isa isa) {
  __builtin_cpu_init();
  switch (isa) {
    case Isa::Sse2: return true;  // baseline x86-64
    case Isa::Avx2: return __builtin_cpu_supports("avx2");
    case Isa::Avx512: return __builtin_cpu_supports("avx512f");
  }
  return false;
}

Isa best_isa() {
  if (const char* forced = std::getenv("IRVERIFY_ISA"); forced && *forced) {
    const Isa i = parse_isa(forced);
    if (!isa_supported(i)) throw std::runtime_error(std::string("IRVERIFY_ISA=") + forced + ": this CPU lacks it");
    return i;
  }
  return isa_supported(Isa::Avx512) ? Isa::Avx512 : isa_supported(Isa::Avx2) ? Isa::Avx2 : Isa::Sse2;
}

const simd::KernelTable& kernel_table(Isa isa, const char* who) {
  if (!isa_supported(isa)) throw std::invalid_argument(std::string(who) + ": this CPU lacks " + isa_name(isa));
  switch (isa) {
    case Isa::Sse2: return simd::kernels_sse2;
    case Isa::Avx2: return simd::kernels_avx2;
    case Isa::Avx512: break;
  }
  return simd::kernels_avx512;
}

}  // namespace irverify
