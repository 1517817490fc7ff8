#include "solvers/ln/lwa_drift.hpp"

#include "solvers/ln/drift.hpp"
#include "theory/linalg/decompositions.hpp"

#include <stdexcept>

namespace irverify {

template <class S> Mat<S> example_gradient_covariance(const Model<S>& m, const Vec<S>& theta) {
  const int d = m.dim(), N = m.num_examples();
  Mat<S> C = Mat<S>::Zero(d, d);
  Vec<S> mean = Vec<S>::Zero(d);
  for (int i = 0; i < N; ++i) {
    const Vec<S> g = m.gradient(theta, Batch{i});
    C += g * g.transpose();
    mean += g;
  }
  mean /= S(N);
  return C / S(N) - mean * mean.transpose();
}

template <class S> ManifoldSplit<S> manifold_split(const Mat<S>& H) {
  using std::sqrt;
  const SymEigen<S> es = sym_eigen<S>(H, true);
  const int d = static_cast<int>(H.rows());
  const S scale = std::max(S(1), S(es.values.cwiseAbs().maxCoeff()));
  const S normal = sqrt(eps<S>()) * scale;
  std::vector<int> idx;
  for (int k = 0; k < d; ++k)
    if (es.values(k) > normal) idx.push_back(k);
  if (idx.empty()) throw std::domain_error("H has no positive eigenvalue: no normal direction");
  ManifoldSplit<S> s{Mat<S>(d, idx.size()), Mat<S>::Identity(d, d), Vec<S>(idx.size())};
  for (std::size_t j = 0; j < idx.size(); ++j) {
    s.Q.col(j) = es.vectors.col(idx[j]);
    s.mu(j) = es.values(idx[j]);
  }
  s.P -= s.Q * s.Q.transpose();
  return s;
}

template <class S> Vec<S> lwa_drift(const Model<S>& m, const Vec<S>& theta, const Mat<S>& Sigma, LwaDrift v) {
  if (v == LwaDrift::none) return Vec<S>::Zero(m.dim());
  const ManifoldSplit<S> s = manifold_split<S>(m.hessian(theta, m.all_examples()));
  const Mat<S> Sn = s.Q.transpose() * Sigma * s.Q;  // Sigma_perp in the normal eigenbasis
  Mat<S> X = Sn;
  for (Eigen::Index a = 0; a < X.rows(); ++a)
    for (Eigen::Index b = 0; b < X.cols(); ++b) {
      if (v == LwaDrift::derived) X(a, b) /= s.mu(a) + s.mu(b);
      else if (v == LwaDrift::doubled) X(a, b) /= (s.mu(a) + s.mu(b)) / 2;
    }
  return -(s.P * third_contracted<S>(m, theta, Mat<S>(s.Q * X * s.Q.transpose()))) / 2;
}

template <class S> Vec<S> project_on_minima(const Model<S>& m, Vec<S> theta, int rank, const S& tol) {
  const Batch all = m.all_examples();
  const int d = m.dim();
  if (rank < 1 || rank > d) throw std::invalid_argument("project_on_minima: 1 <= rank <= dim");
  for (int it = 0; it < 50; ++it) {
    const Vec<S> g = m.gradient(theta, all);
    if (g.norm() <= tol) return theta;
    const SymEigen<S> es = sym_eigen<S>(m.hessian(theta, all), true);  // ascending: the top `rank` are the last
    const Mat<S> Q = es.vectors.rightCols(rank);
    theta -= Q * (es.values.tail(rank).cwiseInverse().asDiagonal() * (Q.transpose() * g));
  }
  throw std::runtime_error("project_on_minima: Newton's method did not reach |grad L| <= tol in 50 iterations");
}

template <class S>
Vec<S> lwa_flow(const Model<S>& m, const Vec<S>& theta0, const S& t, int steps, LwaDrift v, const S& tol) {
  if (steps < 1) throw std::invalid_argument("lwa_flow: steps >= 1");
  const int rank = static_cast<int>(manifold_split<S>(m.hessian(theta0, m.all_examples())).mu.size());
  // The drift at the stage point's projection on Gamma (RK4's stages leave it by O(dt^2)).
  auto f = [&](const Vec<S>& y) {
    const Vec<S> p = project_on_minima<S>(m, y, rank, tol);
    return lwa_drift<S>(m, p, example_gradient_covariance<S>(m, p), v);
  };
  const S dt = t / S(steps);
  Vec<S> y = theta0;
  for (int k = 0; k < steps; ++k) {
    const Vec<S> k1 = f(y), k2 = f(Vec<S>(y + (dt / 2) * k1)), k3 = f(Vec<S>(y + (dt / 2) * k2)), k4 = f(Vec<S>(y + dt * k3));
    y = project_on_minima<S>(m, Vec<S>(y + (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4)), rank, tol);
  }
  return y;
}

#define IRVERIFY_INST(S)                                                                           \
  template Mat<S> example_gradient_covariance<S>(const Model<S>&, const Vec<S>&);                 \
  template ManifoldSplit<S> manifold_split<S>(const Mat<S>&);                                      \
  template Vec<S> lwa_drift<S>(const Model<S>&, const Vec<S>&, const Mat<S>&, LwaDrift);           \
  template Vec<S> project_on_minima<S>(const Model<S>&, Vec<S>, int, const S&);                        \
  template Vec<S> lwa_flow<S>(const Model<S>&, const Vec<S>&, const S&, int, LwaDrift, const S&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
