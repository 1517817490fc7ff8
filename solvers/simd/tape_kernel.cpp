#include "solvers/simd/tape_kernel.hpp"

#include <algorithm>
#include <stdexcept>

namespace irverify {

namespace {
// The Runs layout up to this many value slots (20 KB of eight-lane values), the Dimension layout beyond. Measured
// (one thread, AVX-512, B = 4): least squares is faster in Runs through d = 96 (289 slots: 47 against 58 ns a
// gradient), even at d = 112 (337), slower from d = 128 (385: 67 against 61); diag-uv is faster in Runs at p = 48
// (241 slots), slower at p = 64 (321: 91 against 61) and beyond (p = 256: 2.3x).
constexpr int kRunsSlots = 320;
}  // namespace

simd::TapeView tape_view(const CompiledTape& t, simd::Batches b, int stride, const simd::Update& u) {
  return {b, t.op.data(), t.a.data(), t.b.data(), t.dst.data(), t.c.data(), t.run_len.data(), static_cast<int>(t.run_len.size()),
          t.slots, t.dim, t.cols, t.rows.data(), t.out.data(), t.out_c.data(), stride, u};
}

TapeSgdKernel::TapeSgdKernel(CompiledTape tape, const std::vector<std::vector<int>>& batches, double eps, Layout layout)
    : TapeSgdKernel(std::move(tape), batches, simd::Update{simd::UpdateKind::Sgd, eps}, layout) {}

TapeSgdKernel::TapeSgdKernel(CompiledTape tape, const std::vector<std::vector<int>>& batches, const simd::Update& u,
                             Layout layout)
    : SgdKernel("TapeSgdKernel", tape.dim, update_stride(u, tape.dim), tape.examples, batches, update_eps(u)),
      t_(std::move(tape)),
      u_(checked_update("TapeSgdKernel", u)),
      layout_(layout) {
  const std::size_t n = t_.op.size();
  const int inputs = t_.dim + t_.cols;
  bool ok = t_.a.size() == n && t_.b.size() == n && t_.dst.size() == n && t_.c.size() == n &&
            t_.out.size() == static_cast<std::size_t>(t_.dim) && t_.out_c.size() == t_.out.size() && t_.slots >= inputs &&
            t_.rows.size() == static_cast<std::size_t>(t_.examples) * static_cast<std::size_t>(t_.cols);
  std::vector<char> written(ok ? t_.slots : 0, 0);  // every operand written before it is read
  std::fill_n(written.begin(), ok ? inputs : 0, 1);
  const auto readable = [&](int s) { return s >= 0 && s < t_.slots && written[s]; };
  for (std::size_t k = 0; ok && k < n; ++k) {
    const bool binary = t_.op[k] == simd::TapeOp::Add || t_.op[k] == simd::TapeOp::Sub || t_.op[k] == simd::TapeOp::Mul;
    ok = readable(t_.a[k]) && (binary ? readable(t_.b[k]) : t_.b[k] == -1 || readable(t_.b[k])) && t_.dst[k] >= inputs &&
         t_.dst[k] < t_.slots;
    if (ok) written[t_.dst[k]] = 1;
  }
  for (std::size_t q = 0; ok && q < t_.out.size(); ++q) ok = t_.out[q] == -1 || readable(t_.out[q]);
  std::size_t covered = 0;
  for (std::size_t r = 0; ok && r < t_.run_len.size(); ++r) {  // each run one kind of operation
    ok = t_.run_len[r] > 0 && covered + t_.run_len[r] <= n;
    for (std::size_t k = covered; ok && k < covered + t_.run_len[r]; ++k) ok = t_.op[k] == t_.op[covered];
    covered += ok ? t_.run_len[r] : 0;
  }
  ok = ok && covered == n;
  if (!ok) throw std::invalid_argument("TapeSgdKernel: a malformed compiled tape");
  if (t_.rows.empty()) t_.rows.push_back(0.0);  // a loss without data: one example of no columns
  if (layout_ == Layout::Auto) layout_ = t_.slots <= kRunsSlots ? Layout::Runs : Layout::Dimension;
  if (layout_ == Layout::Dimension) plan_wide();
}

// The operations renumbered in order and cut greedily into segments: equal operations whose operand slots advance by
// fixed strides and lie below the segment's first result. Each segment starts on a multiple of 8 slots, so that a
// later segment reading it loads what it stored register for register (a load spanning two recent stores waits for
// both to reach the cache). Then operands within the data row are read from the row itself, and a segment whose
// results only the gradient reads, in order, adds them to it directly.
void TapeSgdKernel::plan_wide() {
  constexpr int kPad = 16;  // two registers of the widest ISA: loads (stride 2) may run that far past a segment
  const int n = static_cast<int>(t_.op.size()), dim = t_.dim, inputs = dim + t_.cols;
  std::vector<int> slot(t_.slots, -1);  // the new slot of the value each of t_'s slots holds, in order
  for (int i = 0; i < inputs; ++i) slot[i] = i;
  w_.const_slot = inputs;
  for (std::size_t q = 0; q < t_.out.size(); ++q)
    if (t_.out[q] < 0) w_.consts.push_back(t_.out_c[q]);
  int next = inputs + static_cast<int>(w_.consts.size());  // the first free slot
  const auto region = [&](int x) { return x < 0 ? -1 : x < dim ? 0 : x < inputs ? 1 : 2; };  // theta, the row, values
  for (int k = 0; k < n; ++k) {
    const int a = slot[t_.a[k]], b = t_.b[k] >= 0 ? slot[t_.b[k]] : -1;
    simd::TapeSegment* s = w_.seg.empty() ? nullptr : &w_.seg.back();
    const bool extends = s && s->op == t_.op[k] && a < s->dst && b < s->dst && region(a) == region(s->a) &&
                         region(b) == region(s->b) && (s->n == 1 || (a == s->a + s->n * s->sa && b == s->b + s->n * s->sb));
    if (extends) {
      if (s->n == 1) s->sa = a - s->a, s->sb = b - s->b;
      slot[t_.dst[k]] = s->dst + s->n++;
    } else {
      next = pad8(next) + 8;  // a line apart: power-of-two segments back to back put results 4 KB from operands
      w_.seg.push_back({t_.op[k], 0, 1, next, a, 0, b, 0, k, -1});
      slot[t_.dst[k]] = next;
    }
    ++next;
  }
  std::vector<simd::TapeSegment> gathers;  // gradient entries read from slots (a fused segment's, or identity segments)
  std::vector<int> out(t_.out.size());
  for (std::size_t q = 0, i = 0; q < t_.out.size(); ++q) out[q] = t_.out[q] < 0 ? w_.const_slot + static_cast<int>(i++) : slot[t_.out[q]];
  for (int q = 0; q < dim;) {
    int e = q + 1;
    const int s = e < dim ? out[e] - out[q] : 0;
    while (e < dim && out[e] - out[e - 1] == s) ++e;
    gathers.push_back({simd::TapeOp::Input, 0, e - q, q, out[q], e - q > 1 ? s : 0, -1, 0, 0, -1});
    q = e;
  }
  // The slots x + s j, j < n: [lo, hi]; where an operand counts from (views.hpp), x rebased. Segments on theta alone
  // (and on such segments' results) are shared by the examples of a step: their slots are block 0's alone.
  const auto lo = [](int x, int s, int m) { return std::min(x, x + s * (m - 1)); };
  const auto hi = [](int x, int s, int m) { return std::max(x, x + s * (m - 1)); };
  const auto meets = [&](int x, int s, int m, int from, int to) { return lo(x, s, m) < to && hi(x, s, m) >= from; };
  std::vector<char> zero(next, 0);  // block 0's alone
  std::fill_n(zero.begin(), dim, 1);
  const auto count_zero = [&](int x, int s, int m) {
    int k = 0;
    for (int j = 0; j < m; ++j) k += zero[x + s * j];
    return k;
  };
  const auto all_zero = [&](int x, int s, int m) { return count_zero(x, s, m) == m; };
  std::vector<char> shared(w_.seg.size(), 0);
  for (std::size_t i = 0; i < w_.seg.size(); ++i) {
    auto& x = w_.seg[i];
    if (all_zero(x.a, x.sa, x.n) && (x.b < 0 || all_zero(x.b, x.sb, x.n)))
      shared[i] = 1, std::fill_n(zero.begin() + x.dst, x.n, 1);
  }
  bool apart = true;  // no operand of a block reaches block 0's alone (else one example a block)
  const auto place = [&](int& x, int s, int m) {
    if (x < 0 || all_zero(x, s, m)) return 2;
    if (lo(x, s, m) >= dim && hi(x, s, m) < inputs) return x -= dim, 1;
    apart = apart && count_zero(x, s, m) == 0;
    w_.copy_row = w_.copy_row || meets(x, s, m, dim, inputs);
    return 0;
  };
  for (auto& x : w_.seg) x.from = static_cast<unsigned char>(place(x.a, x.sa, x.n) | place(x.b, x.sb, x.n) << 2);
  for (auto& x : gathers) x.from = static_cast<unsigned char>(place(x.a, x.sa, x.n));
  for (std::size_t i = 0; i < gathers.size();) {  // fuse: the segment writing exactly o's slots, read by nothing else
    const auto& o = gathers[i];
    const auto reads = [&](int from, int x, int s, int m) { return from == 0 && x >= 0 && meets(x, s, m, o.a, o.a + o.n); };
    auto f = std::find_if(w_.seg.begin(), w_.seg.end(), [&](const simd::TapeSegment& x) { return x.dst == o.a && x.n == o.n; });
    f = f != w_.seg.end() && shared[static_cast<std::size_t>(f - w_.seg.begin())] ? w_.seg.end() : f;
    bool alone = (o.from & 3) == 0 && f != w_.seg.end() && (o.sa == 1 || o.n == 1);
    for (const auto& x : w_.seg) alone = alone && !reads(x.from & 3, x.a, x.sa, x.n) && !reads(x.from >> 2, x.b, x.sb, x.n);
    for (const auto& x : gathers) alone = alone && (&x == &o || !reads(x.from & 3, x.a, x.sa, x.n));
    if (!alone) {
      ++i;
      continue;
    }
    f->g = o.dst;
    gathers.erase(gathers.begin() + static_cast<long>(i));
  }
  std::vector<simd::TapeSegment> rest;
  for (std::size_t i = 0; i < w_.seg.size(); ++i) (shared[i] ? w_.shared : rest).push_back(w_.seg[i]);
  for (const auto& o : gathers)  // the other gradient entries: identity segments after the rest, added in place
    rest.push_back({simd::TapeOp::Input, static_cast<unsigned char>(o.from | 2 << 2), o.n, -1, o.a, o.sa, -1, 0, 0, o.dst});
  w_.seg = std::move(rest);
  w_.c = t_.c;
  w_.c.resize(std::max(n, dim) + kPad, 0.0);  // the identity segments read c[0..n) too
  // The rows on cache lines, pad8(cols) apart, and whole registers past the last.
  const std::size_t cp = pad8(t_.cols), N = t_.rows.size() / std::max(t_.cols, 1);
  w_.rows.assign(N * cp + kPad, 0.0);
  for (std::size_t i = 0; i < N; ++i) std::copy_n(t_.rows.begin() + static_cast<long>(i * t_.cols), t_.cols, w_.rows.begin() + static_cast<long>(i * cp));
  w_.span = pad8(next + kPad);
  // Examples a block: 4 or 2 where it divides B and the blocks stay within 256 KB (well inside an L2 cache), else 1.
  // Their chains of dependent operations (a sum's tree, above all) overlap: measured at d = 256, least squares runs
  // 149 ns a gradient with 2 (21 KB), 122 with 4 (43 KB); diag-uv 237 with 1 (19 KB), 217 with 4 (76 KB).
  constexpr long kBlockBytes = 256 * 1024;
  const int B = batch_size();
  const long bytes = static_cast<long>(w_.span) * 8;
  w_.block = !apart ? 1 : B % 4 == 0 && 4 * bytes <= kBlockBytes ? 4 : B % 2 == 0 && 2 * bytes <= kBlockBytes ? 2 : 1;
}

TapeSgdKernel::Plan TapeSgdKernel::plan() const {
  if (layout_ != Layout::Dimension) return {};
  const auto count = [&](bool identity) {
    return static_cast<int>(std::count_if(w_.seg.begin(), w_.seg.end(), [&](const simd::TapeSegment& s) {
      return s.g >= 0 && (s.op == simd::TapeOp::Input) == identity;
    }));
  };
  return {static_cast<int>(w_.shared.size()), static_cast<int>(w_.seg.size()) - count(true), count(false), count(true),
          w_.block, w_.copy_row};
}

int TapeSgdKernel::scratch_doubles() const {
  if (layout_ == Layout::Dimension) return w_.block * w_.span + pad8(dim()) + 8 + 16;
  return t_.slots * 32 + dim() * 32 + 32;  // J <= 4
}

void TapeSgdKernel::unpack(const double* state, double* theta) const { std::copy(state, state + dim(), theta); }

void TapeSgdKernel::run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const {
  if (layout_ == Layout::Dimension)
    return t.tape_wide(simd::TapeWideView{batch_view(), w_.shared.data(), static_cast<int>(w_.shared.size()), w_.seg.data(),
                                          static_cast<int>(w_.seg.size()), w_.c.data(), w_.consts.data(),
                                          static_cast<int>(w_.consts.size()), w_.const_slot, w_.span, w_.block, dim(), t_.cols,
                                          w_.copy_row, w_.rows.data(), pad8(t_.cols), stride(), u_},
                       orders, state, count, scratch);
  t.tape(tape_view(t_, batch_view(), stride(), u_), orders, state, count, scratch);
}

}  // namespace irverify
