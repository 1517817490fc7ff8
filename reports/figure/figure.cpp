#include "reports/figure/figure.hpp"

#include <cstdint>

#include <fmt/format.h>

#include <stdexcept>

namespace irverify {

namespace {

using json = nlohmann::json;

// JSON has no NaN or infinity: non-finite numbers are written as null and read back as NaN.
json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }
json numbers(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(number(x));
  return a;
}

const char* mark_name(Mark m) { return m == Mark::points ? "points" : m == Mark::lines ? "lines" : "linespoints"; }

json axis_json(const FigureAxis& a) {
  json j = {{"label", a.label}, {"log", a.log}, {"ticks", numbers(a.ticks)}};
  if (std::isfinite(a.min)) j["min"] = a.min;
  if (std::isfinite(a.max)) j["max"] = a.max;
  return j;
}

// Readers that name what they read: a record is input.
struct Reader {
  std::string where;
  [[noreturn]] void fail(const std::string& what) const { throw std::runtime_error(fmt::format("figure {}: {}", where, what)); }
  const json& at(const json& j, const char* key) const {
    if (!j.is_object() || !j.contains(key)) fail(fmt::format("no field '{}'", key));
    return j[key];
  }
  std::string text(const json& j, const char* key, const std::string& fallback = "") const {
    if (!j.is_object() || !j.contains(key)) return fallback;
    if (!j[key].is_string()) fail(fmt::format("'{}' is not a string", key));
    return j[key].get<std::string>();
  }
  double real(const json& j) const {
    if (j.is_null()) return NAN;
    if (!j.is_number()) fail("a number is expected, found " + std::string(j.type_name()));
    return j.get<double>();
  }
  double real(const json& j, const char* key, double fallback) const { return j.is_object() && j.contains(key) ? real(j[key]) : fallback; }
  bool flag(const json& j, const char* key) const {
    if (!j.is_object() || !j.contains(key)) return false;
    if (!j[key].is_boolean()) fail(fmt::format("'{}' is not true or false", key));
    return j[key].get<bool>();
  }
  std::vector<double> reals(const json& j, const char* key) const {
    std::vector<double> v;
    if (!j.is_object() || !j.contains(key)) return v;
    if (!j[key].is_array()) fail(fmt::format("'{}' is not an array", key));
    for (const auto& x : j[key]) v.push_back(real(x));
    return v;
  }
  const json& array(const json& j, const char* key) const {
    static const json empty = json::array();
    if (!j.is_object() || !j.contains(key)) return empty;
    if (!j[key].is_array()) fail(fmt::format("'{}' is not an array", key));
    return j[key];
  }
  FigureAxis axis(const json& j, const char* key) const {
    FigureAxis a;
    if (!j.is_object() || !j.contains(key)) return a;
    const json& x = j[key];
    a.label = text(x, "label");
    a.log = flag(x, "log");
    a.min = real(x, "min", NAN);
    a.max = real(x, "max", NAN);
    a.ticks = reals(x, "ticks");
    return a;
  }
};

}  // namespace

std::string figure_stem(const std::string& name) {
  std::string s;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    s += ok ? c : '-';
  }
  if (s.empty() || s[0] == '.') s.insert(s.begin(), 'f');
  if (s != name || s.size() > 120) {  // changed or cut to 100: a hash of the whole name keeps two names that slug
    std::uint64_t h = 14695981039346656037ull;  // alike apart (FNV-1a, 64 bits)
    for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
    s = s.substr(0, 100) + fmt::format("-{:016x}", h);
  }
  return s;
}

json figure_json(const Figure& f) {
  json panels = json::array();
  for (const auto& p : f.panels) {
    json series = json::array(), curves = json::array(), markers = json::array();
    for (const auto& s : p.series)
      series.push_back({{"name", s.name}, {"x", numbers(s.x)}, {"y", numbers(s.y)}, {"y_low", numbers(s.y_low)},
                        {"y_high", numbers(s.y_high)}, {"mark", mark_name(s.mark)}, {"second_axis", s.second_axis}, {"size", s.size}});
    for (const auto& c : p.curves) curves.push_back({{"name", c.name}, {"a", number(c.a)}, {"p", number(c.p)}, {"dashed", c.dashed}});
    for (const auto& m : p.markers) markers.push_back({{"name", m.name}, {"x", number(m.x)}});
    panels.push_back({{"title", p.title}, {"x", axis_json(p.x)}, {"y", axis_json(p.y)}, {"y2", axis_json(p.y2)},
                      {"series", series}, {"curves", curves}, {"markers", markers}});
  }
  return {{"name", f.name}, {"title", f.title}, {"alt", f.alt}, {"columns", f.columns}, {"panels", panels}};
}

Figure figure_from_json(const json& j) {
  Reader r{"(unnamed)"};
  if (!j.is_object()) r.fail("not an object");
  Figure f;
  f.name = r.text(j, "name");
  if (f.name.empty()) r.fail("no name");
  r.where = "'" + f.name + "'";
  f.title = r.text(j, "title");
  f.alt = r.text(j, "alt");
  const double cols = r.real(j, "columns", 0);
  if (!(cols >= 0 && cols <= 16)) r.fail("columns must be 0..16");
  f.columns = static_cast<int>(cols);
  for (const auto& p : r.array(j, "panels")) {
    FigurePanel panel;
    panel.title = r.text(p, "title");
    panel.x = r.axis(p, "x");
    panel.y = r.axis(p, "y");
    panel.y2 = r.axis(p, "y2");
    for (const auto& s : r.array(p, "series")) {
      FigureSeries fs;
      fs.name = r.text(s, "name");
      fs.x = r.reals(s, "x");
      fs.y = r.reals(s, "y");
      fs.y_low = r.reals(s, "y_low");
      fs.y_high = r.reals(s, "y_high");
      if (fs.x.size() != fs.y.size()) r.fail("a series has x and y of different lengths");
      if (fs.y_low.size() != fs.y_high.size() || (!fs.y_low.empty() && fs.y_low.size() != fs.y.size()))
        r.fail("a series has error bars of the wrong length");
      const std::string mark = r.text(s, "mark", "linespoints");
      if (mark != "points" && mark != "lines" && mark != "linespoints") r.fail("unknown mark '" + mark + "'");
      fs.mark = mark == "points" ? Mark::points : mark == "lines" ? Mark::lines : Mark::linespoints;
      fs.second_axis = r.flag(s, "second_axis");
      fs.size = r.real(s, "size", 0.7);
      if (!(fs.size > 0 && fs.size <= 10)) r.fail("a point size must be in (0, 10]");
      panel.series.push_back(std::move(fs));
    }
    for (const auto& c : r.array(p, "curves"))
      panel.curves.push_back({r.text(c, "name"), r.real(r.at(c, "a")), r.real(r.at(c, "p")), r.flag(c, "dashed")});
    for (const auto& m : r.array(p, "markers")) panel.markers.push_back({r.text(m, "name"), r.real(r.at(m, "x"))});
    f.panels.push_back(std::move(panel));
  }
  return f;
}

}  // namespace irverify
