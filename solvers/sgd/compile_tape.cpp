#include "solvers/sgd/compile_tape.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <numeric>
#include <tuple>
#include <stdexcept>
#include <vector>

namespace irverify {

namespace {
static_assert(static_cast<int>(simd::TapeOp::Cos) == static_cast<int>(Tape<double>::Op::Cos) &&
                  static_cast<int>(simd::TapeOp::Add) == static_cast<int>(Tape<double>::Op::Add) &&
                  static_cast<int>(simd::TapeOp::Sqrt) == static_cast<int>(Tape<double>::Op::Sqrt),
              "simd::TapeOp mirrors Tape::Op");

// Reorders the operations by level (1 + the deepest operand's; inputs 0), and within a level by kind, then by the new
// places of their operands (second operand first), renumbering the slots level by level, and records the runs of equal
// operations: the replay dispatches once per run. Sorting by the operands' places makes a run's operands, and so its
// results, consecutive or evenly spaced where the model's are (x_k w_k, then pairs of neighbours, ...), which the
// replay across the dimension loads as vectors. Independent operations only change places, so every value is the same.
void schedule_by_level(CompiledTape& c, int inputs) {
  const int n = static_cast<int>(c.op.size());
  std::vector<int> level(n, 0);
  int levels = 0;
  const auto lv = [&](int s) { return s < inputs ? 0 : level[s - inputs]; };
  for (int k = 0; k < n; ++k) levels = std::max(levels, level[k] = 1 + std::max(lv(c.a[k]), c.b[k] >= 0 ? lv(c.b[k]) : 0));
  std::vector<std::vector<int>> by_level(levels + 1);
  for (int k = 0; k < n; ++k) by_level[level[k]].push_back(k);
  std::vector<int> to(n), order;
  order.reserve(n);
  const auto map = [&](int s) { return s < inputs ? s : to[s - inputs]; };
  for (auto& ops : by_level) {
    std::stable_sort(ops.begin(), ops.end(), [&](int x, int y) {
      if (c.op[x] != c.op[y]) return c.op[x] < c.op[y];
      const int bx = c.b[x] >= 0 ? map(c.b[x]) : -1, by = c.b[y] >= 0 ? map(c.b[y]) : -1;
      return bx != by ? bx < by : map(c.a[x]) < map(c.a[y]);
    });
    for (int k : ops) to[k] = inputs + static_cast<int>(order.size()), order.push_back(k);
  }
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

std::uint64_t bits(double x) {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
}  // namespace

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
  // An operation already emitted on the same operands (and constant, bit for bit) is not emitted again: its value
  // would be the same bits (a + b and a * b as b + a and b * a too, up to the payload of a NaN from two NaNs).
  std::map<std::tuple<Op, int, int, std::uint64_t>, int> emitted;
  const auto emit = [&](Op op, int a, int b, double cst) {
    const bool commutes = op == Op::Add || op == Op::Mul;
    const auto key = std::make_tuple(op, commutes ? std::min(a, b) : a, commutes ? std::max(a, b) : b, bits(cst));
    if (const auto it = emitted.find(key); it != emitted.end()) return it->second;
    c.op.push_back(static_cast<simd::TapeOp>(op));
    c.a.push_back(a);
    c.b.push_back(b);
    c.c.push_back(cst);
    return emitted[key] = inputs + static_cast<int>(c.op.size()) - 1;
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

}  // namespace irverify
