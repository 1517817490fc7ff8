#include "solvers/sgd/kernel_monte_carlo.hpp"

#include "solvers/parallel/block_reduce.hpp"
#include "solvers/sgd/random_orders.hpp"
#include "solvers/simd/aligned.hpp"
#include "solvers/simd/dense_kernel.hpp"
#include "solvers/simd/diag_kernel.hpp"
#include "solvers/simd/ls_kernel.hpp"
#include "solvers/simd/tape_kernel.hpp"
#include "theory/models/models.hpp"
#include "theory/problem/problem.hpp"

#include <algorithm>
#include <numeric>
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

namespace {
static_assert(static_cast<int>(simd::TapeOp::Cos) == static_cast<int>(Tape<double>::Op::Cos) &&
                  static_cast<int>(simd::TapeOp::Add) == static_cast<int>(Tape<double>::Op::Add) &&
                  static_cast<int>(simd::TapeOp::Sqrt) == static_cast<int>(Tape<double>::Op::Sqrt),
              "simd::TapeOp mirrors Tape::Op");

// Reorders the operations by level (1 + the deepest operand's; inputs 0), then by kind within a level, renumbering
// the slots, and records the runs of equal operations: the replay dispatches once per run. Independent operations only
// change places, so every value is the same.
void schedule_by_level(CompiledTape& c, int inputs) {
  const int n = static_cast<int>(c.op.size());
  std::vector<int> level(n, 0), order(n);
  const auto lv = [&](int s) { return s < inputs ? 0 : level[s - inputs]; };
  for (int k = 0; k < n; ++k) level[k] = 1 + std::max(lv(c.a[k]), c.b[k] >= 0 ? lv(c.b[k]) : 0);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
    return level[x] != level[y] ? level[x] < level[y] : c.op[x] < c.op[y];
  });
  std::vector<int> to(n);
  for (int k = 0; k < n; ++k) to[order[k]] = inputs + k;
  const auto map = [&](int s) { return s < inputs ? s : to[s - inputs]; };
  CompiledTape r = c;
  r.run_len.clear();
  for (int k = 0; k < n; ++k) {
    const int o = order[k];
    r.op[k] = c.op[o];
    r.a[k] = map(c.a[o]);
    r.b[k] = c.b[o] >= 0 ? map(c.b[o]) : -1;
    r.c[k] = c.c[o];
    if (k > 0 && r.op[k] == r.op[k - 1]) ++r.run_len.back();
    else r.run_len.push_back(1);
  }
  for (int& s : r.out)
    if (s >= 0) s = map(s);
  c = std::move(r);
}

// Gives operation k its value slot dst[k] (the operations numbered inputs + k so far), reusing the slot of a value
// after its last use, the most recently freed first (a linear scan in the scheduled order; an operation may write the
// slot of an operand it is the last to read, the replay being elementwise): a step touches the live values only
// (least squares at d = 256: 1,284 slots become 769).
void allocate_slots(CompiledTape& c, int inputs) {
  const int n = static_cast<int>(c.op.size());
  std::vector<int> last(n, -1);  // the last operation reading op k's value (n: a gradient entry, kept to the end)
  for (int k = 0; k < n; ++k)
    for (int x : {c.a[k], c.b[k]})
      if (x >= inputs) last[x - inputs] = k;
  for (int s : c.out)
    if (s >= 0) last[s - inputs] = n;
  std::vector<int> free;
  c.dst.assign(n, -1);
  c.slots = inputs;
  const auto slot = [&](int x) { return x < inputs ? x : c.dst[x - inputs]; };
  for (int k = 0; k < n; ++k) {
    for (int x : {c.a[k], c.b[k] == c.a[k] ? -1 : c.b[k]})
      if (x >= inputs && last[x - inputs] == k) free.push_back(slot(x));
    c.a[k] = slot(c.a[k]);
    c.b[k] = c.b[k] >= 0 ? slot(c.b[k]) : -1;
    if (free.empty()) c.dst[k] = c.slots++;
    else c.dst[k] = free.back(), free.pop_back();
  }
  for (int& s : c.out)
    if (s >= 0) s = slot(s);
}

// The operations the gradient needs (the data's adjoints and dead nodes dropped), in order, renumbered after the
// inputs (theta, then the row). A chain of additions (each partial sum used once, by the next) becomes a balanced
// tree over its terms in their order (pairs of neighbours, level by level): the sum's rounding differs, and its
// additions no longer wait on each other.
CompiledTape compile_tape(const ExampleTape<double>& t) {
  using Op = Tape<double>::Op;
  const auto& nodes = t.gradient.tape->nodes();
  const int n = static_cast<int>(nodes.size()), inputs = t.dim + t.columns;
  if (static_cast<int>(t.gradient.tape->num_inputs()) != inputs || t.gradient.num_outputs() != t.dim)
    throw std::invalid_argument("compile_tape: the tape needs dim + columns inputs and dim outputs");
  std::vector<char> live(n, 0);
  std::vector<int> uses(n, 0), user(n, -1);
  for (const auto& o : t.gradient.outputs)
    if (!o.is_constant()) live[o.index] = 1, uses[o.index] += 2;  // an output is never absorbed into a sum
  for (int k = n - 1; k >= 0; --k)
    if (live[k] && nodes[k].op != Op::Input)
      for (int x : {nodes[k].a, nodes[k].b})
        if (x >= 0) live[x] = 1, ++uses[x], user[x] = k;
  // absorbed: an addition whose only use is as an operand of another addition (a partial sum).
  const auto absorbed = [&](int k) { return nodes[k].op == Op::Add && uses[k] == 1 && nodes[user[k]].op == Op::Add; };
  CompiledTape c;
  std::vector<int> slot(n, -1);
  const auto emit = [&](Op op, int a, int b, double cst) {
    c.op.push_back(static_cast<simd::TapeOp>(op));
    c.a.push_back(a);
    c.b.push_back(b);
    c.c.push_back(cst);
    return inputs + static_cast<int>(c.op.size()) - 1;
  };
  std::vector<int> terms, stack;
  for (int k = 0; k < n; ++k) {
    const auto& nd = nodes[k];
    if (nd.op == Op::Input) {
      slot[k] = nd.a;
    } else if (live[k] && !absorbed(k)) {
      if (nd.op != Op::Add) {
        slot[k] = emit(nd.op, slot[nd.a], nd.b >= 0 ? slot[nd.b] : -1, nd.c);
        continue;
      }
      terms.clear();  // the chain's terms, left to right
      stack.assign({nd.b, nd.a});
      while (!stack.empty()) {
        const int x = stack.back();
        stack.pop_back();
        if (absorbed(x)) stack.insert(stack.end(), {nodes[x].b, nodes[x].a});
        else terms.push_back(slot[x]);
      }
      while (terms.size() > 1) {
        std::size_t w = 0;
        for (std::size_t i = 0; i + 1 < terms.size(); i += 2) terms[w++] = emit(Op::Add, terms[i], terms[i + 1], 0.0);
        if (terms.size() % 2) terms[w++] = terms.back();
        terms.resize(w);
      }
      slot[k] = terms[0];
    }
  }
  for (const auto& o : t.gradient.outputs) {
    c.out.push_back(o.is_constant() ? -1 : slot[o.index]);
    c.out_c.push_back(o.is_constant() ? o.value : 0.0);
  }
  schedule_by_level(c, inputs);
  allocate_slots(c, inputs);
  c.rows = t.rows;
  c.dim = t.dim;
  c.cols = t.columns;
  c.examples = t.examples;
  return c;
}
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
