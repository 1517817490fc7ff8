// Result records (JSON, schema "irverify-record-1"), the one thing reports/ reads: one file per claim run,
// <out>/<claim id>.json. Fields: claim, title, statement, verdict_rule,
// negative_control, verdict ("pass"/"fail"), scalar, digits, cases[], wall_time_s,
// provenance {version, git_commit, compiler, build_type, build_flags, dependencies, command_line, date}.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace irverify {

nlohmann::json provenance_json(const std::vector<std::string>& command_line);
// What `irverify --version` prints: version, git commit, compiler, build type and flags (as provenance_json records).
std::string version_text();

void write_record(const nlohmann::json& record, const std::string& out_dir);
// A record and the file it was read from (for messages).
struct RecordFile {
  std::string path;
  nlohmann::json doc;
};
// Every record (*.json with schema irverify-record-1) in dir, sorted by claim id. Each file is read as `validate`
// reads it (a regular file, at most 64 MiB, nesting at most 64) and must meet the record schema (so a claim id is a
// safe file stem); two records of one claim are refused. Errors (std::runtime_error) name the file and JSON pointer.
std::vector<RecordFile> read_records(const std::string& dir);
// Every study record (*.json with schema irverify-study-1) in dir, read and validated the same way, by study name.
std::vector<RecordFile> read_study_records(const std::string& dir);

}  // namespace irverify
