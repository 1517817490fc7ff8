// STAB-3 (CLAIMS.md; Wu & Su 2023): necessary conditions for SGD stability as a proof check. With eta* the exact
// threshold (STAB-2), every instance must satisfy
//   B = 1:  eta* tr H / 2 <= 1  (Wu & Su);   any B, either sampling:  eta* tr H / (2B) <= 1
// (derived in CLAIMS.md: stability gives eta E tr(H_xi^2) <= 2 tr H, and E tr(H_xi^2) >= (tr H)^2 / B). The bound
// without B (eta* tr H / 2 <= 1 at B >= 2) is tested: random instances and a (1+1) evolution strategy over the
// features maximize each ratio (solvers/stability/trace_search.hpp, which owns the random domain); a B-free
// violation is stored as a least-squares problem file (features rounded to 2^-12, labels 0, theta0 = 0, an exact
// interpolating minimum) and re-verified in mp50; the B-free bound is a
// statement expected `refuted` (CLAIMS.md, "Expected outcomes"): if no counterexample is confirmed, the claim fails.
// eta* |H|_F is reported.
// Negative control: the bound with sqrt(B) in place of B must be found violated at every B >= 2.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kStabRandomInstances = 200;  // per size N
inline constexpr int kStabSearchRestarts = 4;
inline constexpr int kStabSearchIterations = 1500;
inline constexpr std::uint64_t kStabSearchSeed = 2023;
inline const std::vector<int> kStabSearchSizes = {4, 8};

// The ratios at one problem's interpolating minimum, every batch scheme.
template <class S> Case stab_trace_bounds_case(const RunContext& ctx, const ProblemSpec& spec);
// The statement "tr H <= 2/eta at B >= 2" (expected refuted): refuted iff a counterexample was confirmed in mp50.
Statement b_free_statement(bool counterexample_confirmed, double worst_ratio);
// Random and adversarial instances (double search, mp50 verification of the worst) and the counterexample file.
Case stab_trace_bounds_search(const RunContext& ctx, int random_instances = kStabRandomInstances,
                              int iterations = kStabSearchIterations);


}  // namespace irverify
