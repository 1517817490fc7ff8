// Markdown report from result records (reports/record/record.hpp), never from stdout, for any claim: it knows the
// record format and figures declared as data (reports/figure/figure.hpp), not the claims.
//   <out>/REPORT.md          a summary row per claim, by family (the id's prefix), in the claims' order
//   <out>/claims/<ID>.md     a page per claim: statement, set-up, figures, statements, then each case (convergence
//                            tables and fits, the claim's tables, stored problem files, the case's figures)
//   <out>/claims/statements.md  every statement of every claim
//   <out>/figures/*.svg      every figure of the records (gnuplot; the .gp scripts are kept)
//   <out>/problems/*.json    problem files stored in records (counterexamples, exhibits)
#pragma once

#include <string>

namespace irverify {

struct ReportOptions {
  std::string records_dir;
  std::string out_dir;  // "" = records_dir
  bool figures = true;
};

// Writes the report; returns the path of REPORT.md. Throws std::runtime_error on unreadable records.
std::string write_report(const ReportOptions& opt);

}  // namespace irverify
