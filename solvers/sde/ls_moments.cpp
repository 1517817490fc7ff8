#include "solvers/sde/ls_moments.hpp"

#include "theory/scalar.hpp"

#include <cmath>
#include <stdexcept>

namespace irverify {

template <class S> LsMomentData<S> ls_moment_data(const LeastSquares<S>& m, int B, BatchSampling s) {
  const int N = m.num_examples();
  LsMomentData<S> d{m.X(), m.y(), m.X().transpose() * m.X() / S(N), m.X().transpose() * m.y() / S(N),
                    batch_coefficients<S>(N, B, s).a};
  return d;
}

template <class S> S expected_loss(const LsMomentData<S>& d, const SecondMoments<S>& z) {
  S sum(0);
  for (Eigen::Index i = 0; i < d.X.rows(); ++i) {
    const Vec<S> a = d.X.row(i).transpose();
    sum += S(a.dot(z.P * a)) - 2 * d.y(i) * S(a.dot(z.m)) + d.y(i) * d.y(i);
  }
  return sum / (2 * S(d.X.rows()));
}

namespace {

// G(m, P) and S(m, P) of the header; `affine` false drops the constant terms (b b', y_i^2): the linear part.
template <class S> void noise_terms(const LsMomentData<S>& d, const SecondMoments<S>& z, bool affine, Mat<S>& G, Mat<S>& Sg) {
  const Vec<S> Am = d.A * z.m;
  G = d.A * z.P * d.A - Am * d.b.transpose() - d.b * Am.transpose();
  if (affine) G += d.b * d.b.transpose();
  Sg = Mat<S>::Zero(d.A.rows(), d.A.cols());
  for (Eigen::Index i = 0; i < d.X.rows(); ++i) {
    const Vec<S> a = d.X.row(i).transpose();
    S rho = S(a.dot(z.P * a)) - 2 * d.y(i) * S(a.dot(z.m));
    if (affine) rho += d.y(i) * d.y(i);
    Sg += rho * (a * a.transpose());
  }
  Sg = d.cB * (Sg / S(d.X.rows()) - G);
}

// The SME's right-hand side (affine) or its linear part.
template <class S> struct SmeField {
  const LsMomentData<S>& d;
  S eta;
  SmeVariant<S> v;
  Mat<S> At;
  Vec<S> bt;
  SmeField(const LsMomentData<S>& data, const S& e, const SmeVariant<S>& var)
      : d(data), eta(e), v(var), At(d.A + (v.drift * e) * d.A * d.A), bt(d.b + (v.drift * e) * (d.A * d.b)) {}
  SecondMoments<S> operator()(const SecondMoments<S>& z, bool affine) const {
    Mat<S> G, Sg;
    noise_terms(d, z, affine, G, Sg);
    if (v.uncentered) Sg += d.cB * G;  // c_B E[g g'] in place of c_B Cov
    SecondMoments<S> r{-(At * z.m), Mat<S>()};
    const Mat<S> mb = z.m * bt.transpose();  // linear in z
    r.P = -(z.P * At.transpose() + At * z.P) + mb + mb.transpose() + (eta * v.diffusion) * Sg;
    if (affine) r.m += bt;
    return r;
  }
  // A bound of the linear part's norm (Frobenius norms of its blocks).
  S norm_bound() const {
    using std::abs;
    using std::sqrt;
    S a4(0), ya3(0);
    for (Eigen::Index i = 0; i < d.X.rows(); ++i) {
      const S n2 = d.X.row(i).squaredNorm();
      a4 += n2 * n2;
      ya3 += abs(d.y(i)) * n2 * sqrt(n2);
    }
    const S N(d.X.rows()), An = d.A.norm();
    const S noise = eta * abs(v.diffusion) * d.cB * (1 + (v.uncentered ? d.cB : S(0))) * (a4 / N + 2 * ya3 / N + An * An + 2 * An * d.b.norm());
    return 2 * At.norm() + 2 * bt.norm() + noise + S(1);
  }
};

}  // namespace

template <class S>
SecondMoments<S> sgd_moments(const LsMomentData<S>& d, const S& eta, long steps, SecondMoments<S> z, const S& noise) {
  if (steps < 0) throw std::invalid_argument("sgd_moments: steps < 0");
  Mat<S> G, Sg;
  for (long k = 0; k < steps; ++k) {
    noise_terms(d, z, true, G, Sg);
    if (noise != 1) Sg *= noise;
    const Vec<S> g = d.A * z.m - d.b;
    const Mat<S> mb = z.m * d.b.transpose();
    const Mat<S> PA = z.P * d.A;
    z.P += -eta * (PA + PA.transpose() - mb - mb.transpose()) + (eta * eta) * (G + Sg);
    z.m -= eta * g;
  }
  return z;
}

template <class S>
SecondMoments<S> sme_moments(const LsMomentData<S>& d, const S& eta, const SmeVariant<S>& v, const S& T, SecondMoments<S> z) {
  if (!(T >= 0)) throw std::invalid_argument("sme_moments: T < 0");
  const SmeField<S> F(d, eta, v);
  const double steps = std::ceil(to_double(S(2 * F.norm_bound() * T)));
  if (!(steps <= double(1L << 30))) throw std::invalid_argument("sme_moments: more than 2^30 Taylor steps (T or the operator too large)");
  const long n = std::max(1L, static_cast<long>(steps));
  const S h = T / S(n), tiny = eps<S>();
  for (long s = 0; s < n; ++s) {
    SecondMoments<S> term = F(z, true), sum = z;
    const S size = z.m.norm() + z.P.norm(), scale = size > 0 ? size : S(1);
    bool small = false;
    for (int k = 1; k < 400 && !small; ++k) {
      term.m *= h / S(k);
      term.P *= h / S(k);
      sum.m += term.m;
      sum.P += term.P;
      small = term.m.norm() + term.P.norm() <= tiny * scale;  // the rest is smaller still (each term <= half the last)
      term = F(term, false);
    }
    if (!small) throw std::runtime_error("sme_moments: the Taylor series did not converge");
    z = sum;
  }
  z.P = (z.P + z.P.transpose()) / 2;
  return z;
}

#define IRVERIFY_INST(S)                                                                                                  \
  template LsMomentData<S> ls_moment_data<S>(const LeastSquares<S>&, int, BatchSampling);                               \
  template S expected_loss<S>(const LsMomentData<S>&, const SecondMoments<S>&);                                         \
  template SecondMoments<S> sgd_moments<S>(const LsMomentData<S>&, const S&, long, SecondMoments<S>, const S&);       \
  template SecondMoments<S> sme_moments<S>(const LsMomentData<S>&, const S&, const SmeVariant<S>&, const S&, SecondMoments<S>);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
