// Observed order of convergence on a step ladder h_k = h0 2^-k (STYLE.md lesson 6).
//
// Given errors e_k, reports the pairwise orders log(e_{k-1}/e_k)/log(h_{k-1}/h_k),
// excludes points at the floor, and fits log e = p log h + c by least squares on
// the asymptotic tail (the last `tail` points above the floor).
// A point is at the floor when
//   (a) e_k <= floor (the precision or Monte Carlo noise floor, given by the caller), or
//   (b) the error stalls for good: its pairwise order is below `stall_order` (the error fell by less
//       than 2^stall_order on halving h) and no later error is below a quarter of it; every later point
//       is at the floor too. A stall that errors leave again (pre-asymptotic) is not a floor.
// The floor F is the larger of the given one and the largest error among stalled points (reported as
// floor_detected). Points with e_k <= margin * F are excluded too: their contamination by the floor
// exceeds 1/margin, enough to bend a fitted slope.
#pragma once

#include <string>
#include <vector>

namespace irverify {

struct OrderFitOptions {
  double floor = 0;          // errors at or below this are not signal
  double stall_order = 0.5;  // pairwise order below this marks a plateau
  double margin = 100;       // signal must exceed margin * floor
  int tail = 5;              // points used for the least-squares slope
  int min_points = 3;        // fewer usable points: no fit
  // Monte Carlo errors: the standard deviation of each error (empty for deterministic errors). Then point k is
  // at the noise floor unless err[k] > margin * sigma[k], and the slope is the weighted least-squares fit with
  // weights (err/sigma)^2 (the variance of log err is about (sigma/err)^2), its standard error from the weights; a
  // tail with a point of sigma = 0 (an exact mean) is fitted unweighted.
  std::vector<double> sigma;
};

struct OrderFit {
  std::vector<double> h, err;
  std::vector<double> pairwise;  // pairwise[0] is NaN (no predecessor)
  std::vector<bool> excluded;    // at the floor
  std::vector<int> fitted;       // indices used for the slope
  double slope = 0;              // fitted observed order
  double slope_stderr = 0;       // standard error of the slope (scatter about the line)
  double intercept = 0;          // log(e) = slope log(h) + intercept (natural logs)
  double floor_given = 0;
  double floor_detected = 0;     // 0 if no point was excluded
  bool ok = false;               // enough points above the floor
  std::string note;              // why not ok
};

OrderFit fit_order(const std::vector<double>& h, const std::vector<double>& err, const OrderFitOptions& opt = {});

// True when the fit is ok and |slope - p| <= delta.
bool order_matches(const OrderFit& f, double p, double delta);

// Monte Carlo fits: |slope - p| <= max(delta, 1.96 stderr): the 95% noise interval, widened to the deterministic
// tolerance delta (the pre-asymptotic bias of the fit, which the noise interval does not contain).
bool mc_order_matches(const OrderFit& f, double p, double delta);

}  // namespace irverify
