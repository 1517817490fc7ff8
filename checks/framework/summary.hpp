// What the framework writes about a claim from its typed cases (checks/framework/case.hpp), never from their JSON:
// the statements over all cases, the one-line summary from the cases' headline numbers (or from the ladders' fitted
// orders), and the convergence figure of the ladders.
#pragma once

#include "checks/framework/case.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace irverify {

// One entry per distinct (statement, expectation): how many cases measured each outcome, the outcome they all
// measured (else "mixed"), and pass when every case matched the expectation. A statement in `refuted_somewhere` is
// required refuted on some case (scope "some instance"): it passes when some case refutes it, whatever the others
// measured (they hold or are unresolved where the instance cannot refute it), and fails when none does.
// A statement whose cases carry tests (Statement::test) gets the family's over the cases: their count, comparisons and
// levels summed, and the Bonferroni p-value min(1, cases * least p).
// On given problem files (not the built-in instances), a refuted_somewhere statement no case measures is
// "not-applicable" (the instance that refutes it is not in the run); on the built-in instances it fails.
nlohmann::json statement_summary(const std::vector<Case>& cases, const std::vector<std::string>& refuted_somewhere,
                                 bool on_given_problems);

// {"measured": ..., "expected": ...}: the cases' headlines aggregated (Headline), else the range of fitted orders per
// claimed order over the ladders; the expected part falls back to `expected` and then to the claimed orders.
nlohmann::json claim_summary(const std::vector<Case>& cases, const std::string& expected);

// The errors of every case with a ladder against h, a panel per case, with 1.96 sigma bars for Monte Carlo series and
// each claimed order's slope through its last fitted point. No panels: no ladder.
Figure convergence_figure(const std::string& id, const std::string& title, const std::vector<Case>& cases);

}  // namespace irverify
