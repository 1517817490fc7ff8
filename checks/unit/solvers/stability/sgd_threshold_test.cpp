// solvers/stability/sgd_threshold.hpp: the mean-square threshold eta* three ways (structured, dense, bisection) and by
// Mulayoff & Michaeli's Kronecker form; B = N without replacement is GD (eta* = 2 / lambda_max); necessary conditions
// (STAB-3); the spectral radius of T is 1 at eta* and T's top eigenvalue is its spectral radius.
#include "solvers/stability/sgd_threshold.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/solvers/stability/stability_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(SgdThreshold, ThreeWaysAgree) {
  const InterpolatingMinimum<double> st = stab_minimum<double>("least-squares");
  for (auto s : {BatchSampling::WithReplacement, BatchSampling::WithoutReplacement})
    for (int B : {1, 2, 3}) {
      const double a = eta_star_structured<double>(st.inst, B, s), b = eta_star_dense<double>(st.inst, B, s);
      const EtaBracket<double> br = eta_star_bisection<double>(st.inst, B, s, 0x1p-44);
      EXPECT_NEAR(a / b, 1.0, 1e-13) << B;
      EXPECT_LE(br.lo, a * (1 + 1e-13));
      EXPECT_GE(br.hi, a * (1 - 1e-13));
      // Necessary conditions (STAB-3).
      EXPECT_LE(a * st.inst.trace() / (2 * B), 1 + 1e-12);
    }
}

TEST(SgdThreshold, FullBatchWithoutReplacementIsGd) {
  using S = quad;
  const InterpolatingMinimum<S> st = stab_minimum<S>("diag-uv");
  const StabilityInstance<S>& in = st.inst;
  // B = N without replacement is GD: C = K and eta* = 2/lambda_max.
  const S eta = eta_star_structured<S>(in, in.N, BatchSampling::WithoutReplacement);
  EXPECT_NEAR(to_double(S(eta * in.lambda_max() / 2)), 1.0, 1e-30);
}

TEST(SgdThreshold, KroneckerFormAgreesAndTheSpectralRadiusIsOneAtEtaStar) {
  const InterpolatingMinimum<double> st = stab_minimum<double>("diag-uv");  // d = 16
  const KroneckerThreshold<double> kron(st.V);
  const StabilityOperators<double> ops(st.inst);
  for (auto s : {BatchSampling::WithReplacement, BatchSampling::WithoutReplacement})
    for (int B : {1, 3}) {
      const double a = eta_star_structured<double>(st.inst, B, s);
      EXPECT_NEAR(kron.eta_star(B, s) / a, 1.0, 1e-12) << B << " " << sampling_name(s);
      const TSpectrum<double> at = t_spectrum<double>(ops, batch_coefficients<double>(st.inst.N, B, s), a, true);
      EXPECT_NEAR(at.rho, 1.0, 1e-12) << B;
      EXPECT_NEAR(at.top, at.rho, 1e-12) << B;  // T preserves the PSD cone
      EXPECT_GT(at.top_matrix.trace(), 0.0);
      EXPECT_GT(t_spectrum<double>(ops, batch_coefficients<double>(st.inst.N, B, s), 1.01 * a, false).rho, 1.0);
      EXPECT_LT(t_spectrum<double>(ops, batch_coefficients<double>(st.inst.N, B, s), 0.99 * a, false).rho, 1.0);
    }
  EXPECT_THROW(kron.eta_star(st.inst.N + 1, BatchSampling::WithoutReplacement), std::invalid_argument);
  EXPECT_THROW(KroneckerThreshold<double>(Mat<double>(Mat<double>::Ones(2, kKroneckerMaxDim + 1))), std::invalid_argument);
}
