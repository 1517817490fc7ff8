// theory/stability/sgd_operator.hpp in every scalar, at an interpolating minimum of diag-uv (N = 6, p = 8): the reduced
// instance (H = (1/N) W'W = diag(lambda), the nonzero eigenvalues of (1/N) V'V); the svec basis is an isometry;
// the closed form of C = E[H_xi M H_xi] equals the mean over every batch (B = 2, with and without replacement), and
// T(eta) = E[(I - eta H_xi) M (I - eta H_xi)] likewise; batch coefficients as derived, bad batch sizes refused.
#include "theory/stability/sgd_operator.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/stability/interpolation.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class SgdOperatorInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(SgdOperatorInEveryScalar, ScalarTypes);

namespace {
template <class S> struct OperatorSetting {
  Mat<S> V;
  StabilityInstance<S> in;
};
template <class S> OperatorSetting<S> diag_uv_instance() {
  const Problem<S> pr = build_problem<S>(generate_problem("diag-uv", 1, {6, 8, 0}));
  const Vec<S> star = constructed_minimum<S>(*pr.model, pr.theta0, S(1));
  const Mat<S> V = output_jacobian<S>(*pr.model, star);
  return {V, stability_instance<S>(V)};
}
// A symmetric r x r matrix with entries (1 + i j) / (3 + i + j).
template <class S> Mat<S> symmetric_test_matrix(int r) {
  Mat<S> M(r, r);
  for (int i = 0; i < r; ++i)
    for (int j = 0; j <= i; ++j) M(i, j) = M(j, i) = S(1 + i * j) / S(3 + i + j);
  return M;
}
}  // namespace

TYPED_TEST(SgdOperatorInEveryScalar, InstanceIsTheHessiansRange) {
  using S = TypeParam;
  using std::abs;
  const OperatorSetting<S> st = diag_uv_instance<S>();
  const StabilityInstance<S>& in = st.in;
  ASSERT_EQ(in.N, 6);
  ASSERT_EQ(in.rank(), 6);  // 6 examples, 16 parameters: V has full row rank
  for (int k = 1; k < in.rank(); ++k) EXPECT_GE(in.lambda(k - 1), in.lambda(k));
  const S scale = in.lambda_max();
  // (1/N) W'W = diag(lambda), and the nonzero eigenvalues of H = (1/N) V'V are lambda.
  EXPECT_LE(S((in.W.transpose() * in.W / S(in.N) - Mat<S>(in.lambda.asDiagonal())).norm()), tol::ulps<S>(64 * 6) * scale);
  const Vec<S> ev = sym_eigen<S>(Mat<S>(st.V.transpose() * st.V / S(in.N)), false).values;  // ascending, 16 of them
  for (int k = 0; k < in.rank(); ++k) EXPECT_SCALAR_NEAR(S(ev(15 - k)), S(in.lambda(k)), S(0), S(tol::ulps<S>(64 * 16) * scale)) << k;
  EXPECT_EQ(in.trace(), in.lambda.sum());
  EXPECT_THROW(stability_instance<S>(Mat<S>(Mat<S>::Zero(3, 2))), std::invalid_argument);
}

TYPED_TEST(SgdOperatorInEveryScalar, SvecIsAnIsometry) {
  using S = TypeParam;
  using std::abs;
  const SymBasis basis{4};
  EXPECT_EQ(basis.size(), 10);
  const Mat<S> M = symmetric_test_matrix<S>(4), N2 = symmetric_test_matrix<S>(4).array().square().matrix();
  EXPECT_LE(S((basis.smat(basis.svec(M)) - M).norm()), tol::ulps<S>(8));
  // <svec M, svec N> = tr(M N) (Frobenius inner product).
  EXPECT_SCALAR_NEAR(S(basis.svec(M).dot(basis.svec(N2))), S((M * N2).trace()), S(0), S(tol::ulps<S>(64) * S(M.norm() * N2.norm())));
}

TYPED_TEST(SgdOperatorInEveryScalar, ClosedFormsOfCAndTEqualTheMeanOverEveryBatch) {
  using S = TypeParam;
  const OperatorSetting<S> st = diag_uv_instance<S>();
  const StabilityInstance<S>& in = st.in;
  const StabilityOperators<S> ops(in);
  const int r = in.rank(), n = ops.basis.size();
  const Mat<S> M = symmetric_test_matrix<S>(r);
  const S eta = S(1) / in.lambda_max();
  for (auto s : {BatchSampling::WithReplacement, BatchSampling::WithoutReplacement}) {
    Mat<S> sum = Mat<S>::Zero(r, r), tsum = Mat<S>::Zero(r, r);
    int count = 0;
    for (int a = 0; a < in.N; ++a)
      for (int b = 0; b < in.N; ++b) {
        if (s == BatchSampling::WithoutReplacement && a >= b) continue;  // unordered pairs of distinct examples
        const Mat<S> Hx = (in.W.row(a).transpose() * in.W.row(a) + in.W.row(b).transpose() * in.W.row(b)) / S(2);
        sum += Hx * M * Hx;
        const Mat<S> step = Mat<S>::Identity(r, r) - eta * Hx;
        tsum += step * M * step;
        ++count;
      }
    const Mat<S> enumerated = sum / S(count), t_enumerated = tsum / S(count);
    const BatchCoefficients<S> c = batch_coefficients<S>(in.N, 2, s);
    const Mat<S> closed = ops.basis.smat(Vec<S>(ops.C(c) * ops.basis.svec(M)));
    // Sums of O(N^2) products of r x r matrices against sums in the svec basis: 64 n ulps.
    EXPECT_LE(S((closed - enumerated).norm() / enumerated.norm()), tol::ulps<S>(64 * n)) << sampling_name(s);
    const Mat<S> t_closed = ops.basis.smat(Vec<S>(ops.T(c, eta) * ops.basis.svec(M)));
    EXPECT_LE(S((t_closed - t_enumerated).norm() / t_enumerated.norm()), tol::ulps<S>(64 * n)) << sampling_name(s);
  }
}

TEST(SgdOperator, BatchCoefficientsAsDerivedAndBadSizesRefused) {
  // With replacement C = (1/B) D + (1 - 1/B) K; without, (N - B)/(B (N - 1)) D + N (B - 1)/(B (N - 1)) K.
  const BatchCoefficients<double> w = batch_coefficients<double>(6, 4, BatchSampling::WithReplacement);
  EXPECT_EQ(w.a, 0.25);
  EXPECT_EQ(w.b, 0.75);
  const BatchCoefficients<double> wo = batch_coefficients<double>(6, 4, BatchSampling::WithoutReplacement);
  EXPECT_DOUBLE_EQ(wo.a, 2.0 / 20);
  EXPECT_DOUBLE_EQ(wo.b, 18.0 / 20);
  const BatchCoefficients<double> gd = batch_coefficients<double>(6, 6, BatchSampling::WithoutReplacement);
  EXPECT_EQ(gd.a, 0.0);  // B = N without replacement: C = K, GD
  EXPECT_EQ(gd.b, 1.0);
  const BatchCoefficients<double> one = batch_coefficients<double>(1, 1, BatchSampling::WithoutReplacement);
  EXPECT_EQ(one.a, 1.0);
  EXPECT_EQ(one.b, 0.0);
  EXPECT_THROW(batch_coefficients<double>(6, 7, BatchSampling::WithoutReplacement), std::invalid_argument);
  EXPECT_THROW(batch_coefficients<double>(6, 0, BatchSampling::WithReplacement), std::invalid_argument);
  EXPECT_NO_THROW(batch_coefficients<double>(6, 7, BatchSampling::WithReplacement));
  EXPECT_EQ(sampling_name(BatchSampling::WithReplacement), "with replacement");
  EXPECT_EQ(sampling_name(BatchSampling::WithoutReplacement), "without replacement");
}
