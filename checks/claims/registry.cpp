#include "checks/claims/claim.hpp"
#include "checks/claims/igr_local_error.hpp"

#include <fmt/format.h>

#include <chrono>
#include <iostream>

namespace irverify {

const std::vector<Claim>& claims() {
  static const std::vector<Claim> c = {
      {"IGR-1", "igr_local_error_order", "GD local error against the original and modified flows",
       "Barrett & Dherin, Implicit Gradient Regularization, ICLR 2021 (Sec. 3, Thm. 3.1)",
       "One GD step theta1 = theta0 - h g(theta0) satisfies ||theta1 - phi^L_h(theta0)|| = Theta(h^2) and "
       "||theta1 - phi^{L~}_h(theta0)|| = O(h^3), with L~ = L + (h/4)||grad L||^2.",
       fmt::format("On a ladder h_k = h0 2^-k, k < {} (h0 = 1/(4 max(1, lambda_max(H(theta0)))) rounded down to a "
                   "power of two, unless the problem gives h0), the least-squares slope of log(error) on the last {} "
                   "points above the precision floor is within +-{} of 2 (flow of L) and of 3 (flow of L~), on every "
                   "model; the negative control must miss order 3 by more than {}.",
                   kIgrLocalLevels, OrderFitOptions{}.tail, kOrderTolerance, kOrderTolerance),
       "Coefficient h/2 instead of h/4 (flow of L + (h/2)||g||^2): the same order-3 check must reject it.", "mp50",
       run_igr_local_error},
  };
  return c;
}

const Claim* find_claim(const std::string& id) {
  for (const auto& c : claims())
    if (c.id == id) return &c;
  return nullptr;
}

void progress(const RunOptions& opt, const std::string& claim, const std::string& message) {
  static const auto start = std::chrono::steady_clock::now();
  if (!opt.progress) return;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << fmt::format("[{:7.1f} s] {}: {}", s, claim, message) << std::endl;
}

}  // namespace irverify
