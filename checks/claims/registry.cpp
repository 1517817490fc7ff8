#include "checks/claims/claim.hpp"
#include "checks/claims/igr_flat_minima.hpp"
#include "checks/claims/igr_global_error.hpp"
#include "checks/claims/igr_local_error.hpp"
#include "checks/claims/igr_modified_equation.hpp"
#include "checks/claims/sgd_batch_size.hpp"
#include "checks/claims/sgd_exact_mean.hpp"
#include "checks/claims/sgd_monte_carlo.hpp"
#include "checks/claims/stab_gd_threshold.hpp"
#include "checks/claims/stab_sgd_threshold.hpp"
#include "checks/claims/stab_selection.hpp"
#include "checks/claims/stab_sharpness_norms.hpp"
#include "checks/claims/stab_trace_bounds.hpp"

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
      {"IGR-2", "igr_global_error_order", "GD global error against the original and modified flows",
       "Barrett & Dherin, Implicit Gradient Regularization, ICLR 2021 (Sec. 3)",
       "After n = T/h GD steps from theta0, ||theta_n - phi^L_T(theta0)|| = Theta(h) and "
       "||theta_n - phi^{L~}_T(theta0)|| = O(h^2), with L~ = L + (h/4)||grad L||^2.",
       fmt::format("Ladder h_k = h0 2^-k, k < {} (h0 as in IGR-1), horizon T = ceil(1/h0) h0 fixed, n_k = T/h_k steps; "
                   "fitted orders within +-{} of 1 (flow of L) and 2 (flow of L~) on every smooth model, above the "
                   "floor. A least-squares case in double runs down to where GD's rounding meets the O(h^2) error: "
                   "the floor must be detected and excluded, the order still 2.",
                   kIgrGlobalLevels, kOrderTolerance),
       "Coefficient h/2 instead of h/4: the order-2 check must reject it (its order is 1).", "mp50",
       run_igr_global_error},
      {"IGR-3", "igr_modified_equation_order", "Modified equation beyond first order: f3, exact series, no loss",
       "Backward error analysis of explicit Euler (Hairer, Lubich & Wanner, GNI Ch. IX), derived in CLAIMS.md; "
       "cf. Barrett & Dherin 2021, Sec. 3",
       "The modified field f + h f2 + h^2 f3 with f2 = -(1/2) H g, f3 = -(1/12) T[g,g] - (1/3) H^2 g gives one-step "
       "local error O(h^4). For quadratic L the full field is -(1/h) log(I - hH)(theta - theta*), whose flow is GD "
       "exactly. The Jacobian of f3 is symmetric for quadratics and not otherwise: a modified loss exists only to "
       "first order.",
       fmt::format("Ladder as in IGR-1 ({} levels): fitted order of the f3-field local error within +-{} of 4 on every "
                   "smooth model; for quadratics, truncation errors of the field of orders 1, 2, 3 and the exact-series "
                   "flow equal to GD within the solver and rounding tolerance (eps times Taylor steps and GD steps); "
                   "Jacobian asymmetry of f3 <= 1024 dim eps for quadratics and >= sqrt(eps) otherwise.",
                   kIgrModifiedLevels, kOrderTolerance),
       "Coefficient 1/6 instead of 1/3 on H^2 g (all models) and 1/6 instead of 1/12 on T[g,g] (where T != 0) must "
       "lower the order below 4 (for quadratics: 1/6 on H^3 lowers the field order below 3); the Jacobian of f2, a "
       "gradient field, must test symmetric on every model.",
       "mp50", run_igr_modified_equation},
      {"IGR-4", "igr_flat_minima", "GD ends at flatter minima; the flow of L~ predicts its limit to O(h^2)",
       "Barrett & Dherin, Implicit Gradient Regularization, ICLR 2021 (Sec. 5-6)",
       "From the same theta0, GD with larger h (below 2/lambda_max) converges to a flatter minimum (smaller lambda_max, "
       "more balanced) than gradient flow; the limit of the flow of L~ = L + (h/4)||g||^2 predicts GD's limit with "
       "error O(h^2), the limit of the flow of L only O(h).",
       fmt::format("On two-param and diag-uv: h_k = h0 2^-k, k < {}, h0 = 1/lambda_max(H(theta0)) rounded down to a power "
                   "of two; GD and the flows run to steady state (remaining distance below eps^(3/4)|theta0|). "
                   "lambda_max at GD's limit strictly decreasing in h (and below the flow's), h lambda_max < 2 at every "
                   "limit; fitted orders of the limit distances within +-{} of 1 (flow of L) and 2 (flow of L~).",
                   kFlatMinimaLevels, kOrderTolerance),
       "Coefficient h/2 in L~ (its limit is only O(h) from GD's) must be rejected by the order-2 check; the "
       "h-independent flow-of-L limit must fail the decreasing-sharpness test.",
       "quad", run_igr_flat_minima},
      {"IGR-5", "igr_explicit_regularizer", "Explicit regularizer L + mu ||g||^2",
       "Barrett & Dherin, Implicit Gradient Regularization, ICLR 2021 (Sec. 6, explicit gradient regularization)",
       "Gradient flow on L + mu ||g||^2 converges to minima whose sharpness decreases with mu; mu = h/4 reproduces "
       "GD's end point to O(h^2).",
       fmt::format("On two-param and diag-uv: for mu = 0 and mu = (h0/4) 2^-j, j < {}, lambda_max at the flow's limit "
                   "strictly decreasing in mu; on the IGR-4 ladder ({} levels), the distance from GD's limit to the limit "
                   "of the flow with mu = h/4 has fitted order within +-{} of 2.",
                   kMuGridSize, kFlatMinimaLevels, kOrderTolerance),
       "mu = h/2 must be rejected by the order-2 check; the sign-flipped regularizer L - mu ||g||^2 must fail the "
       "decreasing-sharpness test.",
       "quad", run_igr_explicit_regularizer},
      {"SGD-1", "sgd_exact_mean_order", "Shuffled SGD: exact epoch mean against the original and modified flows",
       "Smith, Dherin, Barrett & De, On the Origin of Implicit Regularization in SGD, ICLR 2021 (Sec. 3, Eq. 5-6)",
       "Averaged over all m! orders of the batches, ||E[theta_m] - phi^L_{m eps}(theta0)|| = Theta(eps^2) and "
       "||E[theta_m] - phi^{L~SGD}_{m eps}(theta0)|| = O(eps^3), L~SGD = L + (eps/4m) sum_k ||g_k||^2; a single "
       "order's iterate differs from the mean by Theta(eps^2).",
       fmt::format("Ladder eps_k = eps0 2^-k, k < {}, eps0 = 1/(4 m max(1, lambda_max(H), max_k lambda_max(H_k))) "
                   "rounded down to a power of two; exact means by enumeration (m = 3 to 8); fitted orders within "
                   "+-{} of 2 (flow of L), 3 (flow of L~SGD) and 2 (spread of single orders).",
                   kSgdLevels, kOrderTolerance),
       "Coefficient eps/(2m) instead of eps/(4m), and the GD modified loss of the whole epoch L + (m eps/4)||g||^2: "
       "the order-3 check must reject both.",
       "mp50", run_sgd_exact_mean},
      {"SGD-2", "sgd_monte_carlo_order", "Shuffled SGD: many-seed averages, plain and antithetic",
       "Smith, Dherin, Barrett & De, ICLR 2021 (Sec. 3); antithetic pairs derived in CLAIMS.md",
       "The SGD-1 orders hold for the epoch mean estimated from S random orders: plain sampling, and antithetic pairs "
       "(an order and its reverse, whose average equals the exact mean up to O(eps^3)), which resolve the O(eps^3) "
       "term with far fewer seeds.",
       fmt::format("Ladder as in SGD-1 ({} levels), {} epochs per estimator and level (plain: {} orders; antithetic: {} "
                   "pairs), Philox seed {}. Points count only above {:g} standard deviations (the noise floor); a claimed "
                   "order holds when |fit - order| <= max(0.05, 95% half-width) and the half-width is <= {}: orders 2 "
                   "(both estimators, flow of L) and 3 (antithetic, flow of L~SGD). Plain vs L~SGD is reported with its "
                   "floor, not judged.",
                   kSgdMcLevels, kSgdMcEpochs, kSgdMcEpochs, kSgdMcEpochs / 2, kSgdMcSeed, kMcMargin, kMcMaxHalfWidth),
       "Antithetic estimate against the flow with coefficient eps/(2m): its order must lie outside the band around 3.",
       "double", run_sgd_monte_carlo},
      {"SGD-3", "sgd_second_order_coefficient", "Shuffled SGD: the eps^2 coefficient of the mean iterate",
       "Derived in CLAIMS.md from Smith, Dherin, Barrett & De, ICLR 2021 (Sec. 3)",
       "E[theta_m] = theta0 - m eps g + (eps^2/4)(m^2 grad||g||^2 - sum_k grad||g_k||^2) + O(eps^3), all at theta0; "
       "the modified flow has the same eps^2 coefficient.",
       fmt::format("C2 extracted by Richardson extrapolation (ratio 2, {} levels) of D(eps) = (E[theta_m] - theta0 + m eps "
                   "g)/eps^2 from exact means, and likewise from the flow of L~SGD, agrees with the closed form to >= {:g} "
                   "digits.",
                   kRichardsonLevels, kSgd3Digits),
       "The closed form with coefficient eps/(2m), and without the minibatch term (m^2 H g / 2 only), must agree to "
       "fewer digits.",
       "mp50", run_sgd_second_order},
      {"SGD-4", "sgd_batch_size_decomposition", "Shuffled SGD: regularizer decomposition and batch-size scaling",
       "Smith, Dherin, Barrett & De, ICLR 2021 (Sec. 4, Eq. 7-8); the partition average derived in CLAIMS.md",
       "(1/m) sum_k ||g_k||^2 = ||g||^2 + (1/m) sum_k ||g_k - g||^2 exactly; over a uniformly random partition into "
       "batches of size B, E[(1/m) sum_k ||g_k - g||^2] = ((N - B)/(B (N - 1))) Gamma, Gamma = (1/N) sum_i "
       "||grad l_i - g||^2; hence the regularizer scales as eps/B for B << N.",
       fmt::format("At theta0: the identity to 64 N eps; for every B dividing N, the partition average equals the formula "
                   "to 16 count eps relative (exact enumeration, up to {} partitions) or within the {:.1f}-sigma interval "
                   "of {} random partitions (Monte Carlo, N = 48).",
                   kExactPartitions, kZ999, kPartitionSamples),
       "The formula with N in place of N - 1 must be rejected wherever the computation resolves the difference "
       "(always by exact enumeration; by Monte Carlo where |difference| > 2 z se).",
       "mp50", run_sgd_batch_size},
      {"STAB-1", "stab_gd_threshold", "GD linear stability: eta <= 2/lambda_max(H)",
       "Wu, Ma & E, How SGD Selects the Global Minima in Over-parameterized Learning, NeurIPS 2018 (Sec. 3); "
       "Wu & Su, ICML 2023",
       "At an interpolating minimum (H = (1/N) sum_i v_i v_i'), the linearized GD map delta' = (I - eta H) delta is "
       "stable iff eta <= 2/lambda_max(H).",
       fmt::format("At a minimum found from theta0 by Gauss-Newton, on every regression model: lambda_max of the model's "
                   "Hessian equals that of (1/N) V'V; direct iteration (in the range of H) at eta = (2/lambda_max)(1 -+ "
                   "2^-k), k = 1..{}, decays below and grows above, with rate within {:g} relative of log rho(I - eta H).",
                   kStabGdLevels, kStabRateRelTol),
       "Thresholds 1.05 and 0.95 times 2/lambda_max, and 2/tr H: the iteration at the midpoint between each and "
       "2/lambda_max must contradict it.",
       "mp50", run_stab_gd_threshold},
      {"STAB-2", "stab_sgd_threshold", "The exact SGD threshold eta* from a generalized eigenproblem",
       "Derived in CLAIMS.md (STAB-2); setting of Wu & Su, The Implicit Regularization of Dynamical Stability in SGD, "
       "ICML 2023",
       "Linearized SGD with batches of size B (with or without replacement) is mean-square stable iff eta <= eta* = "
       "1/lambda_max(A^{-1} C), A(M) = HM + MH, C(M) = E[H_xi M H_xi] on symmetric matrices over the range of H.",
       fmt::format("For B in {{1, 2, 4}} and both samplings: C's closed form equals enumeration of batches (64 (batches + "
                   "r) eps); structured and dense eigenproblems agree to 16 n eps; bisection on rho(T) (to 2^-{}) brackets "
                   "eta*; Monte Carlo growth ({} runs, t = {}, seed {}) at eta*(1 + x), x = -5%, -2.5%, 2.5%, 5%, agrees "
                   "with log rho(T) (|z| <= {}) and resolves the sign of x.",
                   kStabBisectionBits, kStabMcSamples, kStabMcSteps, kStabMcSeed, kZ999),
       "Thresholds off by 5% (eta*(1 -+ 5%)): the Monte Carlo rate at eta*(1 -+ 2.5%) must contradict them (decay where "
       "they predict growth, growth where they predict decay) beyond its 99.9% interval.",
       "mp50", run_stab_sgd_threshold},
      {"STAB-3", "stab_trace_bounds", "Necessary conditions: trace bounds at SGD-stable minima",
       "Wu & Su, The Implicit Regularization of Dynamical Stability in SGD, ICML 2023 (B = 1); the 2B bound derived in "
       "CLAIMS.md",
       "If a minimum is stable for SGD at eta (eta <= eta*), then tr H <= 2/eta for B = 1 with replacement, and tr H <= "
       "2B/eta for any B and either sampling. The abstract's bound without B is tested at B >= 2.",
       fmt::format("eta* tr H / 2 <= 1 at B = 1 and eta* tr H / (2B) <= 1 for B in {{1, 2, 4}}, both samplings, to 64 n eps, "
                   "at the minima of the built-in problems, at {} random instances per N in {{4, 8}}, and at the maximizers "
                   "of a (1+1)-ES search ({} restarts x {} iterations, seed {}) re-evaluated in mp50. The B-free ratio at "
                   "B >= 2 is reported; a value > 1 is stored as a problem file and confirmed from it.",
                   kStabRandomInstances, kStabSearchRestarts, kStabSearchIterations, kStabSearchSeed),
       "The bound with sqrt(B) in place of B (eta* tr H / (2 sqrt(B)) <= 1) must be found violated at every B >= 2 by "
       "the search (the B-free bound is tested, not assumed: it is reported violated where it is).",
       "mp50", run_stab_trace_bounds},
      {"STAB-4", "stab_selection", "Selection: SGD ends at trace-bounded minima, GD only at lambda_max-bounded ones",
       "Wu, Ma & E, NeurIPS 2018; Wu & Su, ICML 2023",
       "Trained to convergence on diagonal networks, SGD (B = 1) ends at minima with tr H <= 2/eta (and is stable there, "
       "eta <= eta*); GD at the same eta ends with lambda_max <= 2/eta but can have tr H > 2/eta.",
       fmt::format("On diag-uv and diag-uu-vv (double): {} random starts, GD, SGD B = 1 with replacement and SGD B = 2 "
                   "without, eta_k = (2/lambda_max at the Gauss-Newton minimum from theta0) 2^(-k/2), k < {}, at most {} "
                   "steps; every converged SGD end point has eta <= eta*(1 + 64 n eps) and tr H <= 2B/eta; every GD end "
                   "point lambda_max <= 2/eta; at least one GD end point tr H > 2/eta.",
                   kStabStarts, kStabEtaLevels, kStabMaxSteps),
       "The trace bound applied to GD (tr H <= 2/eta at GD's end points) must fail at some end point.", "double",
       run_stab_selection},
      {"STAB-5", "stab_sharpness_norms", "Sharpness and weight norms at interpolating minima",
       "CLAIMS.md (STAB-5), after Wu & Su 2023 (Sec. 5) and the diagonal-network literature",
       "diag-uv: tr H = sum_k s_k (u_k^2 + v_k^2) >= 2 sum_k s_k |beta_k|, equality iff |u_k| = |v_k|; diag-uu-vv: "
       "tr H = 4 sum_k s_k (u_k^2 + v_k^2); two-layer ReLU: tr H = (1/N) sum_i |grad_theta f(x_i)|^2, between "
       "(2/N) sum_i |x_i||y_i| and (1/N) sum_i |x_i|^2 |theta|^2.",
       "At exact minima (constructed balanced and unbalanced, and Gauss-Newton from theta0) in mp50: identities to 64 dim "
       "eps (plus the residual term); bound excess equals its gap formula; equality exactly at the balanced minimum.",
       "The diag identity with the other model's factor, equality claimed at the unbalanced minimum, and the ReLU "
       "identity with factor 1/(2N) must all be rejected.",
       "mp50", run_stab_sharpness_norms},
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
