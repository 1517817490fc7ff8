// Resource budgets of a claim run (issue 13). Before a claim runs a problem, a lower bound on its cost from the
// problem's sizes and the precision: memory for one dense Hessian and the data, time for the multiply-adds every
// claim does at least (one Hessian, one symmetric eigenproblem, one gradient per ladder level), at a rate measured on
// this machine. A run whose lower bound exceeds the budget is refused before it starts (ProblemError: the CLI exits 2
// with the estimate, the limit and the option that raises it); every other run is stopped at its time budget by the
// solvers' deadline (solvers/control/deadline.hpp). The estimate is a lower bound, so it never refuses a run that
// would have fitted; runs above it are caught by the deadline, never left to spin.
#pragma once

#include "checks/framework/run_context.hpp"
#include "theory/problem/problem_spec.hpp"

#include <string>

namespace irverify {

// min(8 GiB, half the physical memory) (--memory-budget).
double default_memory_budget();

// The symmetric eigenproblem a claim solves for every problem: P x P (parameters), N x N (examples), or none.
enum class EigenSize { Parameters, Examples, None };

struct CostEstimate {
  double multiply_adds = 0;  // at least
  double seconds = 0;        // at least: multiply_adds at the measured rate
  double bytes = 0;          // at least
  std::string basis;         // how: sizes, counts and rate
};

// Lower bound for one problem of `spec` in `precision` on a ladder of `levels`:
// one Hessian if the claim forms it (N P^2 / 2 multiply-adds, P^2 numbers), one symmetric eigenproblem of size n (the
// tridiagonal reduction, 4 n^3 / 3) and one gradient (N P) per level; the data (N (F + 1) numbers) and theta (P).
// With batch_precision (claims that step on the problem's `batch`, in the precision they simulate in): one step's
// batch gradient, B P multiply-adds, too.
CostEstimate estimate_cost(const ProblemSpec& spec, const Precision& precision, int levels, EigenSize eigen,
                           bool forms_hessian = true, const Precision* batch_precision = nullptr);

// Seconds per multiply-add in `precision`, a lower bound for this machine: the best of a few timed dot products in
// the scalar type, divided by 8 for double (SIMD lanes and FMA units) and by 2 for the software types. Measured once
// per process and precision.
double seconds_per_multiply_add(const Precision& precision);

// "2.5 h", "40 min", "12 s"; "3.1 GiB".
std::string human_seconds(double s);
std::string human_bytes(double b);

}  // namespace irverify
