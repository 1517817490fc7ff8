#include "reports/record/record.hpp"

#include "reports/record/schemas.hpp"
#include "theory/io/atomic_write.hpp"

#include "irverify_provenance.hpp"

#include <boost/version.hpp>
#include <fmt/format.h>
#include <mpfr.h>
#include <Eigen/Core>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

namespace irverify {

nlohmann::json provenance_json(const std::vector<std::string>& command_line) {
  const std::time_t now = std::time(nullptr);
  char date[64];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return {
      {"irverify_version", IRVERIFY_VERSION},
      {"git_commit", IRVERIFY_GIT_COMMIT},
      {"compiler", IRVERIFY_COMPILER},
      {"build_type", IRVERIFY_BUILD_TYPE},
      {"build_flags", IRVERIFY_BUILD_FLAGS},
      {"dependencies",
       {{"boost", fmt::format("{}.{}.{}", BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100)},
        {"eigen", fmt::format("{}.{}.{}", EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION)},
        {"mpfr", mpfr_get_version()},
        {"nlohmann_json", fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                                      NLOHMANN_JSON_VERSION_PATCH)},
        {"fmt", FMT_VERSION}}},
      {"command_line", command_line},
      {"date_utc", date},
  };
}

std::string version_text() {
  return fmt::format("irverify {}\ncommit {}\ncompiler {}, {} build, flags: {}\nSIMD kernels: SSE2, AVX2, AVX-512 "
                     "(chosen at run time; the same bits on each)",
                     IRVERIFY_VERSION, IRVERIFY_GIT_COMMIT, IRVERIFY_COMPILER, IRVERIFY_BUILD_TYPE,
                     std::string(IRVERIFY_BUILD_FLAGS).empty() ? "(none)" : IRVERIFY_BUILD_FLAGS);
}

void write_record(const nlohmann::json& record, const std::string& out_dir) {
  if (!out_dir.empty()) std::filesystem::create_directories(out_dir);  // "": this folder, as prepare_output took it
  const std::string path = (std::filesystem::path(out_dir) / (record.at("claim").get<std::string>() + ".json")).string();
  write_atomically(path, record.dump(2) + "\n");  // an existing record is replaced whole or left as it was
}

namespace {

// Every *.json in dir with "schema": schema, validated as kind (errors name the file and the JSON pointer).
std::vector<RecordFile> read_schema_files(const std::string& dir, const char* schema, DocumentKind kind) {
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error(fmt::format("{}: not a directory", dir));
  std::vector<RecordFile> v;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".json") continue;
    const std::string path = e.path().string();
    nlohmann::json j = read_json_for_validation(path);
    if (!j.is_object() || j.value("schema", nlohmann::json()) != schema) continue;
    const std::vector<SchemaError> errors = schema_errors(j, kind);
    if (!errors.empty())
      throw std::runtime_error(fmt::format("{}: {}: {} (not a valid {}; `irverify validate {}` lists every problem)", path,
                                           errors.front().path.empty() ? "/" : errors.front().path, errors.front().message,
                                           document_kind_name(kind), path));
    v.push_back({path, std::move(j)});
  }
  return v;
}

}  // namespace

std::vector<RecordFile> read_records(const std::string& dir) {
  std::vector<RecordFile> v = read_schema_files(dir, "irverify-record-1", DocumentKind::Record);
  std::map<std::string, std::string> file_of;  // claim id -> file
  for (const RecordFile& r : v)
    if (const auto [it, fresh] = file_of.emplace(r.doc["claim"].get<std::string>(), r.path); !fresh)
      throw std::runtime_error(fmt::format("{}: two records of {}: {} and {} (keep one per directory)", dir,
                                           r.doc["claim"].get<std::string>(), it->second, r.path));
  std::sort(v.begin(), v.end(), [](const RecordFile& a, const RecordFile& b) { return a.doc["claim"] < b.doc["claim"]; });
  return v;
}

std::vector<RecordFile> read_study_records(const std::string& dir) {
  std::vector<RecordFile> v = read_schema_files(dir, "irverify-study-1", DocumentKind::Study);
  std::sort(v.begin(), v.end(), [](const RecordFile& a, const RecordFile& b) {
    return std::make_pair(a.doc["study"], a.path) < std::make_pair(b.doc["study"], b.path);
  });
  return v;
}

}  // namespace irverify
