// mc_mean (solvers/sgd/monte_carlo.hpp) in double through a SIMD kernel (solvers/simd/sgd_kernel.hpp): the same
// estimator, orders (random_order, domain 1, sample index = stream), blocks and reference point r; kKernelGroup
// samples run interleaved in one kernel call. Shuffle sampling only. The result is the same bits for any thread
// count, process count and ISA; it differs from the generic Model path only by the kernel's summation order.
#pragma once

#include "solvers/sgd/monte_carlo.hpp"
#include "solvers/simd/sgd_kernel.hpp"
#include "theory/problem/problem_spec.hpp"

#include <memory>

namespace irverify {

inline constexpr int kKernelGroup = 8;

// The kernel of model m (least-squares with one output, diag-uv, diag-uu-vv, two-param, two-layer-tanh/relu,
// linear2, relu2) with partition p (batches of equal size) and step eps; nullptr for a model without one.
std::unique_ptr<SgdKernel> make_sgd_kernel(const Model<double>& m, const Partition& p, double eps);
// The same for a problem file (data rounded to double); ProblemError if its model has no kernel.
std::unique_ptr<SgdKernel> make_sgd_kernel(const ProblemSpec& s, const Partition& p, double eps);
// The kernel of model m for the minibatch optimizer u (simd::Update, solvers/simd/views.hpp: SGD with weight decay,
// heavy ball or Adam on the batch's mean gradient): least squares with one output LsOptimizerKernel, a model with a
// per-example tape (formula models) TapeSgdKernel; plain SGD make_sgd_kernel's (step u.h); nullptr for the others.
std::unique_ptr<SgdKernel> make_optimizer_kernel(const Model<double>& m, const Partition& p, const simd::Update& u);

McEstimate<double> mc_kernel_mean(const SgdKernel& k, const Vec<double>& theta0, const Vec<double>& r,
                                  const McOptions& opt, Isa isa);

}  // namespace irverify
