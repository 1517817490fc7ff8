// The x86-64 vector instruction sets the SIMD kernels are compiled for, one translation unit each, chosen at run
// time (best_isa) or forced (IRVERIFY_ISA=sse2|avx2|avx512, or a kernel's isa argument). Every ISA computes the
// same bits: the kernels fix their summation order independently of the vector width and never contract a*b + c
// into a fused multiply-add (-ffp-contract=off), so a record does not depend on the machine that wrote it.
#pragma once

#include <string>

namespace irverify {

namespace simd {
struct KernelTable;  // solvers/simd/views.hpp
}

enum class Isa { Sse2, Avx2, Avx512 };

const char* isa_name(Isa isa);
Isa parse_isa(const std::string& name);  // std::invalid_argument unless sse2, avx2 or avx512
bool isa_supported(Isa isa);             // by this CPU
// The widest supported ISA, unless the environment variable IRVERIFY_ISA names another (refused if unsupported).
Isa best_isa();

// The kernels compiled for `isa` (std::invalid_argument, naming `who`, if this CPU lacks it).
const simd::KernelTable& kernel_table(Isa isa, const char* who);

}  // namespace irverify
