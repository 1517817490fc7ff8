#include "reports/report.hpp"

#include "checks/record/confidence.hpp"
#include "checks/record/record.hpp"
#include "theory/io/atomic_write.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace irverify {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string sci(double x) { return fmt::format("{:.3e}", x); }

// Text safe inside a markdown table cell.
std::string cell(const std::string& t) {
  std::string r;
  for (char ch : t) r += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return r;
}

// "2.0003" for a fit, with the outcome.
std::string fit_text(const json& s) {
  const json& f = s["fit"];
  if (!f["ok"].get<bool>()) return fmt::format("no fit ({})", f["note"].get<std::string>());
  return fmt::format("{:.4f} ± {:.4f}", f["slope"].get<double>(), f["slope_stderr"].get<double>());
}

// Range of fitted slopes over all cases, per (role, claimed order): claims first, then negative controls;
// context series are not summarized.
std::string measured_summary(const json& rec) {
  struct Range {
    double lo = INFINITY, hi = -INFINITY;
    bool all_ok = true;
  };
  std::map<std::pair<int, double>, Range> ranges;  // (0 claim | 1 control, order)
  for (const auto& c : rec["cases"])
    for (const auto& s : c["series"]) {
      if (s["role"] == "context") continue;
      Range& r = ranges[{s["role"] == "claim" ? 0 : 1, s["claimed_order"].get<double>()}];
      const json& f = s["fit"];
      if (!f["ok"].get<bool>()) {
        r.all_ok = false;
        continue;
      }
      r.lo = std::min(r.lo, f["slope"].get<double>());
      r.hi = std::max(r.hi, f["slope"].get<double>());
    }
  std::vector<std::string> parts;
  for (const auto& [key, r] : ranges) {
    const std::string range = r.lo <= r.hi ? fmt::format("{:.4f}–{:.4f}", r.lo, r.hi) : std::string("no fit");
    parts.push_back(fmt::format("{} {:g}: {}{}", key.first ? "control ≠" : "order", key.second, range,
                                r.all_ok ? "" : " (some unfitted)"));
  }
  if (parts.empty() && rec.contains("summary")) return rec["summary"]["measured"].get<std::string>();
  return parts.empty() ? "–" : fmt::format("{}", fmt::join(parts, "; "));
}

std::string expected_summary(const json& rec) {
  if (rec.contains("summary")) return rec["summary"]["expected"].get<std::string>();
  std::set<std::pair<int, double>> keys;
  for (const auto& c : rec["cases"])
    for (const auto& s : c["series"])
      if (s["role"] != "context") keys.insert({s["role"] == "claim" ? 0 : 1, s["claimed_order"].get<double>()});
  std::vector<std::string> parts;
  for (const auto& [control, p] : keys)
    if (!control) parts.push_back(fmt::format("{:g}", p));
  return parts.empty() ? "–" : fmt::format("{} (±0.05); controls rejected", fmt::join(parts, ", "));
}

void generic_table(std::ostream& md, const json& t) {
  md << "*" << t["title"].get<std::string>() << "*\n\n|";
  for (const auto& col : t["columns"]) md << " " << cell(col) << " |";
  md << "\n|";
  for (std::size_t i = 0; i < t["columns"].size(); ++i) md << "---|";
  md << "\n";
  for (const auto& row : t["rows"]) {
    md << "|";
    for (const auto& x : row) md << " " << cell(x) << " |";
    md << "\n";
  }
  md << "\n";
}

void convergence_table(std::ostream& md, const json& c) {
  const json& series = c["series"];
  md << "| h |";
  for (const auto& s : series) md << " " << cell(s["name"]) << " | rate |";
  md << "\n|---|";
  for (std::size_t i = 0; i < series.size(); ++i) md << "---:|---:|";
  md << "\n";
  const auto& h = c["ladder"]["h"];
  for (std::size_t k = 0; k < h.size(); ++k) {
    md << "| " << sci(std::stod(h[k].get<std::string>())) << " |";
    for (const auto& s : series) {
      const double e = std::stod(s["errors"][k].get<std::string>());
      const json& pw = s["fit"]["pairwise"][k];
      const bool excl = s["fit"]["excluded"][k].get<bool>();
      md << " " << sci(e) << (excl ? " †" : "") << " | " << (pw.is_null() ? std::string("–") : fmt::format("{:.3f}", pw.get<double>()))
         << " |";
    }
    md << "\n";
  }
}

std::string case_title(const json& c) {
  const std::string label = c.value("label", "");
  return c["problem"]["name"].get<std::string>() + (label.empty() ? "" : ": " + label);
}

// Text shown literally in a gnuplot title or key with enhanced text on (inside single quotes): ^ _ @ & ~ { } escaped,
// so "L~SGD" is not an overprint and "|g|^2" no superscript; a single quote doubled.
std::string gp_literal(const std::string& t) {
  std::string r;
  for (char ch : t) {
    if (std::string("^_@&~{}").find(ch) != std::string::npos) r += '\\';
    r += ch == '\'' ? std::string("''") : std::string(1, ch);
  }
  return r;
}

// A gnuplot script <dir>/<name>.gp that draws <name>.svg: the common preamble on construction; draw() closes
// and runs it, returning the figure's path relative to the report (or "" with a warning).
struct GnuplotScript {
  fs::path dir, gp, svg;
  std::ofstream out;
  GnuplotScript(const fs::path& d, const std::string& name, const std::string& id, int width, int height)
      : dir(d), gp(d / (name + ".gp")), svg(d / (name + ".svg")) {
    fs::create_directories(dir);
    out.open(gp);
    out << "# Generated by irverify report from " << id << ".json\n";
    out << fmt::format("set terminal svg size {},{} dynamic font 'Helvetica,11' background '#ffffff'\n", width, height);
    out << "set output '" << svg.filename().string() << "'\n";
  }
  std::string draw(std::string& warning) {
    out.close();
    const std::string cmd = fmt::format("cd '{}' && gnuplot '{}' 2>/dev/null", dir.string(), gp.filename().string());
    if (std::system(cmd.c_str()) != 0) {
      warning = "gnuplot failed or is not installed: figure not drawn (script kept at figures/" + gp.filename().string() + ")";
      return "";
    }
    return "figures/" + svg.filename().string();
  }
};

// One SVG per claim: a panel per case, errors against h, reference slopes through the last fitted point.
std::string figure(const json& rec, const fs::path& dir, std::string& warning) {
  const std::string id = rec["claim"];
  json cases = json::array();
  for (const auto& c : rec["cases"])
    if (!c["series"].empty()) cases.push_back(c);
  if (cases.empty()) return "";
  const int n = static_cast<int>(cases.size());
  const int cols = std::min(n, 3), rows = (n + cols - 1) / cols;
  const std::string title = fmt::format("{}: {}", id, rec["title"].get<std::string>());
  // Wide enough for the title (about 7 px per character at 11 pt), at least 420 px per panel.
  GnuplotScript script(dir, id, id, std::max(420 * cols, 7 * static_cast<int>(title.size()) + 60), 330 * rows);
  std::ofstream& g = script.out;
  // The key sits in a band added above the data (offsets: half the data's range again, a third of the panel), so it
  // never covers a point; the claimed slopes are dashed and named in the axis label, not in the key.
  g << "set logscale xy\nset format x '10^{%L}'\nset format y '10^{%L}'\n";
  g << "set key top left Left reverse font ',7' spacing 0.9 samplen 2\nset offsets graph 0, graph 0, graph 0.5, graph 0\n";
  g << "set xlabel 'step (h or eps); dashed: claimed slopes'\nset ylabel 'error'\nset grid\n";
  g << fmt::format("set multiplot layout {},{} title '{}'\n", rows, cols, gp_literal(title));
  for (const auto& c : cases) {
    const json& series = c["series"];
    const auto& h = c["ladder"]["h"];
    for (std::size_t i = 0; i < series.size(); ++i) {
      g << "$s" << i << " << EOD\n";
      const json sigma = series[i].value("sigma", json::array());
      for (std::size_t k = 0; k < h.size(); ++k) {
        g << h[k].get<std::string>() << " " << series[i]["errors"][k].get<std::string>();
        if (!sigma.empty()) g << " " << fmt::format("{:.6e}", 1.96 * sigma[k].get<double>());
        g << "\n";
      }
      g << "EOD\n";
    }
    g << "set title '" << gp_literal(case_title(c)) << "' font ',10'\n";
    std::vector<std::string> items;
    for (std::size_t i = 0; i < series.size(); ++i) {
      const json& s = series[i];
      const bool bars = !s.value("sigma", json::array()).empty();
      items.push_back(fmt::format("$s{} using 1:2{} with {} pt {} title '{}'", i, bars ? ":3" : "", bars ? "yerrorlines" : "linespoints",
                                  7 + i, gp_literal(s["name"].get<std::string>())));
      const json& f = s["fit"];
      if (f["ok"].get<bool>() && s["role"] == "claim") {
        const double p = s["claimed_order"].get<double>();
        const int k = f["fitted"].back().get<int>();
        const double hk = std::stod(h[k].get<std::string>()), ek = std::stod(s["errors"][k].get<std::string>());
        items.push_back(fmt::format("{:.17g}*(x/{:.17g})**{:g} with lines dt 2 lc rgb 'gray40' notitle", ek, hk, p));
      }
    }
    g << "plot " << fmt::format("{}", fmt::join(items, ", \\\n     ")) << "\n";
  }
  g << "unset multiplot\n";
  return script.draw(warning);
}

// SGD-2: |estimate - exact mean| against the number of epochs, plain and antithetic, with slope -1/2.
std::string seeds_figure(const std::string& id, const json& c, const fs::path& dir, std::string& warning) {
  const json& sc = c["seeds_curve"];
  GnuplotScript script(dir, id + "-seeds-" + c["problem"]["name"].get<std::string>(), id, 560, 440);
  std::ofstream& g = script.out;
  g << "set termoption noenhanced\n";
  g << "set logscale xy\nset format y '%.0e'\nset grid\nset key below\nset xlabel 'epochs'\n";
  g << "set ylabel '|estimate - exact mean|'\n";
  g << fmt::format("set title '{}: {}, eps = {:.3g}'\n", id, c["problem"]["name"].get<std::string>(), sc["eps"].get<double>());
  g << "$d << EOD\n";
  for (std::size_t k = 0; k < sc["epochs"].size(); ++k)
    g << sc["epochs"][k].get<long>() << " " << fmt::format("{:.6e} {:.6e}", sc["plain"][k].get<double>(),
                                                             sc["antithetic"][k].get<double>())
      << "\n";
  g << "EOD\n";
  const double n0 = sc["epochs"][0].get<long>(), e0 = sc["plain"][0].get<double>();
  g << fmt::format("plot $d using 1:2 with linespoints pt 7 title 'plain', $d using 1:3 with linespoints pt 5 title "
                   "'antithetic', {:.6e}*(x/{:g})**-0.5 with lines dt 2 lc rgb 'gray40' title 'slope -1/2'\n",
                   e0, n0);
  return script.draw(warning);
}

// IGR-4, two-param: the (theta1, theta2) plane with the minima hyperbola theta1 theta2 = c, the trajectories
// and their end points.
std::string plane_figure(const std::string& id, const json& c, const fs::path& dir, std::string& warning) {
  const json& plane = c["plane"];
  const json& paths = plane["paths"];
  GnuplotScript script(dir, id + "-plane", id, 1100, 520);
  std::ofstream& g = script.out;
  g << "set termoption noenhanced\nset xlabel 'theta1'\nset ylabel 'theta2'\nset grid\nset samples 1000\n";
  struct Box {
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    void add(double x, double y) {
      xlo = std::min(xlo, x), xhi = std::max(xhi, x), ylo = std::min(ylo, y), yhi = std::max(yhi, y);
    }
    std::string ranges(double pad) const {
      const double px = pad * (xhi - xlo) + 1e-3, py = pad * (yhi - ylo) + 1e-3;
      return fmt::format("set xrange [{:.6g}:{:.6g}]\nset yrange [{:.6g}:{:.6g}]\n", xlo - px, xhi + px, ylo - py, yhi + py);
    }
  } all, ends;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    g << "$p" << i << " << EOD\n";
    for (const auto& pt : paths[i]["points"]) {
      g << fmt::format("{:.17g} {:.17g}\n", pt[0].get<double>(), pt[1].get<double>());
      all.add(pt[0].get<double>(), pt[1].get<double>());
    }
    g << "EOD\n";
    const json& e = paths[i]["points"].back();
    ends.add(e[0].get<double>(), e[1].get<double>());
  }
  const double cc = plane["hyperbola_c"].get<double>();
  std::vector<std::string> items = {
      fmt::format("(x == 0 ? 1/0 : {:.17g}/x) with lines lw 2 lc rgb 'gray60' title 'minima: theta1 theta2 = {:.4f}'", cc, cc)};
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::size_t last = paths[i]["points"].size() - 1;
    items.push_back(fmt::format("$p{} using 1:2 with linespoints lt {} pt 7 ps 0.35 lw 1.2 title '{}'", i, i + 1,
                                paths[i]["name"].get<std::string>()));
    items.push_back(fmt::format("$p{} every ::{}::{} using 1:2 with points lt {} pt 9 ps 1.6 notitle", i, last, last, i + 1));
  }
  items.push_back("$p0 every ::0::0 using 1:2 with points pt 5 ps 1.2 lc rgb 'red' title 'theta0'");
  const std::string plot = "plot " + fmt::format("{}", fmt::join(items, ", \\\n     ")) + "\n";
  g << fmt::format("set multiplot layout 1,2 title '{}: {} (triangles: limits)'\n", id, c["problem"]["name"].get<std::string>());
  g << "set title 'trajectories'\nset key top right font ',9'\n" << all.ranges(0.15) << plot;
  g << "set title 'limits, enlarged'\nunset key\n" << ends.ranges(0.25) << plot;
  g << "unset multiplot\n";
  return script.draw(warning);
}

// STAB-4: tr H and lambda_max of the end points against eta, per optimizer, with 2/eta (and 4/eta, the B = 2 bound).
std::string selection_figure(const std::string& id, const json& c, const fs::path& dir, std::string& warning) {
  const json& pts = c["selection"]["points"];
  GnuplotScript script(dir, id + "-selection-" + c["problem"]["name"].get<std::string>(), id, 1100, 460);
  std::ofstream& g = script.out;
  g << "set termoption noenhanced\nset logscale xy\nset grid\nset key top right font ',9'\nset xlabel 'eta'\n";
  std::vector<std::string> opts;
  for (const auto& p : pts)
    if (std::find(opts.begin(), opts.end(), p["optimizer"].get<std::string>()) == opts.end()) opts.push_back(p["optimizer"]);
  for (std::size_t k = 0; k < opts.size(); ++k) {
    g << "$o" << k << " << EOD\n";
    for (const auto& p : pts)
      if (p["optimizer"] == opts[k])
        g << fmt::format("{:.10g} {:.10g} {:.10g}\n", p["eta"].get<double>(), p["trace"].get<double>(), p["lambda_max"].get<double>());
    g << "EOD\n";
  }
  double lo = INFINITY, hi = 0;
  for (const auto& p : pts) lo = std::min(lo, p["eta"].get<double>()), hi = std::max(hi, p["eta"].get<double>());
  if (hi > 0) g << fmt::format("set xrange [{:.6g}:{:.6g}]\n", lo / 1.25, hi * 1.25);
  g << fmt::format("set multiplot layout 1,2 title '{}: {} (end points of {} runs)'\n", id, c["problem"]["name"].get<std::string>(),
                   pts.size());
  for (int col : {2, 3}) {
    g << "set title '" << (col == 2 ? "tr H" : "lambda_max") << " at the end points'\nset ylabel '"
      << (col == 2 ? "tr H" : "lambda_max") << "'\n";
    std::vector<std::string> items;
    for (std::size_t k = 0; k < opts.size(); ++k)
      items.push_back(fmt::format("$o{} using ($1*(1+0.015*{})):{} with points pt {} ps 0.8 title '{}'", k, int(k) - 1, col, 7 + k, opts[k]));
    items.push_back("2/x with lines lw 2 lc rgb 'black' title '2/eta'");
    if (col == 2) items.push_back("4/x with lines dt 2 lc rgb 'gray40' title '4/eta (B = 2 bound)'");
    g << "plot " << fmt::format("{}", fmt::join(items, ", \\\n     ")) << "\n";
  }
  g << "unset multiplot\n";
  return script.draw(warning);
}

// STAB-6: Lambda(eta) with its 99.9% band (and the exact exponent where there is one), eta* and eta_L marked, and
// the fraction of nonlinear SGD runs that return (99.9% Wilson intervals) on a second axis.
std::string lyapunov_figure(const std::string& id, const json& c, const fs::path& dir, std::string& warning) {
  const json& l = c["lyapunov"];
  GnuplotScript script(dir, fmt::format("{}-{}-B{}-{}", id, c["problem"]["name"].get<std::string>(), l["B"].get<int>(),
                                        l["sampling"] == "with replacement" ? "with" : "without"),
                       id, 900, 480);
  std::ofstream& g = script.out;
  g << "set termoption noenhanced\nset grid\nset key below font ',9'\nset xlabel 'eta'\n"
       "set ylabel 'Lambda (per step)'\nset y2label 'fraction returned'\nset y2range [-0.05:1.05]\nset ytics nomirror\n"
       "set y2tics 0.25\n";
  g << "$L << EOD\n";
  bool exact = false;
  for (const auto& p : l["curve"]) {
    exact = exact || !p["exact"].is_null();
    g << fmt::format("{:.10g} {:.10g} {:.10g} {}\n", p["eta"].get<double>(), p["lambda"].get<double>(),
                     kZ999 * p["stderr"].get<double>(),
                     p["exact"].is_null() ? std::string("NaN") : fmt::format("{:.10g}", p["exact"].get<double>()));
  }
  g << "EOD\n$F << EOD\n";
  for (const auto& f : l["fractions"])
    g << fmt::format("{:.10g} {:.6g} {:.6g} {:.6g}\n", f["eta"].get<double>(),
                     f["returned"].get<double>() / f["runs"].get<double>(), f["low"].get<double>(), f["high"].get<double>());
  g << "EOD\n";
  auto vline = [&](const json& x, const char* name, const char* color) {
    if (!x.is_null())
      g << fmt::format("set arrow from {0:.10g}, graph 0 to {0:.10g}, graph 1 nohead dt 2 lw 1.5 lc rgb '{1}'\n"
                       "set label '{2}' at {0:.10g}, graph 0.95 left offset 0.3,0 textcolor rgb '{1}'\n",
                       x.get<double>(), color, name);
  };
  vline(l["eta_star"], "eta*", "#1f77b4");
  vline(l["eta_L"], "eta_L", "#d62728");
  g << fmt::format("set title '{}: {}, B = {} {}'\n", id, c["problem"]["name"].get<std::string>(), l["B"].get<int>(),
                   l["sampling"].get<std::string>());
  g << "plot 0 with lines lc rgb 'gray50' notitle, "
       "$L using 1:2:3 with yerrorlines pt 7 ps 0.6 lc rgb 'black' title 'Lambda (Monte Carlo, 99.9%)', ";
  if (exact) g << "$L using 1:4 with lines lc rgb '#2ca02c' title 'Lambda exact', ";
  g << "$F using 1:2:3:4 axes x1y2 with yerrorbars pt 5 ps 0.7 lc rgb '#ff7f0e' title 'fraction returned'\n";
  return script.draw(warning);
}

// LN-1: the relative gap between the paper's eigenbasis covariance and the exact stationary S against eta/eta*, one
// line per minibatch scheme (label-noise GD's gap is rounding and is left out).
std::string paper_gap_figure(const std::string& id, const json& c, const fs::path& dir, std::string& warning) {
  GnuplotScript script(dir, id + "-paper-gap-" + c["problem"]["name"].get<std::string>(), id, 700, 440);
  std::ofstream& g = script.out;
  g << "set termoption noenhanced\nset logscale y\nset format y '%g'\nset grid\nset key outside right top font ',9'\n"
       "set xlabel 'eta / eta* (eta* the scheme mean-square threshold)'\nset ylabel '|S_paper - S|_F / |S|_F'\n"
       "set xrange [0:1]\n";
  g << fmt::format("set title '{}: {} (GD: equal to rounding, not drawn)'\n", id, c["problem"]["name"].get<std::string>());
  std::vector<std::string> items;
  int k = 0;
  for (const auto& s : c["paper_gap"]) {
    if (s["gap"].back().get<double>() < 1e-20) continue;
    g << "$g" << k << " << EOD\n";
    for (std::size_t i = 0; i < s["x"].size(); ++i)
      g << fmt::format("{:.6g} {:.6e}\n", s["x"][i].get<double>(), s["gap"][i].get<double>());
    g << "EOD\n";
    items.push_back(fmt::format("$g{} using 1:2 with linespoints pt {} title '{}'", k, 5 + k, s["scheme"].get<std::string>()));
    ++k;
  }
  if (items.empty()) return "";
  g << "plot " << fmt::format("{}", fmt::join(items, ", \\\n     ")) << "\n";
  return script.draw(warning);
}

// LN-2: the Monte Carlo drift coefficient along the exact direction, divided by the exact (1 = the claim), against
// sigma^2, with 99.9% bars, its Richardson extrapolation at sigma^2 = 0 and the controls' values; a panel per scheme.
std::string drift_figure(const std::string& id, const json& c, const fs::path& dir, std::string& warning) {
  const json& d = c["drift"];
  const int n = static_cast<int>(d.size());
  GnuplotScript script(dir, id + "-drift-" + c["problem"]["name"].get<std::string>(), id, 480 * n, 420);
  std::ofstream& g = script.out;
  g << "set termoption noenhanced\nset grid\nset key below font ',8'\nset xlabel 'sigma^2'\n"
       "set ylabel 'drift along the exact direction / exact'\nset format x '%.0e'\nset offsets graph 0.05, graph 0.05, 0, 0\n";
  g << fmt::format("set multiplot layout 1,{} title '{}: {}'\n", n, id, c["problem"]["name"].get<std::string>());
  for (const auto& s : d) {
    g << "$m << EOD\n";
    for (const auto& l : s["levels"])
      g << fmt::format("{:.6e} {:.8g} {:.6e}\n", std::pow(l["sigma"].get<double>(), 2), l["along"].get<double>(),
                       kZ999 * l["along_se"].get<double>());
    g << "EOD\n";
    g << fmt::format("$r << EOD\n0 {:.8g} {:.6e}\nEOD\n", s["richardson_along"].get<double>(),
                     kZ999 * s["richardson_along_se"].get<double>());
    g << fmt::format("set title '{}, eta = {:.4g}' font ',9'\n", s["scheme"].get<std::string>(), std::stod(s["eta"].get<std::string>()));
    const bool trace = s["scheme"].get<std::string>().find("(GD)") != std::string::npos;
    g << "plot $m using 1:2:3 with yerrorbars pt 7 lc rgb 'black' title 'Monte Carlo (99.9%)', "
         "$r using 1:2:3 with yerrorbars pt 5 ps 1.2 lc rgb '#d62728' title 'Richardson', "
         "1 with lines lc rgb '#2ca02c' title 'exact -(eta/2) P grad^3 L[S]'";
    if (trace) g << fmt::format(", {:.8g} with lines dt 3 lc rgb '#9467bd' title 'control: tr H/4 form'", s["trace_along"].get<double>());
    g << "\n";
  }
  g << "unset multiplot\n";
  return script.draw(warning);
}

// RANK-3: the mean epsilon-rank of W1 and W2 (99.9% bars) against each varied parameter, a panel per axis, and the
// spectra s_k/s_1 of W1 at the end of one run for each lambda.
std::string rank_trend_figure(const std::string& id, const json& c, const fs::path& dir, std::string& warning) {
  const json& t = c["trends"];
  const int n = static_cast<int>(t.size()) + 1;
  GnuplotScript script(dir, id + "-trends-" + c["problem"]["name"].get<std::string>(), id, 330 * n, 430);
  std::ofstream& g = script.out;
  g << "set termoption noenhanced\nset grid\nset key below font ',8'\nset logscale x 2\nset offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05\n";
  g << fmt::format("set multiplot layout 1,{} title '{}: {} (epsilon = {:g})'\n", n, id, c["problem"]["name"].get<std::string>(),
                   c.value("epsilon", 0.0));
  g << "set ylabel 'epsilon-rank at the end'\n";
  for (const auto& [name, a] : t.items()) {
    g << "$p << EOD\n";
    for (const auto& p : a["points"])
      g << fmt::format("{:.8g} {:.6g} {:.6g} {:.6g} {:.6g}\n", p["x"].get<double>(), p["rank_W1"].get<double>(), kZ999 * p["se_W1"].get<double>(),
                       p["rank_W2"].get<double>(), kZ999 * p["se_W2"].get<double>());
    g << "EOD\n";
    std::vector<std::string> tics;  // a tick at each measured value, labelled as written
    for (const auto& p : a["points"]) tics.push_back(fmt::format("'{0:g}' {0:.10g}", p["x"].get<double>()));
    g << fmt::format("set xtics ({}) rotate by 30 right font ',8'\n", fmt::join(tics, ", "));
    g << fmt::format("set title '{}' font ',10'\nset xlabel '{}'\n", name, name.substr(0, name.find(' ')));
    g << "plot $p using 1:2:3 with yerrorlines pt 7 lc rgb '#1f77b4' title 'W1', $p using 1:4:5 with yerrorlines pt 5 lc rgb '#d62728' title 'W2'\n";
  }
  std::vector<std::string> items;
  int k = 0;
  g << "set logscale y\nset xlabel 'k'\nset ylabel 's_k / s_1 of W1 (run 0)'\nunset logscale x\nset xtics autofreq norotate font ',10'\n"
       "set title 'spectra at the end, per lambda' font ',10'\nset yrange [1e-17:2]\nset format y '1e%L'\nset key below font ',8'\n";
  for (const auto& p : t["lambda"]["points"]) {
    g << "$s" << k << " << EOD\n";
    int i = 1;
    for (const auto& v : p["spectrum_W1"]) g << i++ << " " << fmt::format("{:.6e}", std::max(v.get<double>(), 1e-17)) << "\n";
    g << "EOD\n";
    items.push_back(fmt::format("$s{} using 1:2 with linespoints pt {} title 'lambda = {:g}'", k, 5 + k, p["x"].get<double>()));
    ++k;
  }
  g << "plot " << fmt::format("{}", fmt::join(items, ", \\\n     ")) << "\n";
  g << "unset multiplot\n";
  return script.draw(warning);
}

// RANK-4: the data's singular values, the closed form and GD's end point (zeros drawn at the bottom edge).
std::string spectrum_figure(const std::string& id, const json& c, const fs::path& dir, std::string& warning) {
  const json& s = c["spectrum"];
  GnuplotScript script(dir, id + "-spectrum-" + c["problem"]["name"].get<std::string>(), id, 560, 440);
  std::ofstream& g = script.out;
  g << "set termoption noenhanced\nset grid\nset key below font ',9'\nset logscale y\nset format y '1e%L'\n"
       "set xlabel 'k'\nset ylabel 'singular value'\nset yrange [1e-60:10]\nset offsets graph 0.05, graph 0.05, 0, 0\n";
  g << fmt::format("set title '{}: {} (closed-form rank {})'\n", id, c["problem"]["name"].get<std::string>(), c["closed_form_rank"].get<int>());
  g << "$d << EOD\n";
  for (std::size_t k = 0; k < s["data"].size(); ++k)
    g << fmt::format("{} {:.10e} {:.10e} {:.10e}\n", k + 1, s["data"][k].get<double>(), std::max(s["closed_form"][k].get<double>(), 1e-60),
                     std::max(s["gd"][k].get<double>(), 1e-60));
  g << "EOD\n";
  g << "plot $d using 1:2 with linespoints pt 7 lc rgb 'gray40' title 's_k (data M)', "
       "$d using 1:3 with linespoints pt 6 ps 1.6 lc rgb '#2ca02c' title 'max(s_k - 2 lambda, 0)', "
       "$d using 1:4 with points pt 2 ps 1.2 lc rgb '#d62728' title 'GD + weight decay (mp50)'\n";
  return script.draw(warning);
}

// A problem file stored in a record (a counterexample, a failing instance), written next to the report.
std::string write_problem(const json& problem, const fs::path& out) {
  const fs::path dir = out / "problems";
  fs::create_directories(dir);
  const std::string name = problem["name"].get<std::string>() + ".json";
  write_atomically((dir / name).string(), problem.dump(2) + "\n");
  return "problems/" + name;
}

// One row of a statements table (claim column omitted when `claim` is empty).
std::string statement_row(const std::string& claim, const json& st) {
  const json& n = st["outcomes"];
  return fmt::format("|{} {}{} | {} | {} ({} / {} / {}) | **{}** |\n", claim.empty() ? "" : fmt::format(" [{}]({}.md) |", claim, claim),
                     cell(st["text"]), st.contains("scope") ? " (on some instance)" : "", st["expected"].get<std::string>(),
                     st["outcome"].get<std::string>(), n["holds"].get<int>(), n["refuted"].get<int>(), n["unresolved"].get<int>(),
                     st["verdict"].get<std::string>());
}

// The figures a case may carry, by the record field that holds their data, with their alt text.
struct CaseFigure {
  const char* key;
  std::string (*draw)(const std::string& id, const json& c, const fs::path& dir, std::string& warning);
  const char* alt;
};
const CaseFigure kCaseFigures[] = {
    {"seeds_curve", seeds_figure, "error against the number of epochs"},
    {"selection", selection_figure, "sharpness of end points against eta"},
    {"lyapunov", lyapunov_figure, "Lyapunov exponent and return fraction against eta"},
    {"paper_gap", paper_gap_figure, "gap of the paper's covariance against eta"},
    {"drift", drift_figure, "drift coefficient against sigma^2"},
    {"trends", rank_trend_figure, "epsilon-rank against B, mu and lambda"},
    {"spectrum", spectrum_figure, "singular values: data, closed form, GD"},
    {"plane", plane_figure, "trajectories in the parameter plane"},
};

// The page of one claim, <out>/claims/<ID>.md: statement, set-up, figures, statements, then each case (convergence
// tables, fits, the claim's own tables and figures). Links and images are relative to the page.
std::string claim_page(const json& r, const fs::path& out, const ReportOptions& opt) {
  std::ostringstream md;
  const std::string id = r["claim"];
  md << fmt::format("# {}: {}\n\n[Summary](../REPORT.md) · [all statements](statements.md)\n\n", id, r["title"].get<std::string>());
  md << fmt::format("*Source:* {}.\n\n*Statement.* {}\n\n*Verdict rule.* {}\n\n*Negative control.* {}\n\n",
                    r["paper"].get<std::string>(), r["statement"].get<std::string>(), r["verdict_rule"].get<std::string>(),
                    r["negative_control"].get<std::string>());
  md << fmt::format("*Set-up.* Precision {} ({} digits); record `{}.json`; ctest check `{}`. Verdict: **{}**.\n\n",
                    r["scalar"].get<std::string>(), r["digits"].get<int>(), id, r["check"].get<std::string>(),
                    r["verdict"].get<std::string>());
  if (r.contains("monte_carlo")) {
    const json& mc = r["monte_carlo"];
    md << fmt::format("*Random draws.* Philox seed {}", mc["seed"].get<std::uint64_t>());
    if (mc.contains("samples"))
      md << fmt::format(", {} {}", mc["samples"].get<long>(), mc["samples_are"].get<std::string>());
    md << fmt::format(" (`irverify run {} --seed {}{}` reproduces the record on any thread count).\n\n", id,
                      mc["seed"].get<std::uint64_t>(),
                      mc.contains("samples") ? fmt::format(" --samples {}", mc["samples"].get<long>()) : "");
  }
  if (opt.figures) {
    std::string warning;
    const std::string fig = figure(r, out / "figures", warning);
    if (!fig.empty()) md << fmt::format("![{} error against step size](../{})\n\n", id, fig);
    else if (!warning.empty()) md << "*Figure:* " << warning << ".\n\n";
  }
  if (r.contains("statements") && !r["statements"].empty()) {
    md << "| Statement | Expected | Measured (cases: holds / refuted / unresolved) | Verdict |\n|---|---|---|---|\n";
    for (const auto& st : r["statements"]) md << statement_row("", st);
    md << "\n";
  }
  const bool any_series = std::any_of(r["cases"].begin(), r["cases"].end(), [](const json& c) { return !c["series"].empty(); });
  if (any_series)
    md << "† marks points at the floor, excluded from the fit (the floor and the stall rule are in "
          "`solvers/order/order_fit.hpp`; Monte Carlo points also below 4 standard deviations). Rates are pairwise "
          "observed orders; error bars are 95% intervals.\n\n";
  for (const auto& c : r["cases"]) {
    const json& p = c["problem"];
    md << fmt::format("## {} — {}\n\n", case_title(c), c["verdict"].get<std::string>());
    md << fmt::format("Model `{}`, {} parameters, {} examples, from {}; precision {}; {}; {:.2f} s.\n\n",
                      p["model"].get<std::string>(), p["dim"].get<int>(), p["examples"].get<int>(),
                      p["origin"].get<std::string>(), c.value("scalar", r["scalar"].get<std::string>()),
                      c["solver"].get<std::string>(), c["seconds"].get<double>());
    if (!c["series"].empty()) {
      convergence_table(md, c);
      md << "\n| series | claimed | fitted order | floor | outcome |\n|---|---:|---:|---:|---|\n";
    }
    for (const auto& s : c["series"]) {
      const json& f = s["fit"];
      md << fmt::format("| {} | {}{:g} | {} | {} | {} |\n", cell(s["name"]),
                        s["role"] == "negative-control" ? "≠ " : s["role"] == "context" ? "(context) " : "", s["claimed_order"].get<double>(), fit_text(s),
                        f["floor_detected"].get<double>() > 0 ? sci(f["floor_detected"].get<double>())
                                                             : "not reached (≥ " + sci(f["floor_given"].get<double>()) + ")",
                        s["outcome"].get<std::string>());
    }
    md << "\n";
    for (const auto& t : c.value("tables", json::array())) generic_table(md, t);
    if (c.contains("counterexample_problem"))
      md << fmt::format("*Counterexample stored as a problem file:* [`{0}`](../{0}) (run it with `irverify run {1} "
                        "--problem {0}`).\n\n",
                        write_problem(c["counterexample_problem"], out), c.value("counterexample_claim", "STAB-2"));
    if (c.contains("unstable_end_point")) {
      const json& u = c["unstable_end_point"];
      md << fmt::format("*Exhibit kept* (refutes \"every SGD end point is mean-square stable\"): the most "
                        "mean-square-unstable end point with a resolved negative Lyapunov exponent ({0}, eta = {1:.6g}, "
                        "eta* = {2:.6g}, Lambda = {3:.6f} ± {4:.6f}) as the problem file [`{5}`](../{5}) (theta0 = the end "
                        "point; `irverify run STAB-6 --problem {5}` locates eta_L there).\n\n",
                        u["optimizer"].get<std::string>(), u["eta"].get<double>(), u["eta_star"].get<double>(),
                        u.value("lambda", 0.0), u.value("lambda_stderr", 0.0), write_problem(u["problem"], out));
    }
    if (opt.figures)
      for (const CaseFigure& f : kCaseFigures) {
        if (!c.contains(f.key) || c[f.key].is_null()) continue;
        std::string warning;
        const std::string fig = f.draw(id, c, out / "figures", warning);
        if (!fig.empty()) md << fmt::format("![{} {}](../{})\n\n", id, f.alt, fig);
        else if (!warning.empty()) md << "*Figure:* " << warning << ".\n\n";
      }
  }
  return md.str();
}

}  // namespace

std::string write_report(const ReportOptions& opt) {
  std::vector<json> recs = read_records(opt.records_dir);
  if (recs.empty()) throw std::runtime_error(fmt::format("{}: no irverify records (*.json) found", opt.records_dir));
  const auto family_rank = [](const json& r) {  // CLAIMS.md's order of the families, then the claim number
    static const std::vector<std::string> order = {"IGR", "SGD", "STAB", "LN", "RANK"};
    const std::string id = r["claim"];
    const auto it = std::find(order.begin(), order.end(), id.substr(0, id.find('-')));
    return std::make_pair(it - order.begin(), id.size() > id.find('-') + 1 ? std::atoi(id.c_str() + id.find('-') + 1) : 0);
  };
  std::stable_sort(recs.begin(), recs.end(), [&](const json& a, const json& b) { return family_rank(a) < family_rank(b); });
  const fs::path out = opt.out_dir.empty() ? fs::path(opt.records_dir) : fs::path(opt.out_dir);
  fs::create_directories(out / "claims");
  const json& prov = recs.front()["provenance"];
  std::ostringstream md, all;
  md << "# irverify report\n\n";
  md << fmt::format("irverify {} (commit `{}`), {}, built {}; generated {} from the records in `{}`.\n\n",
                    prov.value("irverify_version", "?"), prov.value("git_commit", "?"), prov.value("compiler", "?"),
                    prov.value("build_type", "?"), prov.value("date_utc", "?"), fs::path(opt.records_dir).filename().string());
  md << "Each claim is stated in `CLAIMS.md` and has a page of its own (statements, set-up, figures, every case); every "
        "number is read from the claim's JSON record. [All statements](claims/statements.md) in one table.\n\n";
  all << "# Statements\n\n[Summary](../REPORT.md)\n\nEach statement a claim checks, with its expected outcome (`holds`, "
         "or `refuted`: known or found false, with its counterexample stored); it passes when every case measured the "
         "expected outcome (CLAIMS.md, \"Expected outcomes\"). Negative controls are refuted statements.\n\n"
         "| Claim | Statement | Expected | Measured (cases: holds / refuted / unresolved) | Verdict |\n|---|---|---|---|---|\n";
  std::string family;
  for (const auto& r : recs) {
    const std::string id = r["claim"];
    const std::string fam = id.substr(0, id.find('-'));
    if (fam != family) {
      family = fam;
      md << fmt::format("\n## {}\n\n| Claim | Title | Verdict | Measured (orders: min–max over models) | Expected | "
                        "Statements as expected | Precision | Time |\n|---|---|---|---|---|---:|---|---:|\n", family);
    }
    const json sts = r.value("statements", json::array());
    const long ok = std::count_if(sts.begin(), sts.end(), [](const json& st) { return st.value("verdict", "") == "pass"; });
    md << fmt::format("| [{}](claims/{}.md) | {} | **{}** | {} | {} | {} / {} | {} | {:.1f} s |\n", id, id, cell(r["title"]),
                      r["verdict"].get<std::string>(), cell(measured_summary(r)), cell(expected_summary(r)), ok, sts.size(),
                      r["scalar"].get<std::string>(), r["wall_time_s"].get<double>());
    for (const auto& st : sts) all << statement_row(id, st);
    write_atomically((out / "claims" / (id + ".md")).string(), claim_page(r, out, opt));
  }
  write_atomically((out / "claims" / "statements.md").string(), all.str() + "\n");
  const fs::path path = out / "REPORT.md";
  write_atomically(path.string(), md.str());
  return path.string();
}

}  // namespace irverify
