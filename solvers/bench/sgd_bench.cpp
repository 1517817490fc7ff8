// Shuffled-SGD benchmarks (issues 4 and 16): per-example gradient evaluations per second for Monte Carlo SGD on least
// squares (d = 16 and 256, B = 4, N = 64, double) on 1 and 2 threads, through the generic Model path, the Eigen
// row-major loop that was the kernel before issue 16 (kept here as the baseline), and the SIMD kernel
// (solvers/simd/ls_kernel.hpp) on each ISA; the other models' kernels against their generic path; formula models (SGD,
// label noise, weight decay, heavy ball, Adam) through the generic path and the tape kernel; and the exact enumeration
// of 8! orders.
// Run: build/solvers/bench/sgd_bench   (counter grad/s = per-example gradients per second).
#include "solvers/ln/label_noise.hpp"
#include "solvers/sgd/kernel_monte_carlo.hpp"
#include "solvers/sgd/monte_carlo.hpp"
#include "solvers/sgd/optimizer_steps.hpp"
#include "solvers/simd/ls_optimizer_kernel.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

using namespace irverify;

namespace {

constexpr int kN = 64, kB = 4;

ProblemSpec problem(int d, int n = kN) {
  ProblemSpec s = generate_problem("least-squares", 11, {n, d, 0});
  s.partition.clear();
  for (int i = 0; i < n; i += kB) s.partition.push_back({i, i + 1, i + 2, i + 3});
  return s;
}

// Wall seconds of f() (the x_hand counters' side-by-side timings).
template <class F> double seconds(F f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void report(benchmark::State& state, long samples, int n = kN) {
  const double grads = double(state.iterations()) * double(samples) * n;
  state.counters["grad/s"] = benchmark::Counter(grads, benchmark::Counter::kIsRate);
}

void BM_McGenericModel(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0)), threads = static_cast<int>(state.range(1));
  const Problem<double> p = build_problem<double>(problem(d));
  McOptions o{{1, 2048, threads}, false};
  o.simd = false;
  for (auto _ : state) benchmark::DoNotOptimize(mc_epoch_mean<double>(*p.model, p.partition, p.theta0, 1e-3, o).mean);
  report(state, o.run.samples);
}

// The pre-issue-16 kernel: theta -= (eps/B) sum_i (x_i . theta - y_i) x_i with Eigen row operations (SSE2).
class EigenRowLoop {
 public:
  using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  EigenRowLoop(RowMat X, Eigen::VectorXd y, std::vector<std::vector<int>> partition, double eps)
      : X_(std::move(X)), y_(std::move(y)), part_(std::move(partition)), eps_(eps) {}
  void epoch(const std::vector<int>& order, Eigen::VectorXd& theta) const {
    Eigen::VectorXd g(X_.cols());
    for (int k : order) {
      const auto& b = part_[k];
      g.setZero();
      for (int i : b) g.noalias() += (X_.row(i).dot(theta) - y_(i)) * X_.row(i).transpose();
      theta.noalias() -= (eps_ / static_cast<double>(b.size())) * g;
    }
  }
  int batches() const { return static_cast<int>(part_.size()); }

 private:
  RowMat X_;
  Eigen::VectorXd y_;
  std::vector<std::vector<int>> part_;
  double eps_;
};

std::pair<std::vector<double>, std::vector<double>> data(const ProblemSpec& s) {
  const int d = s.features();
  std::vector<double> X, y;
  for (int i = 0; i < s.num_examples(); ++i) {
    for (int j = 0; j < d; ++j) X.push_back(std::stod(s.data[i][j]));
    y.push_back(std::stod(s.data[i][d]));
  }
  return {X, y};
}

void BM_McEigenRowLoop(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0)), threads = static_cast<int>(state.range(1));
  const ProblemSpec s = problem(d);
  const Problem<double> p = build_problem<double>(s);
  const auto [Xv, y] = data(s);
  const EigenRowLoop k(Eigen::Map<const EigenRowLoop::RowMat>(Xv.data(), kN, d), Eigen::Map<const Eigen::VectorXd>(y.data(), kN),
                       s.partition, 1e-3);
  const std::function<void(std::uint64_t, bool, Eigen::VectorXd&)> epoch = [&](std::uint64_t s, bool rev,
                                                                                Eigen::VectorXd& x) {
    std::vector<int> pi = random_order(k.batches(), 1, s);
    if (rev) std::reverse(pi.begin(), pi.end());
    k.epoch(pi, x);
  };
  const McOptions o{{1, 8192, threads}, false};
  for (auto _ : state) benchmark::DoNotOptimize(mc_mean<double>(epoch, k.batches(), p.theta0, p.theta0, o).mean);
  report(state, o.run.samples);
}

// The SIMD kernel through mc_kernel_mean; range(2) = ISA (0 sse2, 1 avx2, 2 avx512); range(3) = N
// (N = 8 keeps X in L1 at d = 256: 16 KB against 128 KB at N = 64).
void BM_McSimdKernel(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0)), threads = static_cast<int>(state.range(1));
  const Isa isa = static_cast<Isa>(state.range(2));
  const int n = static_cast<int>(state.range(3));
  if (!isa_supported(isa)) return state.SkipWithError("ISA not supported here");
  const ProblemSpec s = problem(d, n);
  const Problem<double> p = build_problem<double>(s);
  const auto k = make_sgd_kernel(s, s.partition, 1e-3);
  const McOptions o{{1, 32768, threads}, false};
  for (auto _ : state) benchmark::DoNotOptimize(mc_kernel_mean(*k, p.theta0, p.theta0, o, isa).mean);
  state.SetLabel(isa_name(isa));
  report(state, o.run.samples, n);
}

// The other models' kernels against their generic Model path, one thread, N = 64, B = 4, double: range(0) = model
// (kKernelModels), range(1) = path (0 generic Model, 1 SIMD kernel on the best ISA). Counters: per-example gradients/s
// and the kernel's multiply-adds/s (SgdKernel::multiply_adds per gradient), to set against least squares'.
struct KernelModel {
  const char* model;
  GeneratorOptions size;
};
const KernelModel kKernelModels[] = {
    {"diag-uv", {kN, 16, 0, 0}},         {"diag-uv", {kN, 256, 0, 0}},         {"diag-uu-vv", {kN, 16, 0, 0}},
    {"two-layer-tanh", {kN, 16, 16, 0}}, {"two-layer-relu", {kN, 16, 16, 0}}, {"linear2", {kN, 16, 16, 4}},
    {"relu2", {kN, 16, 16, 4}},          {"relu2", {kN, 64, 64, 8}}};

void BM_McModelKernel(benchmark::State& state) {
  const KernelModel& km = kKernelModels[state.range(0)];
  const bool kernel = state.range(1) == 1;
  ProblemSpec s = generate_problem(km.model, 11, km.size);
  s.partition.clear();
  for (int i = 0; i < kN; i += kB) s.partition.push_back({i, i + 1, i + 2, i + 3});
  const Problem<double> p = build_problem<double>(s);
  const auto k = make_sgd_kernel(s, s.partition, 1e-3);
  McOptions o{{1, kernel ? 4096L : 64L, 1}, false};
  o.simd = false;  // the generic path when not the kernel
  for (auto _ : state)
    benchmark::DoNotOptimize(kernel ? mc_kernel_mean(*k, p.theta0, p.theta0, o, best_isa()).mean
                                    : mc_epoch_mean<double>(*p.model, p.partition, p.theta0, 1e-3, o).mean);
  state.SetLabel(fmt::format("{} p={} h={} q={} {}", km.model, km.size.features, km.size.hidden, km.size.outputs,
                             kernel ? isa_name(best_isa()) : "generic"));
  report(state, o.run.samples);
  state.counters["madd/s"] = benchmark::Counter(double(state.iterations()) * o.run.samples * kN * k->multiply_adds(),
                                                benchmark::Counter::kIsRate);
}

// Formula models (issue 34) against the hand kernel of the model they rewrite: least squares and diag-uv as formulas
// (as_formula), d = 16 and 256, N = 64, B = 4, one thread; range(0) = model (0 least squares, 1 diag-uv), range(1) =
// d, range(2) = path (0 the generic Model path, 1 the tape kernel on the best ISA). Counter x_hand: how many times
// slower than the hand kernel of the built-in model on the same problem, timed side by side after the loop.
void BM_McFormulaPath(benchmark::State& state) {
  const char* model = state.range(0) == 0 ? "least-squares" : "diag-uv";
  const int d = static_cast<int>(state.range(1));
  const bool tape = state.range(2) == 1;
  ProblemSpec s = generate_problem(model, 11, {kN, d, 0, 0});
  s.partition.clear();
  for (int i = 0; i < kN; i += kB) s.partition.push_back({i, i + 1, i + 2, i + 3});
  const ProblemSpec f = as_formula(s);
  const Problem<double> p = build_problem<double>(f);
  McOptions o{{1, tape ? (d > 64 ? 256L : 2048L) : (d > 64 ? 8L : 64L), 1}, false};
  o.simd = tape;
  // The kernel paths timed alike, each building its kernel (the tape's compilation included) and running the samples
  // from reference point theta0 (mc_epoch_mean's first-order reference point, a generic-path evaluation, left out).
  const auto through_kernel = [&](const Model<double>& model) {
    benchmark::DoNotOptimize(mc_kernel_mean(*make_sgd_kernel(model, p.partition, 1e-3), p.theta0, p.theta0, o, best_isa()).mean);
  };
  double mine = 0;
  for (auto _ : state)
    mine += seconds([&] {
      if (tape) through_kernel(*p.model);
      else benchmark::DoNotOptimize(mc_epoch_mean<double>(*p.model, p.partition, p.theta0, 1e-3, o).mean);
    });
  const Problem<double> builtin = build_problem<double>(s);
  const double hand = seconds([&] { through_kernel(*builtin.model); });
  state.SetLabel(fmt::format("formula {} d={} {}", model, d, tape ? std::string("tape kernel ") + isa_name(best_isa()) : "generic"));
  report(state, o.run.samples);
  state.counters["x_hand"] = mine / double(state.iterations()) / hand;
}

// Minibatch heavy ball and Adam on least squares through their SIMD kernel (solvers/simd/ls_optimizer_kernel.hpp)
// against plain SGD's kernel on the same batches: d = 16, N = 64, one epoch per sample, one thread; range(0) =
// optimizer (0 heavy ball, 1 Adam eps outside, bias-corrected, 2 plain SGD), range(1) = B (4 or 16), range(2) = ISA.
void BM_McLsOptimizer(benchmark::State& state) {
  const bool adam = state.range(0) == 1, sgd = state.range(0) == 2;
  const int B = static_cast<int>(state.range(1));
  const Isa isa = static_cast<Isa>(state.range(2));
  if (!isa_supported(isa)) return state.SkipWithError("ISA not supported here");
  ProblemSpec s = generate_problem("least-squares", 11, {kN, 16, 0});
  s.partition.clear();
  for (int i = 0; i < kN; i += B) {
    s.partition.emplace_back();
    for (int j = i; j < i + B; ++j) s.partition.back().push_back(j);
  }
  const Problem<double> p = build_problem<double>(s);
  const auto [X, y] = data(s);
  const std::unique_ptr<SgdKernel> k =
      sgd ? make_sgd_kernel(s, s.partition, 1e-3)
          : std::make_unique<LsOptimizerKernel>(X, y, 16, s.partition,
                                                simd::Update{adam ? simd::UpdateKind::Adam : simd::UpdateKind::HeavyBall, 1e-3,
                                                             0.9, 0.999, 1e-8, 0, false, true});
  const McOptions o{{1, 32768, 1}, false};
  for (auto _ : state) benchmark::DoNotOptimize(mc_kernel_mean(*k, p.theta0, p.theta0, o, isa).mean);
  state.SetLabel(fmt::format("{} B={} {}", sgd ? "SGD" : adam ? "Adam" : "heavy ball", B, isa_name(isa)));
  report(state, o.run.samples);
}

// Minibatch weight decay, heavy ball and Adam on formula models (issue 34): least squares as a formula (as_formula),
// d = 16 and 256, N = 64, B = 4, one epoch a sample from rest, one thread; range(0) = optimizer (0 weight decay, 1 heavy
// ball, 2 Adam with eps outside, bias-corrected), range(1) = d, range(2) = path (0 the generic Model path:
// solvers/sgd/optimizer_steps.hpp on the formula's batch gradients; 1 the tape kernel on the best ISA,
// make_optimizer_kernel). Counter x_hand: how many times slower than LsOptimizerKernel on the built-in model of the
// same problem, timed side by side after the loop (each kernel path building its kernel).
void BM_McOptimizerPath(benchmark::State& state) {
  using K = simd::UpdateKind;
  const simd::Update updates[] = {
      {K::WeightDecay, 1e-3, 0, 0, 0, 0.1}, {K::HeavyBall, 1e-3, 0.9}, {K::Adam, 1e-3, 0.9, 0.999, 1e-8, 0, false}};
  const simd::Update u = updates[state.range(0)];
  const int d = static_cast<int>(state.range(1));
  const bool tape = state.range(2) == 1;
  const ProblemSpec s = problem(d);
  const Problem<double> formula = build_problem<double>(as_formula(s)), builtin = build_problem<double>(s);
  const McOptions o{{1, tape ? (d > 64 ? 256L : 2048L) : (d > 64 ? 8L : 64L), 1}, false};
  const auto through_kernel = [&](const Model<double>& model) {
    const auto k = make_optimizer_kernel(model, s.partition, u);
    benchmark::DoNotOptimize(mc_kernel_mean(*k, formula.theta0, formula.theta0, o, best_isa()).mean);
  };
  const std::function<void(std::uint64_t, bool, Vec<double>&)> epoch = [&](std::uint64_t k, bool, Vec<double>& x) {
    OptimizerSteps<double> step(*formula.model, u);
    Vec<double> z = step.start(x);
    for (const Batch& b : epoch_batches(s.partition, kN, Sampling::Shuffle, o.run.seed, k)) step(z, b);
    x = z.head(d);
  };
  double mine = 0;
  for (auto _ : state)
    mine += seconds([&] {
      if (tape) return through_kernel(*formula.model);
      benchmark::DoNotOptimize(mc_mean<double>(epoch, static_cast<int>(s.partition.size()), formula.theta0, formula.theta0, o).mean);
    });
  const double hand = seconds([&] { through_kernel(*builtin.model); });
  const char* names[] = {"weight decay", "heavy ball", "Adam"};
  state.SetLabel(fmt::format("{}, formula least-squares d={} {}", names[state.range(0)], d,
                             tape ? std::string("tape kernel ") + isa_name(best_isa()) : "generic"));
  report(state, o.run.samples);
  state.counters["x_hand"] = mine / double(state.iterations()) / hand;
}

// Label-noise SGD Monte Carlo (solvers/ln/label_noise.hpp) on the same least squares, B = 4 with replacement, 16
// steps per run (one epoch's worth of examples): the mean and its standard errors, as the SGD benchmarks measure
// (label_noise_path at the last step), and the mean with the full d x d covariance (label_noise_moments).
void BM_LabelNoiseMean(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0)), threads = static_cast<int>(state.range(1));
  const Problem<double> p = build_problem<double>(problem(d));
  LabelNoiseMcOptions o;
  o.run.samples = 8192;
  o.run.threads = threads;
  const LabelNoise<double> ln{1e-3, 0.1, kB, BatchSampling::WithReplacement};
  const std::function<Vec<double>(const Vec<double>&)> id = [](const Vec<double>& x) { return x; };
  for (auto _ : state) benchmark::DoNotOptimize(label_noise_path<double>(*p.model, ln, p.theta0, {kN / kB}, o, id).mean);
  report(state, o.run.samples);
}
void BM_LabelNoiseCovariance(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0)), threads = static_cast<int>(state.range(1));
  const Problem<double> p = build_problem<double>(problem(d));
  LabelNoiseMcOptions o;
  o.run.samples = 2048;
  o.steps = kN / kB;
  o.run.threads = threads;
  const LabelNoise<double> ln{1e-3, 0.1, kB, BatchSampling::WithReplacement};
  for (auto _ : state) benchmark::DoNotOptimize(label_noise_moments<double>(*p.model, ln, p.theta0, p.theta0, o).mean);
  report(state, o.run.samples);
}

// Label-noise SGD on formula models (issue 34): least squares and diag-uv as formulas (as_formula), d = 16 and 256,
// N = 64, B = 4 with replacement, 16 steps a run, one thread; range(0) = model (0 least squares, 1 diag-uv), range(1)
// = d, range(2) = path (0 the generic Model path: LabelNoiseStep's runs one by one, residuals and output gradients
// from the formula's tapes; 1 label_noise_path, which takes the tape kernel: LabelNoiseLanes on the best ISA). Counter
// x_hand: how many times slower than label_noise_path on the built-in model of the same problem (its fastest path:
// LabelNoiseLanes' diag_noise for the diagonal net, the fused Eigen passes for least squares), timed after the loop.
void BM_LabelNoiseFormula(benchmark::State& state) {
  const char* model = state.range(0) == 0 ? "least-squares" : "diag-uv";
  const int d = static_cast<int>(state.range(1));
  const bool tape = state.range(2) == 1;
  const ProblemSpec s = generate_problem(model, 11, {kN, d, 0, 0});
  const Problem<double> formula = build_problem<double>(as_formula(s)), builtin = build_problem<double>(s);
  LabelNoiseMcOptions o;
  o.run.samples = tape ? (d > 64 ? 256 : 4096) : (d > 64 ? 16 : 256);
  o.run.threads = 1;
  const LabelNoise<double> ln{1e-3, 0.1, kB, BatchSampling::WithReplacement};
  const long steps = kN / kB;
  const std::function<Vec<double>(const Vec<double>&)> id = [](const Vec<double>& x) { return x; };
  const auto path = [&](const Problem<double>& p) {
    benchmark::DoNotOptimize(label_noise_path<double>(*p.model, ln, p.theta0, {steps}, o, id).mean);
  };
  double mine = 0;
  for (auto _ : state)
    mine += seconds([&] {
      if (tape) return path(formula);
      Vec<double> x;
      for (long k = 0; k < o.run.samples; ++k) {
        LabelNoiseStep<double> step(*formula.model, ln, 1, static_cast<std::uint64_t>(k));
        x = formula.theta0;
        for (long t = 0; t < steps; ++t) step(x);
        benchmark::DoNotOptimize(x);
      }
    });
  const double hand = seconds([&] { path(builtin); });
  state.SetLabel(fmt::format("label noise, formula {} d={} {}", model, d, tape ? std::string("tape kernel ") + isa_name(best_isa()) : "generic"));
  report(state, o.run.samples);
  state.counters["x_hand"] = mine / double(state.iterations()) / hand;
}

template <class S> void BM_ExactEnumeration8(benchmark::State& state) {
  const Problem<S> p = build_problem<S>(generate_problem("least-squares", 1));  // N = 8 examples
  Partition part;
  for (int i = 0; i < 8; ++i) part.push_back({i});
  EpochMean<S> e;
  for (auto _ : state) benchmark::DoNotOptimize(e = exact_epoch_mean<S>(*p.model, part, p.theta0, S(1) / 64));
  state.counters["batch_steps"] = double(e.batch_steps);
  state.counters["orders"] = double(e.orders);
}

}  // namespace

BENCHMARK(BM_McGenericModel)->Args({16, 1})->Args({16, 2})->Args({256, 1})->Args({256, 2})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_McEigenRowLoop)->Args({16, 1})->Args({16, 2})->Args({256, 1})->Args({256, 2})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_McSimdKernel)->ArgsProduct({{16, 256}, {1, 2}, {0, 1, 2}, {kN}})->Args({256, 1, 2, 8})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_McModelKernel)->ArgsProduct({{0, 1, 2, 3, 4, 5, 6, 7}, {0, 1}})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_McFormulaPath)->ArgsProduct({{0, 1}, {16, 256}, {0, 1}})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_McLsOptimizer)->ArgsProduct({{2, 0, 1}, {4, 16}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_McOptimizerPath)->ArgsProduct({{0, 1, 2}, {16, 256}, {0, 1}})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LabelNoiseMean)->Args({2, 1})->Args({4, 1})->Args({8, 1})->Args({16, 1})->Args({256, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LabelNoiseFormula)->ArgsProduct({{0, 1}, {16, 256}, {0, 1}})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LabelNoiseCovariance)->Args({16, 1})->Args({256, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_TEMPLATE(BM_ExactEnumeration8, double)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_ExactEnumeration8, mp50)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
