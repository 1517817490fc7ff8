// STAB-5 (CLAIMS.md): trace identities, the l1 bound with its equality case, ReLU tr H = (1/N) sum |grad f|^2.
#include "checks/framework/minimum_setup.hpp"
#include "checks/stab/stab5_sharpness_norms.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Stab5SharpnessNorms, IdentitiesBoundsAndControls) {
  for (const auto& spec : {minimum_problems()[1], minimum_problems()[2], minimum_relu_problems()[0]}) {
    const Case c = stab_sharpness_norms_case<quad>(claim_context("STAB-5"), spec);
    EXPECT_TRUE(c.pass) << spec.name;
    EXPECT_LE(c.extra["worst_identity_relative_difference"].get<double>(), 1e-30) << spec.name;
  }
}
