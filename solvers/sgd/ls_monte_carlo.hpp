// mc_mean (solvers/sgd/monte_carlo.hpp) for least squares in double through the SIMD kernel
// (solvers/simd/ls_kernel.hpp): the same estimator, orders (random_order, domain 1, sample index = stream),
// blocks and reference point r; kLsGroup samples run interleaved in one kernel call. Shuffle sampling only.
// The result is the same bits for any thread count and any ISA; it differs from the generic Model path only by the
// kernel's summation order.
#pragma once

#include "solvers/sgd/monte_carlo.hpp"
#include "solvers/simd/ls_kernel.hpp"
#include "theory/problem/problem_spec.hpp"

namespace irverify {

inline constexpr int kLsGroup = 8;

// The kernel of a least-squares problem file (data rounded to double) with partition p; ProblemError unless the
// model is least-squares with one label.
LsSgdKernel least_squares_kernel(const ProblemSpec& s, const Partition& p, double eps);

McEstimate<double> mc_least_squares_mean(const LsSgdKernel& k, const Vec<double>& theta0, const Vec<double>& r,
                                         const McOptions& opt, Isa isa);

}  // namespace irverify
