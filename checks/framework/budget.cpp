#include "checks/framework/budget.hpp"

#include "theory/scalar.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <vector>

namespace irverify {

double default_memory_budget() {
  const double eight_gib = 8.0 * (1ULL << 30);
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? std::min(eight_gib, 0.5 * double(pages) * double(page)) : eight_gib;
}

namespace {

// Best time per multiply-add of a 256-term dot product in S, over 5 runs of at least 2 ms each.
template <class S> double probe() {
  constexpr int n = 256;
  std::vector<S> a(n), b(n);
  for (int i = 0; i < n; ++i) {
    a[i] = S(1) + S(i) / n;
    b[i] = S(1) - S(i) / (2 * n);
  }
  double best = 1e300;
  S sink(0);
  for (int rep = 0; rep < 5; ++rep) {
    long ops = 0;
    const auto t0 = std::chrono::steady_clock::now();
    double dt = 0;
    do {
      S acc(0);
      for (int i = 0; i < n; ++i) acc += a[i] * b[i];
      sink += acc;
      ops += n;
      dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    } while (dt < 2e-3);
    best = std::min(best, dt / double(ops));
  }
  if (sink == S(-1)) best *= 2;  // keeps the loop
  return best;
}

}  // namespace

double seconds_per_multiply_add(const Precision& precision) {
  static std::mutex m;
  static std::vector<double> cache(scalar_names().size(), 0.0);  // a measurement of this machine, kept per process
  std::lock_guard<std::mutex> lock(m);
  double& c = cache.at(static_cast<std::size_t>(precision.index));
  if (c == 0)
    c = precision.visit([](auto tag) {
      using S = typename decltype(tag)::type;
      return probe<S>() / (std::is_same<S, double>::value ? 8 : 2);
    });
  return c;
}

CostEstimate estimate_cost(const ProblemSpec& spec, const Precision& precision, int levels, EigenSize eigen,
                           bool forms_hessian, const Precision* batch_precision) {
  const double N = spec.num_examples(), P = spec.dim(), F = spec.features();
  const double bytes_per = precision.bytes;
  CostEstimate e;
  const double n = eigen == EigenSize::Parameters ? P : eigen == EigenSize::Examples ? N : 0;
  const double hessian = forms_hessian ? N * P * P / 2 : 0, eig = 4 * n * n * n / 3, gradients = double(levels) * N * P;
  e.multiply_adds = hessian + eig + gradients;
  const double rate = seconds_per_multiply_add(precision);
  e.seconds = e.multiply_adds * rate;
  e.bytes = bytes_per * ((forms_hessian ? P * P : P) + N * (F + 1));
  e.basis = fmt::format("N = {:.0f} examples, P = {:.0f} parameters: {}one {:.0f} x {:.0f} eigenproblem 4 n^3/3 = {:.3g} "
                        "and {} gradients N P = {:.3g} multiply-adds at {:.3g} ns each in {}; memory: {} and the data at "
                        "{:.0f} bytes per number",
                        N, P, forms_hessian ? fmt::format("one Hessian N P^2/2 = {:.3g}, ", hessian) : "", n, n, eig, levels,
                        gradients, rate * 1e9, precision.name, forms_hessian ? "one P x P matrix" : "theta (no Hessian)",
                        bytes_per);
  if (batch_precision && spec.batch > 0) {
    const double step = double(spec.batch) * P, step_rate = seconds_per_multiply_add(*batch_precision);
    e.multiply_adds += step;
    e.seconds += step * step_rate;
    e.basis += fmt::format("; one step on a batch of {} examples, B P = {:.3g} multiply-adds at {:.3g} ns each in {}", spec.batch,
                           step, step_rate * 1e9, batch_precision->name);
  }
  return e;
}

std::string human_seconds(double s) {
  if (s >= 2 * 86400) return fmt::format("{:.3g} days", s / 86400);
  if (s >= 2 * 3600) return fmt::format("{:.3g} h", s / 3600);
  if (s >= 120) return fmt::format("{:.3g} min", s / 60);
  return fmt::format("{:.3g} s", s);
}

std::string human_bytes(double b) {
  if (b >= (1ULL << 30)) return fmt::format("{:.3g} GiB", b / double(1ULL << 30));
  if (b >= (1ULL << 20)) return fmt::format("{:.3g} MiB", b / double(1ULL << 20));
  return fmt::format("{:.0f} bytes", b);
}

}  // namespace irverify
