// SGD-4 (CLAIMS.md): the decomposition and (N - B)/(B (N - 1)) Gamma average on generated problems with the
// N-for-(N-1) control rejected. (Partitions: checks/unit/solvers/sgd/partitions_test.cpp.)
#include "checks/sgd/sgd4_batch_size.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Sgd4BatchSizeDecomposition, ExactAndMonteCarloAgreeWithFormula) {
  for (const auto& spec : sgd_batch_size_problems()) {
    const Case c = sgd_batch_size_case<quad>(claim_context("SGD-4"), spec);
    EXPECT_TRUE(c.pass) << spec.name;
    for (const auto& row : c.tables[1].rows) EXPECT_EQ(row[7], "holds") << spec.name << " B = " << row[0];
  }
}
