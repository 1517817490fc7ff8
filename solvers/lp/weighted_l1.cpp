#include "solvers/lp/weighted_l1.hpp"

#include "theory/linalg/decompositions.hpp"

#include <glpk.h>

#include <cmath>
#include <memory>
#include <stdexcept>

namespace irverify {

namespace {
// GLPK's simplex on the split LP, in double: the optimal beta.
Vec<double> glpk_solve(const Mat<double>& X, const Vec<double>& y, const Vec<double>& w) {
  const int N = static_cast<int>(X.rows()), p = static_cast<int>(X.cols());
  std::unique_ptr<glp_prob, decltype(&glp_delete_prob)> lp(glp_create_prob(), &glp_delete_prob);
  glp_set_obj_dir(lp.get(), GLP_MIN);
  glp_add_rows(lp.get(), N);
  for (int i = 0; i < N; ++i) glp_set_row_bnds(lp.get(), i + 1, GLP_FX, y(i), y(i));
  glp_add_cols(lp.get(), 2 * p);  // b+ then b-
  for (int k = 0; k < 2 * p; ++k) {
    glp_set_col_bnds(lp.get(), k + 1, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp.get(), k + 1, w(k % p));
  }
  std::vector<int> ia = {0}, ja = {0};
  std::vector<double> ar = {0};
  for (int i = 0; i < N; ++i)
    for (int k = 0; k < p; ++k) {
      ia.insert(ia.end(), {i + 1, i + 1});
      ja.insert(ja.end(), {k + 1, p + k + 1});
      ar.insert(ar.end(), {X(i, k), -X(i, k)});
    }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_ON;
  if (glp_simplex(lp.get(), &parm) != 0 || glp_get_status(lp.get()) != GLP_OPT)
    throw std::runtime_error("min_weighted_l1: GLPK found no optimum (is y in the range of X?)");
  Vec<double> beta(p);
  for (int k = 0; k < p; ++k) beta(k) = glp_get_col_prim(lp.get(), k + 1) - glp_get_col_prim(lp.get(), p + k + 1);
  return beta;
}
}  // namespace

template <class S> WeightedL1<S> min_weighted_l1(const Mat<S>& X, const Vec<S>& y, const Vec<S>& w) {
  using std::abs;
  const auto d = [](const S& x) { return to_double(x); };
  const Vec<double> b = glpk_solve(X.unaryExpr(d), y.unaryExpr(d), w.unaryExpr(d));
  WeightedL1<S> r;
  const double cut = 1e-9 * b.cwiseAbs().maxCoeff();
  for (int k = 0; k < b.size(); ++k)
    if (std::abs(b(k)) > cut) r.support.push_back(k);
  Mat<S> XK(X.rows(), static_cast<Eigen::Index>(r.support.size()));
  for (std::size_t j = 0; j < r.support.size(); ++j) XK.col(j) = X.col(r.support[j]);
  const Cholesky<S> llt(Mat<S>(XK.transpose() * XK));
  if (!llt.ok()) throw std::runtime_error("min_weighted_l1: the optimal support has dependent columns");
  const Vec<S> bK = llt.solve(Vec<S>(XK.transpose() * y));
  r.beta = Vec<S>::Zero(X.cols());
  for (std::size_t j = 0; j < r.support.size(); ++j) r.beta(r.support[j]) = bK(j);
  r.objective = S(0);
  for (int k = 0; k < X.cols(); ++k) r.objective += w(k) * abs(r.beta(k));
  r.residual = Vec<S>(X * r.beta - y).norm();
  return r;
}

#define IRVERIFY_INST(S) template WeightedL1<S> min_weighted_l1<S>(const Mat<S>&, const Vec<S>&, const Vec<S>&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
