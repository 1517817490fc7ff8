// Mean-square linear stability of an interpolating minimum under SGD (CLAIMS.md STAB-2; Wu & Su 2023).
//
// Linearized SGD: delta' = (I - eta H_xi) delta, H_xi = (1/B) sum_{j in xi} v_j v_j' over a batch xi of B examples
// drawn with replacement (i.i.d. uniform) or without (a uniform B-subset). M_t = E[delta_t delta_t'] evolves by
//   T(M) = E[(I - eta H_xi) M (I - eta H_xi)] = M - eta A(M) + eta^2 C(M),  A(M) = HM + MH,  C(M) = E[H_xi M H_xi].
// With D(M) = (1/N) sum_i P_i M P_i, P_i = v_i v_i', and K(M) = HMH:
//   with replacement:     C = (1/B) D + (1 - 1/B) K;
//   without replacement:  C = (N - B)/(B (N - 1)) D + N (B - 1)/(B (N - 1)) K   (B = N: C = K, GD).
// Derivation: H_xi M H_xi = (1/B^2) sum_{j,l} P_{i_j} M P_{i_l}; the B diagonal terms average to D; an off-diagonal
// pair averages to K for independent draws, and to (N^2 K - N D)/(N (N - 1)) for two distinct examples.
// Everything lives on the range of H (the null directions of H do not move). StabilityInstance holds H's nonzero
// eigenvalues lambda_1..r and the reduced features w_i = Q' v_i (Q: H's eigenvectors), so H = (1/N) W'W = diag(lambda),
// obtained from the N x N Gram matrix V V'/N = U diag(lambda) U' as W = U diag(sqrt(N lambda)).
// Symmetric r x r matrices are vectors of length n = r(r+1)/2 in the orthonormal svec basis (E_ii, and
// (E_ij + E_ji)/sqrt 2 for i < j); there A and K are diagonal (lambda_i + lambda_j, lambda_i lambda_j) and
// D = (1/N) sum_i s_i s_i', s_i = svec(w_i w_i'), has rank <= N.
#pragma once

#include "theory/linalg/decompositions.hpp"

#include "theory/linalg/dense.hpp"
#include "theory/scalar.hpp"


#include <stdexcept>
#include <string>

namespace irverify {

enum class BatchSampling { WithReplacement, WithoutReplacement };

struct BatchScheme {
  int B;
  BatchSampling sampling;
};

inline std::string sampling_name(BatchSampling s) {
  return s == BatchSampling::WithReplacement ? "with replacement" : "without replacement";
}

template <class S> struct StabilityInstance {
  int N = 0;
  Vec<S> lambda;  // nonzero eigenvalues of H, descending
  Mat<S> W;       // N x r
  int rank() const { return static_cast<int>(lambda.size()); }
  S trace() const { return lambda.sum(); }
  S lambda_max() const { return lambda(0); }
  S frobenius() const {
    using std::sqrt;
    return sqrt(S(lambda.squaredNorm()));
  }
};

// From the rows v_i of V (N x dim). Eigenvalues of the Gram matrix below 64 N eps lambda_max count as zero (its
// eigenvalues carry an absolute error of about N eps ||G||; 64 is the margin).
template <class S> StabilityInstance<S> stability_instance(const Mat<S>& V) {
  using std::sqrt;
  const int N = static_cast<int>(V.rows());
  const S n(N);
  const Mat<S> G = V * V.transpose() / n;
  const SymEigen<S> es = sym_eigen<S>(G, true);
  const Vec<S>& ev = es.values;  // ascending
  const S top = ev(N - 1), cut = 64 * n * eps<S>() * top;
  int r = 0;
  while (r < N && ev(N - 1 - r) > cut) ++r;
  if (r == 0) throw std::invalid_argument("stability_instance: H = 0");
  StabilityInstance<S> in{N, Vec<S>(r), Mat<S>(N, r)};
  for (int k = 0; k < r; ++k) {
    in.lambda(k) = ev(N - 1 - k);
    in.W.col(k) = es.vectors.col(N - 1 - k) * sqrt(S(n * in.lambda(k)));
  }
  return in;
}

// C = a D + b K for batch size B (1 <= B; B <= N without replacement).
template <class S> struct BatchCoefficients {
  S a, b;
};
template <class S> BatchCoefficients<S> batch_coefficients(int N, int B, BatchSampling s) {
  if (B < 1 || (s == BatchSampling::WithoutReplacement && B > N))
    throw std::invalid_argument("batch size must be 1..N (" + std::to_string(B) + " given, N = " + std::to_string(N) + ")");
  if (s == BatchSampling::WithReplacement) return {S(1) / S(B), S(1) - S(1) / S(B)};
  if (N == 1) return {S(1), S(0)};
  return {S(N - B) / S(B * (N - 1)), S(N) * S(B - 1) / S(B * (N - 1))};
}

// The svec basis of symmetric r x r matrices.
struct SymBasis {
  int r;
  int size() const { return r * (r + 1) / 2; }
  template <class F> void for_each(F f) const {  // f(index, i, j), i <= j
    int p = 0;
    for (int i = 0; i < r; ++i)
      for (int j = i; j < r; ++j) f(p++, i, j);
  }
  template <class S> Vec<S> svec(const Mat<S>& M) const {
    using std::sqrt;
    Vec<S> x(size());
    const S s2 = sqrt(S(2));
    for_each([&](int p, int i, int j) { x(p) = i == j ? M(i, i) : S(s2 * M(i, j)); });
    return x;
  }
  template <class S> Mat<S> smat(const Vec<S>& x) const {
    using std::sqrt;
    Mat<S> M(r, r);
    const S s2 = sqrt(S(2));
    for_each([&](int p, int i, int j) { M(i, j) = M(j, i) = i == j ? x(p) : S(x(p) / s2); });
    return M;
  }
};

// The operators of the header comment as n x n matrices (A, K diagonal: returned as vectors).
template <class S> struct StabilityOperators {
  SymBasis basis;
  Vec<S> A, K;  // diagonals
  Mat<S> Sv;    // n x N: columns s_i = svec(w_i w_i');  D = (1/N) Sv Sv'
  int N;

  explicit StabilityOperators(const StabilityInstance<S>& in)
      : basis{in.rank()}, A(basis.size()), K(basis.size()), Sv(basis.size(), in.N), N(in.N) {
    basis.for_each([&](int p, int i, int j) {
      A(p) = in.lambda(i) + in.lambda(j);
      K(p) = in.lambda(i) * in.lambda(j);
    });
    for (int k = 0; k < in.N; ++k) {
      const Vec<S> w = in.W.row(k).transpose();
      Sv.col(k) = basis.svec<S>(Mat<S>(w * w.transpose()));
    }
  }
  Mat<S> D() const { return Sv * Sv.transpose() / S(N); }
  Mat<S> C(const BatchCoefficients<S>& c) const {
    Mat<S> m = c.a * D();
    m.diagonal() += c.b * K;
    return m;
  }
  // T(eta) = I - eta A + eta^2 C.
  Mat<S> T(const BatchCoefficients<S>& c, const S& eta) const {
    Mat<S> t = (eta * eta) * C(c);
    t.diagonal() += Vec<S>::Ones(basis.size()) - eta * A;
    return t;
  }
};

// Instantiated once per scalar in theory/stability/instantiate.cpp (declared extern here, so users do not compile them again).
#define IRVERIFY_SGD_OPERATOR_INSTANCES(PREFIX, S) \
  PREFIX template StabilityInstance<S> stability_instance<S>(const Mat<S>&);
#define IRVERIFY_EXTERN(S) IRVERIFY_SGD_OPERATOR_INSTANCES(extern, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN)
#undef IRVERIFY_EXTERN

}  // namespace irverify
