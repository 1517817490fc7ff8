// What the RANK claims share (CLAIMS.md RANK; Galanti, Siegel, Gupte & Poggio 2022): the weight-matrix model of a
// problem, its SGD step mu and weight decay lambda (the problem's `h0` and `weight_decay`, else the claim's), and the
// singular values of its layers.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/ladder_setup.hpp"
#include "checks/framework/tolerance.hpp"
#include "solvers/rank/low_rank.hpp"
#include "solvers/rank/weight_decay_runs.hpp"
#include "solvers/stats/confidence.hpp"
#include "theory/linalg/decompositions.hpp"
#include "theory/models/matrix_net.hpp"
#include "theory/problem/problem.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace irverify {

// A matrix net, and batches as the claim draws them: RANK-2..5 without replacement (their bounds count the distinct
// examples of a batch), RANK-1 (honours_replacement) as the problem says. B <= N without replacement is checked when
// the problem is read.
inline std::string rank_not_applicable(const ProblemSpec& s, bool honours_replacement) {
  if (std::string why = requires_model(s, {"linear2", "relu2"}); !why.empty()) return why;
  if (s.with_replacement() && !honours_replacement)
    return "replacement: this claim draws batches without replacement (its bound counts distinct examples); remove "
           "\"replacement\": true";
  // Weight decay the double and mp50 runs resolve: lambda >= 2^20 eps_double (the decay 1 - 2 mu lambda differs
  // from 1 by far more than its rounding; their runs last about 1/(2 mu lambda) steps). 0 is plain SGD, not the claim.
  if (!s.weight_decay.empty() && parse_scalar<mp50>(s.weight_decay) < tol::double_resolution())
    return "weight_decay = " + s.weight_decay + ": below 2^20 eps_double = 2.33e-10 (0 is plain SGD, not the claim; a smaller "
           "lambda leaves the decay 1 - 2 mu lambda within rounding of 1)";
  return "";
}
inline std::string rank_not_applicable(const ProblemSpec& s) { return rank_not_applicable(s, false); }

template <class S> const MatrixNet<S>& matrix_net(const Model<S>& m) {
  const auto* n = dynamic_cast<const MatrixNet<S>*>(&m);
  if (!n) throw std::logic_error("RANK claims: " + m.kind() + " has no weight matrices");
  return *n;
}

// The SGD step mu (`h0`) and the weight decay lambda (`weight_decay`), as decimal text read in S.
template <class S> S rank_mu(const ProblemSpec& s, const char* fallback) { return parse_scalar<S>(s.h0.empty() ? fallback : s.h0); }
template <class S> S rank_lambda(const ProblemSpec& s, const char* fallback) {
  return parse_scalar<S>(s.weight_decay.empty() ? fallback : s.weight_decay);
}
inline std::string rank_text(const std::string& given, const char* fallback) { return given.empty() ? fallback : given; }

// A matrix-net problem with features and labels scaled by 2^-fx and 2^-fy and theta0 by 2^-ft (exact: every number
// is dyadic), to keep SGD stable at the step sizes where the rank bounds are not vacuous.
ProblemSpec scaled_matrix_problem(ProblemSpec s, int fx, int fy, int ft);

// Layer 1 (W1, h x p) or 2 (W2, q x h) of a parameter-shaped vector (theta or a gradient), and its singular values.
template <class S> Mat<S> layer_matrix(const MatrixNet<S>& m, const Vec<S>& v, int layer) { return layer == 1 ? m.W1(v) : m.W2(v); }
template <class S> Vec<S> layer_singular_values(const MatrixNet<S>& m, const Vec<S>& v, int layer) {
  return singular_values<S>(layer_matrix(m, v, layer));
}

}  // namespace irverify
