#include "solvers/sgd/kernel_monte_carlo.hpp"

#include "solvers/parallel/block_reduce.hpp"
#include "solvers/sgd/compile_tape.hpp"
#include "solvers/sgd/random_orders.hpp"
#include "solvers/simd/aligned.hpp"
#include "solvers/simd/dense_kernel.hpp"
#include "solvers/simd/diag_kernel.hpp"
#include "solvers/simd/ls_kernel.hpp"
#include "solvers/simd/ls_optimizer_kernel.hpp"
#include "solvers/simd/tape_kernel.hpp"
#include "theory/models/models.hpp"
#include "theory/problem/problem.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace irverify {

namespace {
std::vector<double> row_major(const Mat<double>& A) {
  std::vector<double> v(static_cast<std::size_t>(A.size()));
  Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(v.data(), A.rows(), A.cols()) = A;
  return v;
}
std::vector<double> entries(const Vec<double>& y) { return std::vector<double>(y.data(), y.data() + y.size()); }
}  // namespace

std::unique_ptr<SgdKernel> make_sgd_kernel(const Model<double>& m, const Partition& p, double eps) {
  if (const auto* ls = dynamic_cast<const LeastSquares<double>*>(&m))
    return std::make_unique<LsSgdKernel>(row_major(ls->X()), entries(ls->y()), static_cast<int>(ls->X().cols()), p, eps);
  if (const auto* dn = dynamic_cast<const DiagNet<double>*>(&m))
    return std::make_unique<DiagSgdKernel>(dn->diag_kind() == DiagKind::UUVV, row_major(dn->X()), entries(dn->y()),
                                           dn->features(), p, eps);
  if (const auto* tl = dynamic_cast<const TwoLayer<double>*>(&m))
    return std::make_unique<DenseSgdKernel>(tl->smooth() ? simd::Act::Tanh : simd::Act::Relu, DenseSgdKernel::Layout::OutputFirst,
                                            tl->hidden(), row_major(tl->X()), entries(tl->y()), tl->features(), 1, p, eps);
  if (const auto* mn = dynamic_cast<const MatrixNet<double>*>(&m))
    return std::make_unique<DenseSgdKernel>(mn->smooth() ? simd::Act::Identity : simd::Act::Relu, DenseSgdKernel::Layout::InputFirst,
                                            mn->hidden(), row_major(mn->X()), row_major(mn->Y()), mn->features(), mn->outputs(),
                                            p, eps);
  if (const auto t = m.example_tape()) return std::make_unique<TapeSgdKernel>(compile_tape(*t), p, eps);
  return nullptr;
}

std::unique_ptr<SgdKernel> make_optimizer_kernel(const Model<double>& m, const Partition& p, const simd::Update& u) {
  if (u.kind == simd::UpdateKind::Sgd) return make_sgd_kernel(m, p, u.h);
  if (const auto* ls = dynamic_cast<const LeastSquares<double>*>(&m))
    return std::make_unique<LsOptimizerKernel>(row_major(ls->X()), entries(ls->y()), static_cast<int>(ls->X().cols()), p, u);
  if (const auto t = m.example_tape()) return std::make_unique<TapeSgdKernel>(compile_tape(*t), p, u);
  return nullptr;
}

std::unique_ptr<SgdKernel> make_sgd_kernel(const ProblemSpec& s, const Partition& p, double eps) {
  const Problem<double> pr = build_problem<double>(s);
  std::unique_ptr<SgdKernel> k = make_sgd_kernel(*pr.model, p, eps);
  if (!k) throw ProblemError(s.origin + ": no SIMD kernel for model " + s.model);
  return k;
}

McEstimate<double> mc_kernel_mean(const SgdKernel& k, const Vec<double>& theta0, const Vec<double>& r,
                                  const McOptions& opt, Isa isa) {
  check_mc_options(opt, "mc_kernel_mean");
  if (opt.sampling != Sampling::Shuffle) throw std::invalid_argument("mc_kernel_mean: shuffle sampling only");
  const int d = k.dim(), st = k.stride(), m = k.batches();
  if (theta0.size() != d || r.size() != d) throw std::invalid_argument("mc_kernel_mean: theta0 and r need the kernel's dimension");
  AlignedVector<double> start(st);
  k.pack(theta0.data(), start.data());
  const int runs = opt.antithetic ? 2 : 1;  // forward orders, then their reverses
  auto make_worker = [&] {
    return [&, orders = std::vector<int>(runs * kKernelGroup * m), state = AlignedVector<double>(runs * kKernelGroup * st),
            x = Vec<double>(d), y = Vec<double>(d), dev = Vec<double>(d),
            draws = RandomOrders(m, isa)](long first, long last, MomentSums<double>& acc) mutable {
      for (long s0 = first; s0 < last; s0 += kKernelGroup) {
        const int g = static_cast<int>(std::min<long>(kKernelGroup, last - s0));
        draws.draw(opt.run.seed, static_cast<std::uint64_t>(s0), g, orders.data());  // random_order(m, seed, s0 + s)
        if (opt.antithetic)
          for (int s = 0; s < g; ++s) std::reverse_copy(&orders[s * m], &orders[s * m] + m, &orders[(g + s) * m]);
        for (int s = 0; s < runs * g; ++s) std::copy(start.begin(), start.end(), &state[s * st]);
        k.epochs(orders.data(), state.data(), runs * g, isa);
        for (int s = 0; s < g; ++s) {
          k.unpack(&state[s * st], x.data());
          if (opt.antithetic) {
            k.unpack(&state[(g + s) * st], y.data());
            x = (x + y) / 2;
          }
          dev = x - r;
          acc.add(dev);
        }
      }
    };
  };
  const MomentSums<double> tot =
      block_reduce_blocks(BlockReduceOptions{opt.run, kMcBlock}, MomentSums<double>(d), make_worker);
  return mc_estimate(tot, r, opt.run.samples, opt.run.samples * m * runs);
}

}  // namespace irverify
