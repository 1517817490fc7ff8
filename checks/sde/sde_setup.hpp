// What the SDE claims share (CLAIMS.md SDE): least-squares problems with exact moments (d = 2 and 8), the batch
// schemes (B = 1; B = 2 with and without replacement; or the problem's batch), and the weak error over the test
// functions Phi = {x_i, ||x||^2, f(x), x_i x_j}: the largest of max_i |E x_i - ..|, |E||x||^2 - ..|, |E f - ..| and
// max_ij |E x_i x_j - ..|.
#pragma once

#include "checks/framework/claim.hpp"
#include "solvers/sde/ls_moments.hpp"
#include "theory/problem/generator.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace irverify {

inline std::string sde_not_applicable(const ProblemSpec& s) { return requires_model(s, {"least-squares"}); }

inline std::vector<ProblemSpec> sde_problems() {
  return {generate_problem("least-squares", 1, {8, 2, 0}), generate_problem("least-squares", 1, {16, 8, 0})};
}

inline std::vector<BatchScheme> sde_schemes(const ProblemSpec& s) {
  if (s.batch > 0) return {{s.batch, s.with_replacement() ? BatchSampling::WithReplacement : BatchSampling::WithoutReplacement}};
  return {{1, BatchSampling::WithReplacement}, {2, BatchSampling::WithReplacement}, {2, BatchSampling::WithoutReplacement}};
}

// The differences per test function: max_i |E x_i|, |E||x||^2|, |E f|, max_ij |E x_i x_j|.
template <class S>
std::array<S, 4> sde_weak_errors(const LsMomentData<S>& d, const SecondMoments<S>& u, const SecondMoments<S>& v) {
  using std::abs;
  const Mat<S> dP = u.P - v.P;
  return {S((u.m - v.m).cwiseAbs().maxCoeff()), S(abs(S(dP.trace()))), S(abs(S(expected_loss(d, u) - expected_loss(d, v)))),
          S(dP.cwiseAbs().maxCoeff())};
}
template <class S> S sde_weak_error(const LsMomentData<S>& d, const SecondMoments<S>& u, const SecondMoments<S>& v) {
  const std::array<S, 4> e = sde_weak_errors<S>(d, u, v);
  return *std::max_element(e.begin(), e.end());
}

}  // namespace irverify
