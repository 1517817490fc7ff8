// solvers/iterate/adam.hpp: Adam's stepper takes the steps its definition writes (bias correction on or off, eps
// inside or outside the root), against the recursion written out here; RMSProp is beta = 0.
#include "solvers/iterate/adam.hpp"
#include "solvers/iterate/iterate.hpp"

#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Adam, StepsAreTheWrittenRecursion) {
  const Problem<quad> pr = build_problem<quad>(generate_problem("diag-uv", 2));
  const Model<quad>& m = *pr.model;
  const Batch all = m.all_examples();
  const quad h = quad(1) / 32;
  for (const quad& beta : {quad(1) / 2, quad(0)})
    for (bool bc : {true, false})
      for (bool inside : {true, false}) {
        const AdamHyper<quad> a{beta, quad(3) / 5, quad(1) / 10, inside};
        Vec<quad> x = adam_state<quad>(pr.theta0), th = pr.theta0;
        iterate(AdamStep<quad>{m, all, h, a, bc}, x, 6);
        const Eigen::Index n = th.size();
        Vec<quad> mm = Vec<quad>::Zero(n), nu = Vec<quad>::Zero(n);
        for (int k = 1; k <= 6; ++k) {
          const Vec<quad> g = m.gradient(th, all);
          mm = beta * mm + (1 - beta) * g;
          nu = a.rho * nu + (1 - a.rho) * g.cwiseProduct(g);
          for (Eigen::Index j = 0; j < n; ++j) {
            const quad mh = bc ? quad(mm(j) / (1 - pow(beta, k))) : mm(j), vh = bc ? quad(nu(j) / (1 - pow(a.rho, k))) : nu(j);
            th(j) -= h * mh / (inside ? quad(sqrt(quad(vh + a.eps))) : quad(sqrt(vh) + a.eps));
          }
        }
        EXPECT_LE(to_double((x.head(n) - th).norm()), 256 * to_double(eps<quad>())) << to_double(beta) << bc << inside;
      }
}
