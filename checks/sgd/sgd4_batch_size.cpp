#include "checks/sgd/sgd4_batch_size.hpp"
#include "checks/framework/claim.hpp"

#include "checks/sgd/sgd_setup.hpp"
#include "solvers/sgd/partitions.hpp"

namespace irverify {

std::vector<ProblemSpec> sgd_batch_size_problems() {
  std::vector<ProblemSpec> v;
  for (const char* kind : {"least-squares", "diag-uv", "two-layer-tanh"}) v.push_back(generate_problem(kind, 1, {12, 0, 0}));
  v.push_back(generate_problem("least-squares", 2, {48, 0, 0}));
  return v;
}

namespace {

// (1/m) sum_k ||mean_{i in k} G_i - g||^2 for one partition.
template <class S> S batch_scatter(const std::vector<Vec<S>>& G, const Vec<S>& g, const Blocks& blocks) {
  S v(0);
  for (const auto& b : blocks) {
    Vec<S> mk = Vec<S>::Zero(g.size());
    for (int i : b) mk += G[i];
    v += (mk / S(static_cast<int>(b.size())) - g).squaredNorm();
  }
  return v / S(static_cast<int>(blocks.size()));
}

enum class ControlOutcome { Rejected, NotRejected, Unresolved };

}  // namespace

template <class S> Case sgd_batch_size_case(const RunContext& ctx, const ProblemSpec& spec) {
  const std::uint64_t seed = ctx.seed;
  using std::abs;
  using std::sqrt;
  const LadderSetup<S> st(ctx, spec);
  const Model<S>& m = st.model();
  const int N = m.num_examples();
  std::vector<Vec<S>> G;
  for (int i = 0; i < N; ++i) G.push_back(m.gradient(st.theta0(), Batch{i}));
  const Vec<S>& g = st.g0;
  S gamma(0);
  for (const auto& gi : G) gamma += (gi - g).squaredNorm();
  gamma /= S(N);
  Case c = st.start("batch-size decomposition at theta0");
  const long samples = ctx.samples;
  c.solver = fmt::format("enumeration of all partitions (<= {}), else {} random partitions (seed {})", kExactPartitions,
                         samples, seed);
  const S eps = irverify::eps<S>();

  // The identity, on the problem's partition (or the default one).
  const Blocks part = spec.partition.empty() ? default_partition(N) : spec.partition;
  const S nb(static_cast<int>(part.size()));
  S lhs(0);
  for (const auto& b : part) {
    Batch bb(b.begin(), b.end());
    lhs += m.gradient(st.theta0(), bb).squaredNorm();
  }
  lhs /= nb;
  const S rhs = g.squaredNorm() + batch_scatter<S>(G, g, part);
  const S id_tol = S(64 * N) * eps * std::max(S(1), lhs);
  const bool id_ok = abs(S(lhs - rhs)) <= id_tol;
  c.tables.push_back({"Identity (1/m) sum_k |g_k|^2 = |g|^2 + (1/m) sum_k |g_k - g|^2 on the problem's partition",
                      {"m", "left side", "right side", "|difference|", "tolerance (64 N eps)", "outcome"},
                      {{std::to_string(part.size()), e4(to_double(lhs)), e4(to_double(rhs)), e4(to_double(S(abs(S(lhs - rhs))))),
                        e4(to_double(id_tol)), id_ok ? "holds" : "fails"}}});

  CaseTable t{fmt::format("E over random partitions of (1/m) sum_k |g_k - g|^2 against (N-B)/(B(N-1)) Gamma, "
                          "Gamma = {:.6e} (exact: relative difference, tolerance 16 count eps; Monte Carlo: z-score, "
                          "|z| <= {})",
                          to_double(gamma), kZ999),
              {"B", "m", "method", "E[scatter]", "formula", "rel. diff / z", "B E[scatter]/Gamma", "outcome",
               "control (N for N-1)"},
              {}};
  bool all_ok = true;
  int ctl_rejected = 0, ctl_resolved = 0;
  double max_rel = 0, max_z = 0;
  for (int B = 1; B < N; ++B) {
    if (N % B) continue;
    const S formula = S(N - B) / S(B * (N - 1)) * gamma, wrong = S(N - B) / S(B * N) * gamma;
    const long long count = partition_count(N, B);
    std::string method, stat;
    S mean(0);
    bool ok;
    ControlOutcome ctl;
    if (count >= 0 && count <= kExactPartitions) {
      S sum(0);
      for_each_partition(N, B, [&](const Blocks& bl) { sum += batch_scatter<S>(G, g, bl); });
      mean = sum / S(static_cast<double>(count));
      const S tol = 16 * S(static_cast<double>(count)) * eps;
      const S rel = abs(S(mean - formula)) / formula, rel_w = abs(S(mean - wrong)) / wrong;
      ok = rel <= tol;
      ctl = rel_w > tol ? ControlOutcome::Rejected : ControlOutcome::NotRejected;
      method = fmt::format("exact ({} partition{})", count, count == 1 ? "" : "s");
      stat = fmt::format("{:.2e}", to_double(rel));
      max_rel = std::max(max_rel, to_double(rel));
    } else {
      S s1(0), s2(0);
      for (long s = 0; s < samples; ++s) {
        const S v = batch_scatter<S>(G, g, random_partition(N, B, seed, static_cast<std::uint64_t>(s)));
        s1 += v;
        s2 += v * v;
      }
      const S n(samples);
      mean = s1 / n;
      const S se = sqrt(S((s2 / n - mean * mean) * n / (n - 1) / n));
      const S z = (mean - formula) / se, zw = (mean - wrong) / se;
      ok = abs(z) <= kZ999;
      // The control is judged only where the sample resolves it: |formula - wrong| > 2 z se.
      ctl = abs(S(formula - wrong)) <= 2 * kZ999 * se ? ControlOutcome::Unresolved
            : abs(zw) > kZ999                          ? ControlOutcome::Rejected
                                                       : ControlOutcome::NotRejected;
      method = fmt::format("Monte Carlo ({} of {} partitions)", samples,
                           count < 0 ? std::string("> 4.6e18") : fmt::format("{:.3g}", double(count)));
      stat = fmt::format("z = {:.2f} (control z = {:.2f})", to_double(z), to_double(zw));
      max_z = std::max(max_z, std::abs(to_double(z)));
    }
    all_ok = all_ok && ok;
    ctl_rejected += ctl == ControlOutcome::Rejected;
    ctl_resolved += ctl != ControlOutcome::Unresolved;
    t.rows.push_back({std::to_string(B), std::to_string(N / B), method, e4(to_double(mean)), e4(to_double(formula)), stat,
                      fmt::format("{:.4f}", to_double(S(B * mean / gamma))), ok ? "holds" : "fails",
                      ctl == ControlOutcome::Rejected ? "rejected"
                      : ctl == ControlOutcome::Unresolved ? "not resolved by the sample"
                                                          : "NOT rejected"});
  }
  c.tables.push_back(std::move(t));
  c.state("(1/m) sum_k |g_k|^2 = |g|^2 + (1/m) sum_k |g_k - g|^2 on the problem's partition", kHolds, outcome_of(id_ok),
          fmt::format("|difference| = {:.3e}, tolerance 64 N eps max(1, lhs)", to_double(S(abs(S(lhs - rhs))))));
  c.state("E over random partitions of (1/m) sum_k |g_k - g|^2 = (N-B)/(B(N-1)) Gamma, every B dividing N", kHolds,
          outcome_of(all_ok), fmt::format("exact: max relative difference {:.2e}; Monte Carlo: max |z| {:.2f}", max_rel, max_z));
  // The control is refuted by one B that resolves it; unresolved when no B does.
  c.state("control: E[...] = (N-B)/(BN) Gamma (N for N-1)", kRefuted,
          ctl_rejected > 0 ? kRefuted : ctl_resolved > 0 ? kHolds : kUnresolved,
          fmt::format("rejected at {} of {} batch sizes that resolve it", ctl_rejected, ctl_resolved));
  c.extra["gamma"] = to_double(gamma);
  c.extra["max_exact_relative_difference"] = max_rel;
  c.extra["max_abs_z"] = max_z;
  c.headline("exact: relative difference ≤ {:.1e}", max_rel);
  c.headline("Monte Carlo: |z| ≤ {:.2f}", max_z);
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
      "to 16 count eps relative (exact enumeration, up to {} partitions) or within the {:.1f}-sigma interval "
      "of {} random partitions (Monte Carlo, N = 48).",
      kExactPartitions, kZ999, kPartitionSamples);
  c.negative_control = "The formula with N in place of N - 1 must be rejected wherever the computation resolves the difference "
      "(always by exact enumeration; by Monte Carlo where |difference| > 2 z se).";
  c.precision = "mp50";
  c.seed = kPartitionSeed;
  c.samples = kPartitionSamples;
  c.samples_are = "random partitions per batch size (where not enumerated)";
  c.problems = sgd_batch_size_problems;
  c.eigen_size = EigenSize::None;
  c.summary_expected = fmt::format("≤ 16 count eps; |z| ≤ {}; N-for-(N−1) control rejected", kZ999);
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return sgd_batch_size_case<typename decltype(tag)::type>(ctx, s);
  });
  return c;
}());

}  // namespace sgd4

}  // namespace irverify
