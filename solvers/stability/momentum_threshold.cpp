#include "solvers/stability/momentum_threshold.hpp"

#include "theory/linalg/decompositions.hpp"

#include <Eigen/LU>

namespace irverify {

namespace {
// T(Z) for a symmetric 2r x 2r Z.
template <class S>
Mat<S> apply_momentum_map(const StabilityOperators<S>& ops, const Vec<S>& lambda, const Mat<S>& Cm, const S& eta,
                          const S& beta, const Mat<S>& Z) {
  const int r = static_cast<int>(lambda.size());
  const Mat<S> Z11 = Z.topLeftCorner(r, r), Z12 = Z.topRightCorner(r, r), Z22 = Z.bottomRightCorner(r, r);
  const S p = 1 + beta;
  const Vec<S> mbar = Vec<S>::Constant(r, p) - eta * lambda;  // Mbar = diag(mbar)
  Mat<S> HX = lambda.asDiagonal() * Z11;
  const Mat<S> CZ = ops.basis.smat(Vec<S>(Cm * ops.basis.svec(Z11)));
  const Mat<S> EMXM = (p * p) * Z11 - (p * eta) * Mat<S>(HX + HX.transpose()) + (eta * eta) * CZ;
  const Mat<S> MZ12 = mbar.asDiagonal() * Z12;
  Mat<S> out(2 * r, 2 * r);
  out.topLeftCorner(r, r) = EMXM - beta * Mat<S>(MZ12 + MZ12.transpose()) + (beta * beta) * Z22;
  const Mat<S> N12 = Mat<S>(mbar.asDiagonal() * Z11) - beta * Mat<S>(Z12.transpose());
  out.topRightCorner(r, r) = N12;
  out.bottomLeftCorner(r, r) = N12.transpose();
  out.bottomRightCorner(r, r) = Z11;
  return out;
}
}  // namespace

template <class S>
Mat<S> momentum_moment_operator(const StabilityOperators<S>& ops, const Vec<S>& lambda, const BatchCoefficients<S>& c,
                                const S& eta, const S& beta) {
  const int r = static_cast<int>(lambda.size());
  const SymBasis big{2 * r};
  const Mat<S> Cm = ops.C(c);
  const int n = big.size();
  Mat<S> T(n, n);
  for (int k = 0; k < n; ++k) {
    Vec<S> e = Vec<S>::Zero(n);
    e(k) = S(1);
    T.col(k) = big.svec(apply_momentum_map<S>(ops, lambda, Cm, eta, beta, big.smat(e)));
  }
  return T;
}

template <class S>
bool momentum_ms_stable(const StabilityOperators<S>& ops, const Vec<S>& lambda, const BatchCoefficients<S>& c, const S& eta,
                        const S& beta) {
  const int r = static_cast<int>(lambda.size());
  const SymBasis big{2 * r};
  const Mat<S> T = momentum_moment_operator<S>(ops, lambda, c, eta, beta);
  const Mat<S> I_T = Mat<S>::Identity(T.rows(), T.cols()) - T;
  const Vec<S> x = I_T.partialPivLu().solve(big.svec(Mat<S>(Mat<S>::Identity(2 * r, 2 * r))));
  const Mat<S> X = big.smat(x);
  return Cholesky<S>(X).ok();
}

template <class S>
MomentumThreshold<S> momentum_ms_threshold(const StabilityOperators<S>& ops, const Vec<S>& lambda,
                                           const BatchCoefficients<S>& c, const S& beta, const S& rel_width) {
  MomentumThreshold<S> t{S(0), S(2 * (1 + beta) / lambda(0)), 0};
  ++t.evaluations;
  if (momentum_ms_stable<S>(ops, lambda, c, t.hi, beta)) {
    t.lo = t.hi;
    return t;
  }
  while (t.hi - t.lo > rel_width * t.hi) {
    const S mid = (t.lo + t.hi) / 2;
    ++t.evaluations;
    (momentum_ms_stable<S>(ops, lambda, c, mid, beta) ? t.lo : t.hi) = mid;
  }
  return t;
}

#define IRVERIFY_INST(S)                                                                                            \
  template Mat<S> momentum_moment_operator<S>(const StabilityOperators<S>&, const Vec<S>&, const BatchCoefficients<S>&, \
                                              const S&, const S&);                                                 \
  template bool momentum_ms_stable<S>(const StabilityOperators<S>&, const Vec<S>&, const BatchCoefficients<S>&,      \
                                      const S&, const S&);                                                          \
  template MomentumThreshold<S> momentum_ms_threshold<S>(const StabilityOperators<S>&, const Vec<S>&,               \
                                                         const BatchCoefficients<S>&, const S&, const S&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
