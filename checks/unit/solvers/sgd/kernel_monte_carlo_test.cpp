// solvers/sgd/kernel_monte_carlo.hpp: the Monte Carlo epoch mean through a SIMD kernel matches the generic Model path
// (the same orders, a different summation order only) and is the same bits for any thread count and ISA; it is what
// mc_epoch_mean runs in double by default; models without a kernel get none (a problem file: a ProblemError); other
// samplings and wrong sizes are refused.
#include "solvers/sgd/kernel_monte_carlo.hpp"

#include "checks/unit/solvers/simd/kernel_checks.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

#include <limits>

using namespace irverify;

TEST(KernelMonteCarlo, MatchesTheModelPathAndIsTheSameForAnyThreadsAndIsa) {
  ProblemSpec s = generate_problem("least-squares", 1);  // N = 8, d = 4; batches of 2
  s.partition = kernel_test_batches(s.num_examples(), 2);
  const Problem<double> p = build_problem<double>(s);
  const double eps = 1.0 / 64;
  const auto k = make_sgd_kernel(s, s.partition, eps);
  const Vec<double> r = first_order_mean<double>(*p.model, p.partition, p.theta0, eps);
  for (bool anti : {false, true}) {
    McOptions o{RunControl(5, 1000, 1), anti};  // 1000: the last block and group are partial
    const McEstimate<double> a = mc_kernel_mean(*k, p.theta0, r, o, Isa::Sse2);
    McOptions generic = o;
    generic.simd = false;
    const McEstimate<double> ref = mc_epoch_mean<double>(*p.model, p.partition, p.theta0, eps, generic);
    EXPECT_FALSE(ref.simd);
    EXPECT_TRUE(mc_epoch_mean<double>(*p.model, p.partition, p.theta0, eps, o).mean == a.mean);  // the kernel by default
    // Same orders, different summation order only: a few units of rounding on O(1) iterates.
    EXPECT_LE((a.mean - ref.mean).norm(), 64 * std::numeric_limits<double>::epsilon());
    EXPECT_LE((a.std_error - ref.std_error).norm(), 1e-6 * ref.std_error.norm());
    EXPECT_EQ(a.batch_steps, ref.batch_steps);
    o.run.threads = 3;
    const McEstimate<double> b = mc_kernel_mean(*k, p.theta0, r, o, best_isa());
    EXPECT_TRUE(a.mean == b.mean && a.std_error == b.std_error) << "antithetic=" << anti;
  }
}

TEST(KernelMonteCarlo, ModelsWithoutAKernelAndBadOptions) {
  EXPECT_THROW(make_sgd_kernel(generate_problem("quadratic", 1), {{0}}, 0.1), ProblemError);
  const Problem<double> q = build_problem<double>(generate_problem("quadratic", 1));
  EXPECT_EQ(make_sgd_kernel(*q.model, {{0}, {1}}, 0.1), nullptr);
  ProblemSpec s = generate_problem("least-squares", 1);
  const auto k = make_sgd_kernel(s, kernel_test_batches(s.num_examples(), 2), 0.1);
  const Vec<double> th = Vec<double>::Zero(4);
  McOptions o{RunControl(5, 100, 1)};
  o.sampling = Sampling::Repartition;
  EXPECT_THROW(mc_kernel_mean(*k, th, th, o, Isa::Sse2), std::invalid_argument);
  o.sampling = Sampling::Shuffle;
  EXPECT_THROW(mc_kernel_mean(*k, Vec<double>(Vec<double>::Zero(3)), th, o, Isa::Sse2), std::invalid_argument);
  o.run.samples = 1;
  EXPECT_THROW(mc_kernel_mean(*k, th, th, o, Isa::Sse2), std::invalid_argument);
}
