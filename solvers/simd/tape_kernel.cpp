#include "solvers/simd/tape_kernel.hpp"

#include <algorithm>
#include <stdexcept>

namespace irverify {

TapeSgdKernel::TapeSgdKernel(CompiledTape tape, const std::vector<std::vector<int>>& batches, double eps)
    : SgdKernel("TapeSgdKernel", tape.dim, pad8(tape.dim), tape.examples, batches, eps), t_(std::move(tape)) {
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
}

void TapeSgdKernel::pack(const double* theta, double* state) const {
  std::fill(std::copy(theta, theta + dim(), state), state + stride(), 0.0);
}
void TapeSgdKernel::unpack(const double* state, double* theta) const { std::copy(state, state + dim(), theta); }

void TapeSgdKernel::run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const {
  t.tape(simd::TapeView{batch_view(), t_.op.data(), t_.a.data(), t_.b.data(), t_.dst.data(), t_.c.data(), t_.run_len.data(),
                        static_cast<int>(t_.run_len.size()), t_.slots, dim(), t_.cols, t_.rows.data(), t_.out.data(),
                        t_.out_c.data(), stride()},
         orders, state, count, scratch);
}

}  // namespace irverify
