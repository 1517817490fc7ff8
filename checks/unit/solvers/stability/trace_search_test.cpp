// solvers/stability/trace_search.hpp: the trace ratios of an instance (eta* tr H / 2, eta* tr H / (2B), eta* |H|_F), the
// necessary condition eta* tr H / (2B) <= 1 on random instances and on the search's maximizers, whose ratios are the
// values the search reports; the search is a pure function of its seed.
#include "solvers/stability/trace_search.hpp"

#include "solvers/stability/interpolating_minimum.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace irverify;

TEST(TraceSearch, RatiosAsDefinedAndTheBoundHolds) {
  Mat<double> V(3, 3);
  V << 1, 0.5, 0, -0.25, 1, 0.5, 0, 0.75, -1;
  const StabilityInstance<double> in = stability_instance<double>(V);
  for (const BatchScheme bs : {BatchScheme{1, BatchSampling::WithReplacement}, BatchScheme{2, BatchSampling::WithoutReplacement}}) {
    const TraceRatios<double> r = trace_ratios(in, bs);
    EXPECT_EQ(r.eta, eta_star_structured<double>(in, bs.B, bs.sampling));
    EXPECT_EQ(r.b1, r.eta * in.trace() / 2);
    EXPECT_EQ(r.bB, r.eta * in.trace() / (2 * bs.B));
    EXPECT_EQ(r.frob, r.eta * in.frobenius());
    EXPECT_LE(r.bB, 1 + 1e-12) << bs.B;  // eta* <= 2B / tr H
  }
}

TEST(TraceSearch, SearchIsReproducibleAndItsMaximizersHaveTheReportedRatios) {
  const TraceSearchOptions opt{7, 20, 2, 60};
  for (const BatchScheme bs : {BatchScheme{1, BatchSampling::WithReplacement}, BatchScheme{2, BatchSampling::WithReplacement}}) {
    const TraceSearch s = trace_search(3, bs, opt);
    ASSERT_EQ(s.random.size(), 20u);
    for (const RandomInstanceRatios& r : s.random) EXPECT_LE(r.ratios.bB, 1 + r.tol);
    ASSERT_EQ(s.best_b1.rows(), 3);
    ASSERT_EQ(s.best_bB.rows(), 3);
    const StabilityInstance<double> b1 = stability_instance<double>(s.best_b1), bB = stability_instance<double>(s.best_bB);
    EXPECT_EQ(trace_ratios(b1, bs).b1, s.search_b1);
    EXPECT_EQ(trace_ratios(bB, bs).bB, s.search_bB);
    EXPECT_LE(s.search_bB, 1 + eta_star_tolerance(bB));  // the bound holds at the maximizer too
    const TraceSearch again = trace_search(3, bs, opt);
    EXPECT_EQ(again.search_b1, s.search_b1);
    EXPECT_EQ(again.best_b1, s.best_b1);
    TraceSearchOptions other = opt;
    other.seed = 8;
    EXPECT_NE(trace_search(3, bs, other).random[0].ratios.eta, s.random[0].ratios.eta);
  }
  // Its stream index 100 N + 10 B + sampling is one per (N, B, sampling) only for B <= 9: beyond, refused.
  EXPECT_THROW(trace_search(3, BatchScheme{10, BatchSampling::WithReplacement}, opt), std::invalid_argument);
  EXPECT_THROW(trace_search(0, BatchScheme{1, BatchSampling::WithReplacement}, opt), std::invalid_argument);
}
