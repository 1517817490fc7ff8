// IGR-1 (Barrett & Dherin 2021, Sec. 3; CLAIMS.md): one GD step theta1 = theta0 - h g(theta0)
// satisfies ||theta1 - phi^L_h(theta0)|| = Theta(h^2) and ||theta1 - phi^{L~}_h(theta0)|| = O(h^3),
// L~ = L + (h/4)||g||^2. Negative control: L + (h/2)||g||^2 must not give order 3.
#pragma once

#include "checks/claims/claim.hpp"
#include "solvers/order/order_fit.hpp"
#include "theory/problem/problem.hpp"

#include <string>
#include <vector>

namespace irverify {

struct LadderSeries {
  std::string name;   // e.g. "GD vs flow of L"
  std::string role;   // "claim" or "negative-control"
  double claimed_order = 0;
  std::vector<std::string> err_text;  // full precision
  std::vector<double> err;
  OrderFit fit;
  bool order_holds = false;  // |fitted - claimed| <= tolerance
};

struct LadderCase {
  ProblemSpec spec;
  int dim = 0, examples = 0;
  std::string scalar;
  std::vector<std::string> h_text;
  std::vector<double> h;
  std::vector<LadderSeries> series;
  double seconds = 0;
  int flow_order = 0;  // Taylor order used by the flow solver
  bool pass = false;   // claims hold and every negative control is rejected
};

// Tolerance on fitted orders, from CLAIMS.md (IGR-1: +-0.05).
inline constexpr double kOrderTolerance = 0.05;
// Default ladder length.
inline constexpr int kIgrLocalLevels = 14;

template <class S> LadderCase igr_local_error_case(const ProblemSpec& spec, int levels = kIgrLocalLevels);

nlohmann::json ladder_case_json(const LadderCase& c);
// The IGR-1 record body: every problem of opt (default: the built-in instances).
nlohmann::json run_igr_local_error(const RunOptions& opt);

}  // namespace irverify
