// STAB-5 (CLAIMS.md): trace identities, the l1 bound with its equality case, ReLU tr H = (1/N) sum |grad f|^2.
#include "checks/stab/stab_setup.hpp"
#include "checks/stab/stab5_sharpness_norms.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Stab5SharpnessNorms, IdentitiesBoundsAndControls) {
  for (const auto& spec : {stab_problems()[1], stab_problems()[2], stab_relu_problems()[0]}) {
    const LadderCase c = stab_sharpness_norms_case<quad>(spec);
    EXPECT_TRUE(c.pass) << spec.name;
    EXPECT_LE(c.extra["worst_identity_relative_difference"].get<double>(), 1e-30) << spec.name;
  }
}
