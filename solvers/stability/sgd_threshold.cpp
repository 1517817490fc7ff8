#include "solvers/stability/sgd_threshold.hpp"
#include "theory/linalg/decompositions.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace irverify {

namespace {

// lambda_max of a symmetric matrix and its unit eigenvector.
template <class S> std::pair<S, Vec<S>> top_eigen(const Mat<S>& M) {
  const SymEigen<S> es = sym_eigen<S>(M, true);
  const int n = static_cast<int>(M.rows());
  return {es.values(n - 1), es.vectors.col(n - 1)};
}

}  // namespace

template <class S> S eta_star_structured(const StabilityInstance<S>& in, int B, BatchSampling s) {
  using std::abs;
  using std::sqrt;
  const StabilityOperators<S> ops(in);
  const BatchCoefficients<S> c = batch_coefficients<S>(in.N, B, s);
  const int n = ops.basis.size();
  const Vec<S> d = (c.b * ops.K).cwiseQuotient(ops.A);
  const S dmax = d.maxCoeff();
  if (c.a == 0) return S(1) / dmax;
  Mat<S> F = ops.Sv * sqrt(S(c.a / S(in.N)));
  for (int p = 0; p < n; ++p) F.row(p) /= sqrt(S(ops.A(p)));
  const S eps = irverify::eps<S>();
  // lam(mu) = lambda_max(F'(mu - d)^{-1} F), decreasing in mu; mu_max solves lam = 1. Newton runs on
  // h(mu) = 1/lam(mu) - 1 (increasing, nearly linear next to the pole, where lam ~ c/(mu - dmax)), h' = -lam'/lam^2,
  // lam'(mu) = -|(mu - d)^{-1} F c|^2 for the top eigenvector c; steps leaving the bracket are bisections.
  auto h = [&](const S& mu, S& slope) {
    const Vec<S> inv = (Vec<S>::Constant(n, mu) - d).cwiseInverse();
    const Mat<S> Fi = inv.asDiagonal() * F;
    const auto [lam, vec] = top_eigen<S>(Mat<S>(F.transpose() * Fi));
    slope = S((Fi * vec).squaredNorm()) / (lam * lam);
    return S(S(1) / lam - 1);
  };
  S lo = dmax, hi = dmax + F.squaredNorm();  // lam(hi) <= 1: lambda_max(F F') <= |F|_F^2
  S slope;
  // Degenerate case: lam <= 1 just above the pole, so mu_max = dmax.
  const S probe = dmax + 16 * eps * std::max(dmax, S(F.squaredNorm()));
  if (!(h(probe, slope) < 0)) return S(1) / dmax;
  lo = probe;
  S x = (lo + hi) / 2;
  for (int it = 0; it < 200; ++it) {
    const S hx = h(x, slope);
    if (hx < 0) lo = x;
    else hi = x;
    S next = slope > 0 ? S(x - hx / slope) : S((lo + hi) / 2);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const S step = abs(S(next - x));
    x = next;
    if (step <= 8 * eps * x || hi - lo <= 8 * eps * hi) break;
  }
  return S(1) / x;
}

template <class S> S eta_star_dense(const StabilityInstance<S>& in, int B, BatchSampling s) {
  using std::sqrt;
  const StabilityOperators<S> ops(in);
  const BatchCoefficients<S> c = batch_coefficients<S>(in.N, B, s);
  const Vec<S> is = ops.A.cwiseSqrt().cwiseInverse();
  const Mat<S> M = is.asDiagonal() * ops.C(c) * is.asDiagonal();
  return S(1) / sym_eigen<S>(M, false).values.maxCoeff();
}

template <class S> KroneckerThreshold<S>::KroneckerThreshold(const Mat<S>& V) : N_(static_cast<int>(V.rows())) {
  using std::sqrt;
  const int d = static_cast<int>(V.cols()), d2 = d * d;
  if (d > kKroneckerMaxDim)
    throw std::invalid_argument("KroneckerThreshold: d = " + std::to_string(d) + " > " + std::to_string(kKroneckerMaxDim));
  const Mat<S> H = V.transpose() * V / S(N_), I = Mat<S>::Identity(d, d);
  auto kron = [&](const Mat<S>& X, const Mat<S>& Y) {  // (X (x) Y)_{(i,k),(j,l)} = X_ij Y_kl
    Mat<S> K(d2, d2);
    for (int i = 0; i < d; ++i)
      for (int j = 0; j < d; ++j) K.block(i * d, j * d, d, d) = X(i, j) * Y;
    return K;
  };
  const SymEigen<S> ce = sym_eigen<S>(Mat<S>((kron(H, I) + kron(I, H)) / S(2)), true);
  const S cut = S(64 * d2) * eps<S>() * ce.values(d2 - 1);
  std::vector<int> keep;
  for (int k = 0; k < d2; ++k)
    if (ce.values(k) > cut) keep.push_back(k);
  Mat<S> P(d2, static_cast<int>(keep.size()));  // columns q_k / sqrt(c_k)
  for (std::size_t k = 0; k < keep.size(); ++k) P.col(k) = ce.vectors.col(keep[k]) / sqrt(S(ce.values(keep[k])));
  Mat<S> Dsum = Mat<S>::Zero(d2, d2);
  for (int i = 0; i < N_; ++i) {
    const Mat<S> Hi = V.row(i).transpose() * V.row(i);
    Dsum += kron(Hi, Hi);
  }
  G_hh_ = P.transpose() * kron(H, H) * P;
  G_d_ = P.transpose() * (Dsum / S(N_)) * P;
}

template <class S> S KroneckerThreshold<S>::eta_star(int B, BatchSampling s) const {
  if (B < 1 || (s == BatchSampling::WithoutReplacement && B > N_)) throw std::invalid_argument("KroneckerThreshold: bad B");
  const S p = s == BatchSampling::WithReplacement ? S(1) / S(B) : N_ == 1 ? S(1) : S(N_ - B) / S(B * (N_ - 1));
  return S(2) / sym_eigen<S>(Mat<S>((1 - p) * G_hh_ + p * G_d_), false).values.maxCoeff();
}

template <class S>
TSpectrum<S> t_spectrum(const StabilityOperators<S>& ops, const BatchCoefficients<S>& c, const S& eta, bool vector) {
  const Mat<S> T = ops.T(c, eta);
  const SymEigen<S> es = sym_eigen<S>(T, vector);
  const Vec<S>& ev = es.values;
  const int n = static_cast<int>(ev.size());
  TSpectrum<S> t{std::max(S(-ev(0)), S(ev(n - 1))), ev(n - 1), Mat<S>()};
  if (vector) {
    t.top_matrix = ops.basis.smat(Vec<S>(es.vectors.col(n - 1)));
    if (t.top_matrix.trace() < 0) t.top_matrix = -t.top_matrix;
  }
  return t;
}

template <class S> EtaBracket<S> eta_star_bisection(const StabilityInstance<S>& in, int B, BatchSampling s, const S& rel_width) {
  const StabilityOperators<S> ops(in);
  const BatchCoefficients<S> c = batch_coefficients<S>(in.N, B, s);
  auto stable = [&](const S& eta) { return t_spectrum<S>(ops, c, eta, false).rho <= 1; };
  EtaBracket<S> br{S(2) / in.lambda_max(), S(4) / in.lambda_max(), 0};  // eta* <= 2/lambda_max < 4/lambda_max
  while (!stable(br.lo)) {
    br.hi = br.lo;
    br.lo /= 2;
  }
  while (br.hi - br.lo > rel_width * br.hi) {
    const S mid = (br.lo + br.hi) / 2;
    (stable(mid) ? br.lo : br.hi) = mid;
    ++br.steps;
  }
  return br;
}

#define IRVERIFY_INST(S)                                                                                         \
  template S eta_star_structured<S>(const StabilityInstance<S>&, int, BatchSampling);                            \
  template S eta_star_dense<S>(const StabilityInstance<S>&, int, BatchSampling);                                 \
  template class KroneckerThreshold<S>;                                                                           \
  template TSpectrum<S> t_spectrum<S>(const StabilityOperators<S>&, const BatchCoefficients<S>&, const S&, bool); \
  template EtaBracket<S> eta_star_bisection<S>(const StabilityInstance<S>&, int, BatchSampling, const S&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
