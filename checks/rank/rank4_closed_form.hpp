// RANK-4 (CLAIMS.md; issue 15): a closed form that anchors the RANK claims. For linear2, f(x) = W2 W1 x, with
// whitened inputs (X'X/N = I) the loss is L = 1/2 |W2 W1 - M|_F^2 + const, M = Y'X/N, and
//   min over W2 W1 = W of lambda (|W1|_F^2 + |W2|_F^2) = 2 lambda |W|_*        (h >= rank W; AM-GM on the SVD:
//   Srebro, Rennie & Jaakkola, Maximum-Margin Matrix Factorization, NIPS 2005, Lemma 1),
// so the global minimizers of L + lambda (|W1|^2 + |W2|^2) have the product W* = U diag(max(s_k - 2 lambda, 0)) V',
// M = U diag(s) V' (singular value soft-thresholding: Cai, Candes & Shen, SIAM J. Optim. 2010, Thm. 2.1), rank =
// #{s_k > 2 lambda}, and balanced factors |W1|_F^2 = |W2|_F^2 = |W*|_* (W1 W1' = W2' W2 at every critical point).
// GD with weight decay (B = N) must reach it; SGD with weight decay at the same lambda ends at epsilon-rank <= it.
// Control: the threshold lambda (the factor 2 of the nuclear-norm form dropped).
#pragma once

#include "checks/framework/case.hpp"
#include "theory/linalg/dense.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr long kRank4MaxSteps = 200000;  // GD steps allowed to reach the rounding floor
inline constexpr long kRank4Runs = 64;          // SGD runs per batch size (double)
inline constexpr std::uint64_t kRank4Seed = 2010;
inline constexpr double kRank4Epsilon = 1e-2;   // the epsilon-rank of SGD end points
// mu and lambda where a problem gives no h0 or weight_decay (RANK-4 and RANK-5; whitened_problem gives both).
inline constexpr const char* kRank4Mu = "0.0625";
inline constexpr const char* kRank4Lambda = "0.25";

// A linear2 problem with whitened inputs: X the N x N Sylvester-Hadamard matrix (N = p = 8, so X'X/N = I exactly in
// every precision), Y = X M' for M = a rank-2 teacher plus noise (q = 6, multiples of 2^-6), h = 8, theta0 on
// U[-1/2, 1/2]; weight_decay puts 2 lambda in the widest gap of M's spectrum after s_1, h0 (mu) a power of two
// <= 1/(4 s_1).
ProblemSpec whitened_problem(std::uint64_t seed);
std::vector<ProblemSpec> rank4_problems();
// "" if linear2 with X'X/N = I (to 4 N eps in double), else why not.
std::string rank4_not_applicable(const ProblemSpec& s);

// The closed form: the threshold 2 lambda, the data's singular values s (M = Y'X/N), max(s_k - 2 lambda, 0), the
// control max(s_k - lambda, 0), the rank #{s_k > 2 lambda}, and the separation kappa = min |s_k - 2 lambda| of the
// spectrum from the threshold.
template <class S> struct Rank4ClosedForm {
  S two_l;
  Vec<S> s, star, control;
  int rank = 0;
  S kappa;
};
// GD with weight decay stopped at the rounding floor: theta, the last |grad (L + lambda |theta|^2)|, the steps.
template <class S> struct Rank4Gd {
  Vec<S> theta;
  S field;
  long steps = 0;
  bool converged = false;
};
// GD's end point against the closed form: the product's singular values, the tolerance |field| / kappa + 64 eps s_1,
// the largest deviation from the closed form and from the control, the rank above the tolerance, the balance.
template <class S> struct Rank4Comparison {
  Vec<S> sigma;
  S tol, err, cerr;
  int rank = 0;
  S n1, n2, nuc, balance;  // |W1|_F^2, |W2|_F^2, |W2 W1|_*, max |n_i - nuc|
  double digits = 0;       // -log10(max(err, eps) / s_1)
};
// SGD with weight decay in double, per batch size: the epsilon-rank of the end product over the runs.
struct Rank4SgdRanks {
  int B = 0;
  MeanSe rank;
  int max = 0;
  long above = 0;  // runs above the closed form's rank
};

// The measurement: the closed form, GD's end point and its comparison with it, SGD's epsilon-ranks.
template <class S> struct Rank4Measurement {
  Rank4ClosedForm<S> cf;
  Rank4Gd<S> gd;
  Rank4Comparison<S> cmp;
  std::vector<Rank4SgdRanks> sgd;
  int sgd_worst = 0;  // the largest epsilon-rank of any SGD run
};

// ctx.samples runs; the measurement in `measured` when given.
template <class S> Case rank_closed_form_case(const RunContext& ctx, const ProblemSpec& spec, Rank4Measurement<S>* measured = nullptr);

}  // namespace irverify
