// Problem files (documented in README.md, "Problem files").
//
// JSON, format "irverify-problem-1":
//   { "format": "irverify-problem-1", "name": "...", "model": "least-squares",
//     "data": [[x1, ..., xp, y], ...]   or   "data_file": "points.csv",
//     "terms": [{"A": [[...]], "b": [...], "c": 0}, ...]   (model "quadratic" only),
//     "hidden": 3                         (two-layer models only),
//     "theta0": [...], "partition": [[0, 1], [2, 3]] (optional), "h0": 0.0625 (optional) }
// Numbers are read from their decimal text (never through double), so "0.1" is
// 0.1 correctly rounded in every precision; numbers may also be JSON strings.
// CSV data files: one example per line (LF, CRLF or CR), comma-separated, label last; blank
// lines and lines starting with '#' are skipped. Limits and refusals: theory/problem/problem_spec.hpp, README.
// Every error throws ProblemError naming the file, the line (or JSON path) and the problem.
#pragma once

#include "theory/problem/problem_spec.hpp"

#include <string>

namespace irverify {

ProblemSpec read_problem_file(const std::string& path);
// The same from the file's text; `path` names it in messages and anchors a relative data_file.
ProblemSpec parse_problem_text(const std::string& text, const std::string& path);
void write_problem_file(const ProblemSpec& spec, const std::string& path);

// CSV rows (strings), with each row's origin "path:line" in `where`.
std::vector<std::vector<std::string>> read_csv_rows(const std::string& path, std::vector<std::string>* where);
std::vector<std::vector<std::string>> parse_csv_text(const std::string& text, const std::string& path,
                                                     std::vector<std::string>* where);

}  // namespace irverify
