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

// A number of a record: a JSON number, or (Monte Carlo errors) its decimal text.
bool as_number(const json& x, double& v) {
  if (x.is_number()) return v = x.get<double>(), true;
  if (!x.is_string()) return false;
  const std::string& t = x.get_ref<const std::string&>();
  char* end = nullptr;
  v = std::strtod(t.c_str(), &end);
  return !t.empty() && end == t.c_str() + t.size();
}
bool numbers(const json& a) {
  double v;
  return a.is_array() && std::all_of(a.begin(), a.end(), [&](const json& x) { return as_number(x, v); });
}
// The shapes compared by their meaning; anything else is compared node by node.
bool is_table(const json& t) {
  return t.is_object() && t.contains("title") && t.contains("columns") && t.contains("rows") && t["columns"].is_array() &&
         std::all_of(t["columns"].begin(), t["columns"].end(), [](const json& c) { return c.is_string(); }) && t["rows"].is_array() &&
         std::all_of(t["rows"].begin(), t["rows"].end(), [](const json& r) { return r.is_array(); });
}
bool is_mc_series(const json& s) {
  if (!s.is_object() || !s.contains("sigma") || !s.contains("errors") || !numbers(s["sigma"]) || !numbers(s["errors"]) ||
      s["sigma"].empty() || s["sigma"].size() != s["errors"].size() || !s.contains("fit") || !s["fit"].is_object())
    return false;
  const json& f = s["fit"];
  return f.contains("ok") && f["ok"].is_boolean() &&
         (!f["ok"].get<bool>() || (f.contains("slope") && f["slope"].is_number() && f.contains("slope_stderr") && f["slope_stderr"].is_number()));
}
// Two integers, signs included (nlohmann's == reads 2^64 - 1 and -1 as equal).
bool same_integer(const json& a, const json& b) {
  if (a.is_number_unsigned() == b.is_number_unsigned()) return a == b;
  const json& s = a.is_number_unsigned() ? b : a;
  return s.get<std::int64_t>() >= 0 && a.get<std::uint64_t>() == b.get<std::uint64_t>();
}

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
    if (a.is_number_integer() && b.is_number_integer() ? !same_integer(a, b) : a != b) differ(path, a, b);
  }

  // |x - y| within the 99.9% bound of the difference of two estimates, kZ999 sqrt(sa^2 + sb^2), with the fresh sb
  // counted at most as 2 sa: a fresh record cannot widen its own tolerance (a sigma of 1e308 made anything the same).
  void statistical(const std::string& path, const json& a, const json& b, double x, double y, double sa, double sb) {
    ++out.statistical;
    if (!(std::abs(x - y) <= kZ999 * std::hypot(sa, std::min(sb, 2 * sa)))) differ(path, a, b);
  }

  // A Monte Carlo series: errors and slope compared statistically, the rest derived from them.
  void mc_series(const std::string& path, const json& a, const json& b) {
    const json &ea = a["errors"], &eb = b["errors"], &sa = a["sigma"], &sb = b["sigma"];
    if (ea.size() != eb.size()) return differ(path + "/errors", ea.size(), eb.size());
    for (std::size_t i = 0; i < ea.size(); ++i) {
      double x, y, s, t;
      as_number(ea[i], x), as_number(eb[i], y), as_number(sa[i], s), as_number(sb[i], t);
      statistical(fmt::format("{}/errors/{}", path, i), ea[i], eb[i], x, y, s, t);
    }
    const json &fa = a["fit"], &fb = b["fit"];
    if (fa["ok"] != fb["ok"]) return differ(path + "/fit/ok", fa["ok"], fb["ok"]);
    if (fa["ok"].get<bool>())
      statistical(path + "/fit/slope", fa["slope"], fb["slope"], fa["slope"].get<double>(), fb["slope"].get<double>(),
                  fa["slope_stderr"].get<double>(), fb["slope_stderr"].get<double>());
    for (const char* k : {"name", "role", "claimed_order"})
      node(path + "/" + k, a.value(k, json("(missing)")), b.value(k, json("(missing)")));
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
      if (is_table(a) && is_table(b)) return table(path, a, b);
      if (!exact && is_mc_series(a) && is_mc_series(b)) return mc_series(path, a, b);
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
