#include "checks/stab/stab2_sgd_threshold.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "solvers/stability/linear_growth.hpp"
#include "solvers/stability/sgd_threshold.hpp"

#include <cmath>
#include <optional>

namespace irverify {

std::vector<BatchScheme> stab_batch_schemes(int N) {
  std::vector<BatchScheme> v;
  for (int B : {1, 2, 4}) {
    if (B > N) break;
    v.push_back({B, BatchSampling::WithReplacement});
    if (B > 1) v.push_back({B, BatchSampling::WithoutReplacement});
  }
  return v;
}

namespace {

// E[H_xi M H_xi] by enumerating every batch (ordered B-tuples with replacement, B-subsets without); -1 batches if
// there are more than kStabEnumerationLimit.
template <class S> Mat<S> enumerated_C(const StabilityInstance<S>& in, int B, BatchSampling s, const Mat<S>& M, long& count) {
  const int N = in.N, r = in.rank();
  std::vector<Mat<S>> P;
  for (int i = 0; i < N; ++i) P.push_back(in.W.row(i).transpose() * in.W.row(i));
  Mat<S> sum = Mat<S>::Zero(r, r);
  count = 0;
  double total = 1;
  for (int j = 0; j < B; ++j) total *= s == BatchSampling::WithReplacement ? N : double(N - j) / (j + 1);
  if (total > kStabEnumerationLimit) {
    count = -1;
    return sum;
  }
  for_each_batch(N, B, s, [&](const std::vector<int>& batch) {
    Mat<S> Hx = Mat<S>::Zero(r, r);
    for (int i : batch) Hx += P[i];
    Hx /= S(B);
    sum += Hx * M * Hx;
    ++count;
  });
  return sum / S(static_cast<double>(count));
}

// A second-moment operator C' = a D + b K that is not the scheme's: the negative controls.
struct WrongOperator {
  std::string name;
  BatchCoefficients<double> coef;
};
std::vector<WrongOperator> wrong_operators(int N, const BatchScheme& bs) {
  const BatchCoefficients<double> right = batch_coefficients<double>(N, bs.B, bs.sampling);
  std::vector<WrongOperator> all = {{"GD's operator C = HMH", {0, 1}}};
  if (bs.B > 1) {
    const BatchSampling other = bs.sampling == BatchSampling::WithReplacement ? BatchSampling::WithoutReplacement
                                                                              : BatchSampling::WithReplacement;
    all.push_back({"C of sampling " + sampling_name(other), batch_coefficients<double>(N, bs.B, other)});
  }
  if (bs.B > 1 && bs.sampling == BatchSampling::WithoutReplacement) {
    const double a = double(N - bs.B) / (bs.B * N);
    all.push_back({"p = (N-B)/(BN) (N for N - 1)", {a, 1 - a}});
  }
  std::vector<WrongOperator> v;  // an operator that coincides with the scheme's (B = N without replacement) is not wrong
  for (auto& w : all)
    if (std::abs(w.coef.a - right.a) + std::abs(w.coef.b - right.b) > 1e-12) v.push_back(std::move(w));
  return v;
}

// log(tr T'^t(M0) / tr M0)/t, t = kStabMcSteps: the rate of E|delta_t|^2 from E[delta_0 delta_0'] = M0 if the
// second moments evolved by T' = I - eta A + eta^2 C'.
double predicted_rate(const StabilityOperators<double>& ops, const BatchCoefficients<double>& c, double eta, const Mat<double>& M0) {
  const Mat<double> T = ops.T(c, eta);
  Vec<double> m = ops.basis.svec(M0);
  for (int t = 0; t < kStabMcSteps; ++t) m = T * m;
  return std::log(ops.basis.smat(m).trace() / M0.trace()) / kStabMcSteps;
}

std::string digits_text(double rel) { return rel == 0 ? "all" : fmt::format("{:.1f}", -std::log10(rel)); }

}  // namespace

template <class S> Case stab_sgd_threshold_case(const RunContext& ctx, const ProblemSpec& spec) {
  const long samples = ctx.samples;
  using std::abs;
  const MinimumSetup<S> st(ctx, spec);
  const StabilityInstance<S>& in = st.inst;
  Case c = st.start("exact SGD threshold eta*");
  const S eps = irverify::eps<S>();
  const StabilityOperators<S> ops(in);
  const int n = ops.basis.size();
  const StabilityInstance<double> ind = to_double_instance(in);
  const StabilityOperators<double> opsd(ind);
  c.solver = fmt::format("structured and dense eigenproblems, bisection to 2^-{}, Monte Carlo {} runs x {} steps per eta "
                         "(double, seed {})",
                         kStabBisectionBits, samples, kStabMcSteps, ctx.seed);

  // A test matrix for C: M_ij = 1/(1 + i + j) (symmetric, every entry nonzero).
  Mat<S> M(in.rank(), in.rank());
  for (int i = 0; i < in.rank(); ++i)
    for (int j = 0; j < in.rank(); ++j) M(i, j) = S(1) / S(1 + i + j);
  CaseTable tc{"C(M) = E[H_xi M H_xi]: closed form (a D + b K) against enumeration of every batch, M_ij = 1/(1+i+j); "
               "tolerance 64 (batches + r) eps |C|",
               {"B", "sampling", "batches", "a", "b", "|closed form - enumeration|", "tolerance", "outcome"},
               {}};
  const bool kron = st.V.cols() <= kKroneckerMaxDim;
  std::optional<KroneckerThreshold<S>> kt;
  if (kron) kt.emplace(st.V);
  CaseTable tt{fmt::format("eta* four ways: structured eigenproblem (secular equation), dense generalized eigenproblem "
                           "(tolerance 16 n eps, n = {}), Mulayoff & Michaeli's 2/lambda_max(C^+ D) on the full d^2 = {} "
                           "Kronecker space (tolerance 16 d^2 eps{}), bisection on rho(T) (bracket to 2^-{}); T's top "
                           "eigenvalue equals its spectral radius (PSD-cone preserving) at eta*(1 -+ 2.5%)",
                           n, st.V.cols() * st.V.cols(), kron ? "" : fmt::format("; not computed for d > {}", kKroneckerMaxDim),
                           kStabBisectionBits),
               {"B", "sampling", "eta* (structured)", "eta* (dense)", "rel. diff", "eta* (Kronecker, M&M)", "rel. diff",
                "bisection bracket", "digits (bisection)", "eta* tr H / 2", "top = rho", "outcome"},
               {}};
  CaseTable tm{fmt::format("Monte Carlo growth: log(mean |delta_t|^2 / mean |delta_0|^2)/t, t = {}, {} runs per eta, "
                           "delta_0 ~ N(0, M0) with M0 the top eigenmatrix of T(eta) (so E|delta_t|^2 = rho^t tr M0), "
                           "against log rho(T(eta)): |z| <= {}, and the sign of x resolved (99.9% interval excludes 0)",
                           kStabMcSteps, samples, kZ999),
               {"B", "sampling", "x = eta/eta* - 1", "MC rate ± se", "log rho(T)", "z", "sign resolved", "outcome"},
               {}};
  CaseTable tn{fmt::format("Negative controls: wrong second-moment operators C' (GD's C = HMH; the other sampling scheme; p "
                           "with N for N - 1) predict the Monte Carlo rate log(tr T'^t(M0) / tr M0)/t from the same start; the "
                           "measured rate must reject each (|z| > {}) at some offset",
                           kZ999),
               {"B", "sampling", "wrong operator", "x = eta/eta* - 1", "MC rate ± se", "predicted by C'", "z", "outcome"},
               {}};
  bool c_ok = true, routes_ok = true, mc_ok = true;
  double worst_rel = 0, worst_bis = 0, worst_z = 0;
  for (const BatchScheme& bs : stab_batch_schemes(in.N)) {
    const std::string B = std::to_string(bs.B), samp = sampling_name(bs.sampling);
    const BatchCoefficients<S> coef = batch_coefficients<S>(in.N, bs.B, bs.sampling);
    // C against enumeration.
    long count = 0;
    const Mat<S> Ce = enumerated_C<S>(in, bs.B, bs.sampling, M, count);
    if (count > 0) {
      const Mat<S> Cf = ops.basis.smat(Vec<S>(ops.C(coef) * ops.basis.svec(M)));
      const S diff = (Cf - Ce).norm(), tol = S(64 * (count + in.rank())) * eps * Cf.norm();
      const bool ok = diff <= tol;
      c_ok = c_ok && ok;
      tc.rows.push_back({B, samp, std::to_string(count), e4(to_double(coef.a)), e4(to_double(coef.b)), e4(to_double(diff)),
                         e4(to_double(tol)), ok ? "equal" : "differ"});
    } else {
      tc.rows.push_back({B, samp, "> limit", e4(to_double(coef.a)), e4(to_double(coef.b)), "–", "–", "not enumerated"});
    }
    // Three ways.
    const S es = eta_star_structured<S>(in, bs.B, bs.sampling), ed = eta_star_dense<S>(in, bs.B, bs.sampling);
    const S ek = kron ? kt->eta_star(bs.B, bs.sampling) : es;
    const S rel_k = abs(S(es - ek)) / es, tol_k = S(16 * st.V.cols() * st.V.cols()) * eps;
    const EtaBracket<S> br = eta_star_bisection<S>(in, bs.B, bs.sampling, S(1) / S(1LL << kStabBisectionBits));
    const S rel = abs(S(es - ed)) / es, tol = S(16 * n) * eps;
    const S slack = S(16 * n) * eps * es;  // the bisection's rho(T) decisions are exact to about n eps
    const bool in_bracket = es >= br.lo - slack && es <= br.hi + slack;
    const S bis_rel = abs(S((br.lo + br.hi) / 2 - es)) / es;
    bool top_ok = true;
    for (int sgn : {-1, 1}) {
      const TSpectrum<S> ts = t_spectrum<S>(ops, coef, S(es * (1 + S(sgn) / S(40))), false);
      top_ok = top_ok && abs(S(ts.top - ts.rho)) <= S(16 * n) * eps * ts.rho;
    }
    const bool ok3 = rel <= tol && rel_k <= tol_k && in_bracket && top_ok;
    routes_ok = routes_ok && ok3;
    worst_rel = std::max({worst_rel, to_double(rel), to_double(rel_k)});
    worst_bis = std::max(worst_bis, to_double(bis_rel));
    tt.rows.push_back({B, samp, to_string_full(es), to_string_full(ed), e4(to_double(rel)), kron ? to_string_full(ek) : "–",
                       kron ? e4(to_double(rel_k)) : "–", fmt::format("[{:.15g}, {:.15g}]", to_double(br.lo), to_double(br.hi)), digits_text(to_double(bis_rel)),
                       fmt::format("{:.6f}", to_double(S(es * in.trace() / 2))), top_ok ? "yes" : "NO",
                       ok3 ? "agree" : "disagree"});
    // Monte Carlo growth on both sides, against log rho(T) and against the rates that wrong operators predict.
    const double eta_d = to_double(es);
    const BatchCoefficients<double> cd = batch_coefficients<double>(in.N, bs.B, bs.sampling);
    const std::vector<WrongOperator> wrong = wrong_operators(in.N, bs);
    std::vector<double> max_zw(wrong.size(), 0);
    std::vector<bool> resolvable(wrong.size(), false);
    for (double x : kStabMcOffsets) {
      const double eta = eta_d * (1 + x);
      const TSpectrum<double> ts = t_spectrum<double>(opsd, cd, eta, true);
      GrowthOptions go{ctx.control(), kStabMcSteps};
      const GrowthEstimate g = mc_growth(ind.W, bs.B, bs.sampling, eta, ts.top_matrix, go);
      const double lr = std::log(ts.rho), z = (g.log_rate - lr) / g.stderr_;
      const bool grows = g.log_rate - kZ999 * g.stderr_ > 0, decays = g.log_rate + kZ999 * g.stderr_ < 0;
      const bool side = x < 0 ? decays : grows;
      const bool ok = std::abs(z) <= kZ999 && side;
      mc_ok = mc_ok && ok;
      worst_z = std::max(worst_z, std::abs(z));
      const std::string rate = fmt::format("{:.5f} ± {:.5f}", g.log_rate, g.stderr_);
      tm.rows.push_back({B, samp, fmt::format("{:+.3f}", x), rate, fmt::format("{:.5f}", lr), fmt::format("{:.2f}", z),
                         side ? (x < 0 ? "decays" : "grows") : "no", ok ? "agrees" : "disagrees"});
      for (std::size_t k = 0; k < wrong.size(); ++k) {
        const double pw = predicted_rate(opsd, wrong[k].coef, eta, ts.top_matrix), zw = (g.log_rate - pw) / g.stderr_;
        max_zw[k] = std::max(max_zw[k], std::abs(zw));
        resolvable[k] = resolvable[k] || std::abs(pw - lr) > 2 * kZ999 * g.stderr_;
        tn.rows.push_back({B, samp, wrong[k].name, fmt::format("{:+.3f}", x), rate, fmt::format("{:.5f}", pw),
                           fmt::format("{:.2f}", zw), std::abs(zw) > kZ999 ? "rejected" : "consistent"});
      }
    }
    // A wrong operator is refuted by one offset where the measured rate rejects its prediction; unresolved when its
    // prediction is within 2 z se of log rho(T) at every offset (the sample cannot tell them apart).
    for (std::size_t k = 0; k < wrong.size(); ++k)
      c.state(fmt::format("control: linearized SGD (B = {}, {}) grows as predicted by {}", B, samp, wrong[k].name), kRefuted,
              max_zw[k] > kZ999 ? kRefuted : resolvable[k] ? kHolds : kUnresolved,
              fmt::format("max |z| against its prediction {:.1f}", max_zw[k]));
  }
  c.tables.push_back(std::move(tc));
  c.tables.push_back(std::move(tt));
  c.tables.push_back(std::move(tm));
  c.tables.push_back(std::move(tn));
  c.state("C's closed form equals the enumeration of every batch", kHolds, outcome_of(c_ok));
  c.state("eta* four ways agree: structured, dense, Kronecker (Mulayoff & Michaeli) eigenproblems, bisection on rho(T)", kHolds,
          outcome_of(routes_ok), fmt::format("worst eigenproblem relative difference {:.2e}; bisection {} digits", worst_rel,
                                             digits_text(worst_bis)));
  c.state("the Monte Carlo growth rate of E|delta_t|^2 is log rho(T(eta)) and changes sign at eta*", kHolds, outcome_of(mc_ok),
          fmt::format("max |z| {:.2f}", worst_z));
  c.extra["worst_eigen_relative_difference"] = worst_rel;
  c.extra["worst_bisection_relative_difference"] = worst_bis;
  c.extra["worst_mc_z"] = worst_z;
  c.headline("structured vs dense vs Kronecker ≤ {:.1e}", worst_rel);
  c.headline("bisection ≥ {:.1f} digits", -std::log10(std::max(worst_bis, 1e-300)), Aggregate::min);
  c.headline("MC rate vs log rho(T) |z| ≤ {:.2f}, sign resolved at ±2.5%", worst_z);
  c.extra["mc_seed"] = ctx.seed;
  return st.finish(std::move(c));
}

#define IRVERIFY_INST(S) template Case stab_sgd_threshold_case<S>(const RunContext&, const ProblemSpec&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

Case stab_sgd_threshold_scaling(const RunContext& ctx, int r) {
  const ProblemSpec spec = generate_problem("least-squares", 7, {r, r + 20, 0});
  auto seconds = [](auto f) {
    const auto t = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  const MinimumSetup<double> st(ctx, spec);
  const int n = SymBasis{st.inst.rank()}.size();
  Case c = st.start(fmt::format("scaling: rank {}, n = r(r+1)/2 = {}", st.inst.rank(), n));
  CaseTable t{"Wall time of the eigenproblem solvers (one eta*, B = 2 with replacement)",
              {"solver", "precision", "eta*", "seconds"},
              {}};
  double es = 0, ed = 0;
  const double ts = seconds([&] { es = eta_star_structured<double>(st.inst, 2, BatchSampling::WithReplacement); });
  const double td = seconds([&] { ed = eta_star_dense<double>(st.inst, 2, BatchSampling::WithReplacement); });
  const StabilityInstance<mp50> inm = MinimumSetup<mp50>(ctx, spec).inst;
  mp50 em;
  const double tm = seconds([&] { em = eta_star_structured<mp50>(inm, 2, BatchSampling::WithReplacement); });
  t.rows.push_back({"structured (secular equation)", "double", fmt::format("{:.16g}", es), fmt::format("{:.3f}", ts)});
  t.rows.push_back({"dense generalized eigenproblem", "double", fmt::format("{:.16g}", ed), fmt::format("{:.3f}", td)});
  t.rows.push_back({"structured (secular equation)", "mp50", to_string_full(em), fmt::format("{:.3f}", tm)});
  const double rel = std::abs(es - ed) / es, relm = std::abs(es - to_double(em)) / es;
  c.state("at rank 60 the structured eigenproblem agrees with the dense one (double) and with mp50, to 16 n eps", kHolds,
          outcome_of(rel <= 16 * n * eps<double>() && relm <= 16 * n * eps<double>()),
          fmt::format("relative differences: dense {:.2e}, mp50 {:.2e}", rel, relm));
  t.rows.push_back({"relative differences", "", fmt::format("dense {:.2e}, mp50 {:.2e}", rel, relm), ""});
  c.tables.push_back(std::move(t));
  c.solver = "timing";
  c.extra["scaling_seconds"] = {{"structured_double", ts}, {"dense_double", td}, {"structured_mp50", tm}};
  c.finish(0);
  c.seconds = ts + td + tm;
  return c;
}

namespace stab2 {  // the claim's registration

std::vector<Case> scaling_case(const RunContext& ctx) {
  ctx.note("scaling to rank 60");
  return {stab_sgd_threshold_scaling(ctx, 60)};
}

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "STAB-2";
  c.title = "The exact SGD threshold eta* from a generalized eigenproblem";
  c.paper = "Derived in CLAIMS.md (STAB-2); setting of Wu & Su, The Implicit Regularization of Dynamical Stability in SGD, "
      "ICML 2023";
  c.statement = "Linearized SGD with batches of size B (with or without replacement) is mean-square stable iff eta <= eta* = "
      "1/lambda_max(A^{-1} C), A(M) = HM + MH, C(M) = E[H_xi M H_xi] on symmetric matrices over the range of H.";
  c.verdict_rule = fmt::format("For B in {{1, 2, 4}} and both samplings: C's closed form equals enumeration of batches (64 (batches + "
      "r) eps); structured and dense eigenproblems agree to 16 n eps; bisection on rho(T) (to 2^-{}) brackets "
      "eta*; Monte Carlo growth ({} runs, t = {}, seed {}) at eta*(1 + x), x = -5%, -2.5%, 2.5%, 5%, agrees "
      "with log rho(T) (|z| <= {}) and resolves the sign of x.",
      kStabBisectionBits, kStabMcSamples, kStabMcSteps, kStabMcSeed, kZ999);
  c.negative_control = "Wrong second-moment operators: GD's (C = HMH), the other sampling scheme's, and p with N for N - 1 (without "
      "replacement). Each predicts the Monte Carlo rate from the same start; the measured rate must reject each "
      "prediction (|z| > 3.29) at some offset, and a control the sample cannot resolve fails.";
  c.precision = "mp50";
  c.seed = kStabMcSeed;
  c.samples = kStabMcSamples;
  c.samples_are = "linearized SGD runs per eta";
  c.simulation_precision = "double";
  c.not_applicable = interpolation_not_applicable;
  c.problems = minimum_problems;
  c.eigen_size = EigenSize::Examples;
  c.summary_expected = fmt::format("≤ 16 n eps (16 d^2 eps); ≥ 10 digits; |z| ≤ {}; wrong operators rejected", kZ999);
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return stab_sgd_threshold_case<typename decltype(tag)::type>(ctx, s);
  });
  c.extra_cases = scaling_case;
  return c;
}());

}  // namespace stab2

}  // namespace irverify
