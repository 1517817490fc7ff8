#include "reports/record/record_compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

namespace irverify {

namespace {

using json = nlohmann::json;

const std::set<std::string> kVolatile = {"wall_time_s", "provenance", "seconds", "scaling_seconds", "threads", "processes"};

struct Comparer {
  bool exact = false;   // every compared leaf equal (same machine, same build: thread invariance)
  bool common = false;  // keys in one object only are skipped
  RecordComparison out;

  void differ(const std::string& path, const json& a, const json& b) {
    out.differences.push_back(fmt::format("{}: reference {} | fresh {}", path.empty() ? "/" : path, a.dump(), b.dump()));
  }

  void leaf(const std::string& path, const json& a, const json& b) {
    if (!exact && a.is_number() && b.is_number() && !(a.is_number_integer() && b.is_number_integer())) {
      const double x = a.get<double>(), y = b.get<double>();
      ++out.numeric;
      const double tol = 64 * std::numeric_limits<double>::epsilon() * std::max(std::abs(x), std::abs(y));
      if (!(std::abs(x - y) <= tol) && !(std::isnan(x) && std::isnan(y))) differ(path, a, b);
      return;
    }
    ++out.exact;
    if (a != b) differ(path, a, b);
  }

  // A Monte Carlo series: errors and slope compared statistically, the rest derived from them.
  void mc_series(const std::string& path, const json& a, const json& b) {
    const json &ea = a["errors"], &eb = b["errors"], &sa = a["sigma"], &sb = b["sigma"];
    if (ea.size() != eb.size() || sa.size() != sb.size() || sa.size() != ea.size())
      return differ(path + "/errors", ea.size(), eb.size());
    for (std::size_t i = 0; i < ea.size(); ++i) {
      const double x = std::stod(ea[i].get<std::string>()), y = std::stod(eb[i].get<std::string>());
      const double s = std::hypot(sa[i].get<double>(), sb[i].get<double>());
      ++out.statistical;
      if (!(std::abs(x - y) <= kZ999 * s)) differ(fmt::format("{}/errors/{}", path, i), ea[i], eb[i]);
    }
    const json &fa = a["fit"], &fb = b["fit"];
    if (fa["ok"] != fb["ok"]) return differ(path + "/fit/ok", fa["ok"], fb["ok"]);
    if (fa["ok"].get<bool>()) {
      const double s = std::hypot(fa["slope_stderr"].get<double>(), fb["slope_stderr"].get<double>());
      ++out.statistical;
      if (!(std::abs(fa["slope"].get<double>() - fb["slope"].get<double>()) <= kZ999 * s))
        differ(path + "/fit/slope", fa["slope"], fb["slope"]);
    }
    for (const char* k : {"name", "role", "claimed_order"}) node(path + "/" + k, a[k], b[k]);
    out.skipped += 1;
  }

  // A table: cells in a "seconds" column are timings.
  void table(const std::string& path, const json& a, const json& b) {
    node(path + "/title", a["title"], b["title"]);
    node(path + "/columns", a["columns"], b["columns"]);
    const json &ra = a["rows"], &rb = b["rows"];
    if (ra.size() != rb.size()) return differ(path + "/rows", ra.size(), rb.size());
    std::vector<bool> timing;
    for (const auto& c : a["columns"]) timing.push_back(c.get<std::string>().find("seconds") != std::string::npos);
    for (std::size_t i = 0; i < ra.size(); ++i) {
      if (ra[i].size() != rb[i].size()) {
        differ(fmt::format("{}/rows/{}", path, i), ra[i], rb[i]);
        continue;
      }
      for (std::size_t j = 0; j < ra[i].size(); ++j) {
        if (j < timing.size() && timing[j]) ++out.skipped;
        else leaf(fmt::format("{}/rows/{}/{}", path, i, j), ra[i][j], rb[i][j]);
      }
    }
  }

  void node(const std::string& path, const json& a, const json& b) {
    if (a.is_object() && b.is_object()) {
      if (a.contains("columns") && a.contains("rows") && a.contains("title")) return table(path, a, b);
      if (!exact && a.contains("sigma") && a.contains("errors") && a["sigma"].is_array() && !a["sigma"].empty())
        return mc_series(path, a, b);
      for (auto it = a.begin(); it != a.end(); ++it) {
        if (kVolatile.count(it.key())) {
          ++out.skipped;
          continue;
        }
        if (b.contains(it.key())) node(path + "/" + it.key(), it.value(), b[it.key()]);
        else if (common) ++out.skipped;
        else differ(path + "/" + it.key(), it.value(), "(missing)");
      }
      for (auto it = b.begin(); it != b.end(); ++it)
        if (!a.contains(it.key()) && !kVolatile.count(it.key())) {
          if (common) ++out.skipped;
          else differ(path + "/" + it.key(), "(missing)", it.value());
        }
      return;
    }
    if (a.is_array() && b.is_array()) {
      if (a.size() != b.size()) return differ(path + " (length)", a.size(), b.size());
      for (std::size_t i = 0; i < a.size(); ++i) node(fmt::format("{}/{}", path, i), a[i], b[i]);
      return;
    }
    leaf(path, a, b);
  }
};

}  // namespace

RecordComparison compare_records(const nlohmann::json& reference, const nlohmann::json& fresh, CompareRules rules) {
  Comparer c;
  c.exact = rules.exact;
  c.common = rules.common;
  c.node("", reference, fresh);
  return c.out;
}

}  // namespace irverify
