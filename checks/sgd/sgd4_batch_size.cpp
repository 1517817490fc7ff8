#include "checks/sgd/sgd4_batch_size.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/framework/sgd_setup.hpp"
#include "solvers/parallel/block_map.hpp"
#include "solvers/sgd/partitions.hpp"
#include "solvers/stats/confidence.hpp"

#include <algorithm>

namespace irverify {

std::vector<ProblemSpec> sgd_batch_size_problems() {
  std::vector<ProblemSpec> v;
  for (const char* kind : {"least-squares", "diag-uv", "two-layer-tanh"}) v.push_back(generate_problem(kind, 1, {12, 0, 0}));
  v.push_back(generate_problem("least-squares", 2, {48, 0, 0}));
  return v;
}

namespace sgd4 {

// The measurement at theta0: the per-example gradients' scatter Gamma, the identity on the problem's partition, and
// per batch size B dividing N the partition average of the batch scatter against the formula and the control.
template <class S> struct Identity {
  int m = 0;
  S lhs, rhs, tol;  // (1/m) sum_k |g_k|^2, |g|^2 + (1/m) sum_k |g_k - g|^2, 64 N eps max(1, lhs)
};
template <class S> struct PartitionAverage {
  int B = 0, m = 0;
  long long count = 0;  // partitions (-1: more than 2^62)
  bool exact = false;   // every partition enumerated; else `samples` random partitions
  long samples = 0;
  S mean, formula, wrong;
  // Exact: relative differences from the formula and from the control, and the tolerance 16 count eps.
  // Monte Carlo: z-scores against both, and the standard error of the mean.
  S dev, dev_wrong, tol_or_se;
};
template <class S> struct Sgd4Measurement {
  S gamma;
  Identity<S> identity;
  std::vector<PartitionAverage<S>> averages;
};

// The judgement of one batch size: the formula holds; the control (N for N - 1) is rejected, not rejected, or not
// resolved by the sample.
enum class ControlOutcome { rejected, not_rejected, unresolved };
struct AverageVerdict {
  bool holds;
  ControlOutcome control;
};

// (1/m) sum_k ||mean_{i in k} G_i - g||^2 for one partition; mk: scratch of g's size.
template <class S> S batch_scatter(const std::vector<Vec<S>>& G, const Vec<S>& g, const Blocks& blocks, Vec<S>& mk) {
  S v(0);
  for (const auto& b : blocks) {
    mk.setZero();
    for (int i : b) mk += G[i];
    // mk / |b| entry by entry by an integer (MPFR: mpfr_div_si): the correctly rounded quotient that dividing by
    // S(|b|) gives, without a full-precision division.
    const long n = static_cast<long>(b.size());
    for (Eigen::Index j = 0; j < mk.size(); ++j) mk(j) = mk(j) / n;
    v += (mk - g).squaredNorm();
  }
  return v / S(static_cast<int>(blocks.size()));
}

template <class S> Identity<S> measure_identity(const LadderSetup<S>& st, const std::vector<Vec<S>>& G, const Blocks& part) {
  const Model<S>& m = st.model();
  const S nb(static_cast<int>(part.size()));
  Identity<S> id;
  id.m = static_cast<int>(part.size());
  id.lhs = S(0);
  for (const auto& b : part) {
    Batch bb(b.begin(), b.end());
    id.lhs += m.gradient(st.theta0(), bb).squaredNorm();
  }
  id.lhs /= nb;
  Vec<S> mk(st.g0.size());
  id.rhs = st.g0.squaredNorm() + batch_scatter<S>(G, st.g0, part, mk);
  id.tol = tol::ulps<S>(64 * m.num_examples()) * std::max(S(1), id.lhs);
  return id;
}

// Every partition into batches of B: the exact average.
template <class S> void exact_average(const std::vector<Vec<S>>& G, const Vec<S>& g, PartitionAverage<S>& a) {
  using std::abs;
  const int N = static_cast<int>(G.size());
  S sum(0);
  Vec<S> mk(g.size());
  for_each_partition(N, a.B, [&](const Blocks& bl) { sum += batch_scatter<S>(G, g, bl, mk); });
  a.mean = sum / S(static_cast<double>(a.count));
  a.exact = true;
  a.tol_or_se = 16 * S(static_cast<double>(a.count)) * eps<S>();
  a.dev = abs(S(a.mean - a.formula)) / a.formula;
  a.dev_wrong = abs(S(a.mean - a.wrong)) / a.wrong;
}

// ctx.samples random partitions (Philox seed ctx.seed, sample index = stream): the mean and its standard error. The
// samples' scatters are computed in parallel (block_map: in sample order) and summed in sample order, so the sums are
// the same bits for any thread count.
template <class S>
void monte_carlo_average(const RunContext& ctx, const std::vector<Vec<S>>& G, const Vec<S>& g, PartitionAverage<S>& a) {
  const int N = static_cast<int>(G.size());
  const std::vector<S> v = block_map_workers<S>(BlockReduceOptions{ctx.control(ctx.samples)}, [&] {
    return [&, mk = Vec<S>(g.size())](long s) mutable {
      return batch_scatter<S>(G, g, random_partition(N, a.B, ctx.seed, static_cast<std::uint64_t>(s)), mk);
    };
  });
  S s1(0), s2(0);
  for (const S& x : v) {
    s1 += x;
    s2 += x * x;
  }
  a.samples = ctx.samples;
  const auto [mean, se] = mean_se_of_sums<S>(s1, s2, S(ctx.samples));
  a.mean = mean;
  a.tol_or_se = se;
  a.dev = (a.mean - a.formula) / se;
  a.dev_wrong = (a.mean - a.wrong) / se;
}

template <class S> Sgd4Measurement<S> measure(const RunContext& ctx, const LadderSetup<S>& st, const ProblemSpec& spec) {
  const int N = st.model().num_examples();
  std::vector<Vec<S>> G;
  for (int i = 0; i < N; ++i) G.push_back(st.model().gradient(st.theta0(), Batch{i}));
  const Vec<S>& g = st.g0;
  Sgd4Measurement<S> r;
  r.gamma = S(0);
  for (const auto& gi : G) r.gamma += (gi - g).squaredNorm();
  r.gamma /= S(N);
  r.identity = measure_identity<S>(st, G, spec.partition.empty() ? default_partition(N) : spec.partition);
  for (int B = 1; B < N; ++B) {
    if (N % B) continue;
    PartitionAverage<S> a;
    a.B = B;
    a.m = N / B;
    a.formula = S(N - B) / S(B * (N - 1)) * r.gamma;
    a.wrong = S(N - B) / S(B * N) * r.gamma;
    a.count = partition_count(N, B);
    if (a.count >= 0 && a.count <= kExactPartitions) exact_average<S>(G, g, a);
    else monte_carlo_average<S>(ctx, G, g, a);
    r.averages.push_back(a);
  }
  return r;
}

// The Monte Carlo averages' statement is a conjunction over them: each z is judged at their Bonferroni critical value.
template <class S> long monte_carlo_count(const Sgd4Measurement<S>& r) {
  return std::count_if(r.averages.begin(), r.averages.end(), [](const PartitionAverage<S>& a) { return !a.exact; });
}
template <class S> double monte_carlo_critical(const Sgd4Measurement<S>& r) {
  return bonferroni_z999(static_cast<int>(std::max(1L, monte_carlo_count(r))));
}

// z: the Monte Carlo averages' critical value (monte_carlo_critical).
template <class S> AverageVerdict judge_average(const PartitionAverage<S>& a, double z) {
  using std::abs;
  if (a.exact)
    return {a.dev <= a.tol_or_se, a.dev_wrong > a.tol_or_se ? ControlOutcome::rejected : ControlOutcome::not_rejected};
  ControlOutcome control = abs(a.dev_wrong) > z ? ControlOutcome::rejected : ControlOutcome::not_rejected;
  // The control is judged only where the sample resolves it: |formula - wrong| > 2 z se.
  if (abs(S(a.formula - a.wrong)) <= 2 * z * a.tol_or_se) control = ControlOutcome::unresolved;
  return {abs(a.dev) <= z, control};
}

// The largest relative difference of the exact averages and the largest |z| of the Monte Carlo ones.
struct Deviations {
  double max_rel = 0, max_z = 0;
};
template <class S> Deviations deviations(const Sgd4Measurement<S>& r) {
  Deviations d;
  for (const PartitionAverage<S>& a : r.averages)
    if (a.exact) d.max_rel = std::max(d.max_rel, to_double(a.dev));
    else d.max_z = std::max(d.max_z, std::abs(to_double(a.dev)));
  return d;
}

template <class S> void judge(const Sgd4Measurement<S>& r, Case& c) {
  using std::abs;
  const Identity<S>& id = r.identity;
  bool all_ok = true;
  int ctl_rejected = 0, ctl_resolved = 0;
  const long n_mc = monte_carlo_count(r);
  const double z = monte_carlo_critical(r);
  for (const PartitionAverage<S>& a : r.averages) {
    const AverageVerdict v = judge_average<S>(a, z);
    all_ok = all_ok && v.holds;
    ctl_rejected += v.control == ControlOutcome::rejected;
    ctl_resolved += v.control != ControlOutcome::unresolved;
  }
  const Deviations d = deviations<S>(r);
  c.state("(1/m) sum_k |g_k|^2 = |g|^2 + (1/m) sum_k |g_k - g|^2 on the problem's partition", kHolds,
          outcome_of(abs(S(id.lhs - id.rhs)) <= id.tol),
          fmt::format("|difference| = {:.3e}, tolerance 64 N eps max(1, lhs)", to_double(S(abs(S(id.lhs - id.rhs))))));
  const std::string text = "E over random partitions of (1/m) sum_k |g_k - g|^2 = (N-B)/(B(N-1)) Gamma, every B dividing N";
  const std::string evidence = fmt::format("exact: max relative difference {:.2e}", d.max_rel);
  if (n_mc == 0)
    c.state(text, kHolds, outcome_of(all_ok), evidence);
  else
    c.state(text, kHolds, outcome_of(all_ok),
            fmt::format("{}; Monte Carlo: max |z| {:.2f} (critical {:.3f} over {} batch sizes)", evidence, d.max_z, z, n_mc),
            ZTest::bonferroni(d.max_z, n_mc));
  // The control is refuted by one B that resolves it; unresolved when no B does.
  c.state("control: E[...] = (N-B)/(BN) Gamma (N for N-1)", kRefuted,
          ctl_rejected > 0 ? kRefuted : ctl_resolved > 0 ? kHolds : kUnresolved,
          fmt::format("rejected at {} of {} batch sizes that resolve it", ctl_rejected, ctl_resolved));
}

// A row of the batch-size table: method, statistic and outcomes as text.
template <class S> std::vector<std::string> average_row(const PartitionAverage<S>& a, const S& gamma, double z) {
  const AverageVerdict v = judge_average<S>(a, z);
  const std::string method =
      a.exact ? fmt::format("exact ({} partition{})", a.count, a.count == 1 ? "" : "s")
                     : fmt::format("Monte Carlo ({} of {} partitions)", a.samples,
                                   a.count < 0 ? std::string("> 4.6e18") : fmt::format("{:.3g}", double(a.count)));
  const std::string stat = a.exact ? fmt::format("{:.2e}", to_double(a.dev))
                                          : fmt::format("z = {:.2f} (control z = {:.2f})", to_double(a.dev), to_double(a.dev_wrong));
  return {std::to_string(a.B), std::to_string(a.m), method, e4(to_double(a.mean)), e4(to_double(a.formula)), stat,
          fmt::format("{:.4f}", to_double(S(a.B * a.mean / gamma))), v.holds ? "holds" : "fails",
          v.control == ControlOutcome::rejected     ? "rejected"
          : v.control == ControlOutcome::unresolved ? "not resolved by the sample"
                                                    : "NOT rejected"};
}

template <class S> void present(const Sgd4Measurement<S>& r, Case& c) {
  using std::abs;
  const Identity<S>& id = r.identity;
  c.tables.push_back({"Identity (1/m) sum_k |g_k|^2 = |g|^2 + (1/m) sum_k |g_k - g|^2 on the problem's partition",
                      {"m", "left side", "right side", "|difference|", "tolerance (64 N eps)", "outcome"},
                      {{std::to_string(id.m), e4(to_double(id.lhs)), e4(to_double(id.rhs)),
                        e4(to_double(S(abs(S(id.lhs - id.rhs))))), e4(to_double(id.tol)),
                        abs(S(id.lhs - id.rhs)) <= id.tol ? "holds" : "fails"}}});
  CaseTable t{fmt::format("E over random partitions of (1/m) sum_k |g_k - g|^2 against (N-B)/(B(N-1)) Gamma, "
                          "Gamma = {:.6e} (exact: relative difference, tolerance 16 count eps; Monte Carlo: z-score, "
                          "|z| <= {:.3f}, 99.9% over the Monte Carlo rows)",
                          to_double(r.gamma), monte_carlo_critical(r)),
              {"B", "m", "method", "E[scatter]", "formula", "rel. diff / z", "B E[scatter]/Gamma", "outcome",
               "control (N for N-1)"},
              {}};
  for (const PartitionAverage<S>& a : r.averages) t.rows.push_back(average_row<S>(a, r.gamma, monte_carlo_critical(r)));
  c.tables.push_back(std::move(t));
  const Deviations d = deviations<S>(r);
  c.extra["gamma"] = to_double(r.gamma);
  c.extra["max_exact_relative_difference"] = d.max_rel;
  c.extra["max_abs_z"] = d.max_z;
  c.headline("exact: relative difference ≤ {:.1e}", d.max_rel);
  c.headline("Monte Carlo: |z| ≤ {:.2f}", d.max_z);
}

}  // namespace sgd4

template <class S> Case sgd_batch_size_case(const RunContext& ctx, const ProblemSpec& spec) {
  const LadderSetup<S> st(ctx, spec);
  Case c = st.start("batch-size decomposition at theta0");
  c.solver = fmt::format("enumeration of all partitions (<= {}), else {} random partitions (seed {})", kExactPartitions,
                         ctx.samples, ctx.seed);
  const sgd4::Sgd4Measurement<S> r = sgd4::measure<S>(ctx, st, spec);
  sgd4::judge<S>(r, c);
  sgd4::present<S>(r, c);
  return st.finish(std::move(c), 0);
}

#define IRVERIFY_INST(S) template Case sgd_batch_size_case<S>(const RunContext&, const ProblemSpec&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace sgd4 {  // the claim's registration


const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "SGD-4";
  c.title = "Shuffled SGD: regularizer decomposition and batch-size scaling";
  c.paper = "Smith, Dherin, Barrett & De, ICLR 2021 (Sec. 4, Eq. 7-8); the partition average derived in CLAIMS.md";
  c.statement = "(1/m) sum_k ||g_k||^2 = ||g||^2 + (1/m) sum_k ||g_k - g||^2 exactly; over a uniformly random partition into "
      "batches of size B, E[(1/m) sum_k ||g_k - g||^2] = ((N - B)/(B (N - 1))) Gamma, Gamma = (1/N) sum_i "
      "||grad l_i - g||^2; hence the regularizer scales as eps/B for B << N.";
  c.verdict_rule = fmt::format("At theta0: the identity to 64 N eps; for every B dividing N, the partition average equals the formula "
      "to 16 count eps relative (exact enumeration, up to {} partitions) or, averaged over {} random partitions "
      "(Monte Carlo, N = 48), within z se, z the two-sided Bonferroni 99.9% value for the number of Monte Carlo "
      "batch sizes (8 on N = 48: z = 3.836).",
      kExactPartitions, kPartitionSamples);
  c.negative_control = "The formula with N in place of N - 1 must be rejected wherever the computation resolves the difference "
      "(always by exact enumeration; by Monte Carlo where |difference| > 2 z se).";
  c.precision = "mp50";
  c.seed = kPartitionSeed;
  c.samples = kPartitionSamples;
  c.samples_are = "random partitions per batch size (where not enumerated)";
  c.problems = sgd_batch_size_problems;
  c.not_applicable = [](const ProblemSpec& s) -> std::string {
    for (const auto& b : s.partition)
      if (b.size() != s.partition[0].size()) return "batches of unequal size: the identity needs g = (1/m) sum_k g_k";
    return "";
  };
  c.eigen_size = EigenSize::None;
  c.summary_expected = "≤ 16 count eps; |z| ≤ Bonferroni 99.9%; N-for-(N−1) control rejected";
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return sgd_batch_size_case<typename decltype(tag)::type>(ctx, s);
  });
  return c;
}());

}  // namespace sgd4

}  // namespace irverify
