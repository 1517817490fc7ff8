// Markdown report from result records (checks/claims/record.hpp); never from stdout.
//   <out>/REPORT.md        summary table of all claims, then a section per claim:
//                          statement, set-up, convergence tables (h, error, observed rate), fits
//   <out>/figures/*.svg    log-log error figures with reference slopes (gnuplot; the .gp scripts are kept)
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
