#include "reports/figure/gnuplot.hpp"

#include "theory/io/atomic_write.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <sstream>

extern char** environ;

namespace irverify {

namespace {

// A gnuplot string literal, line breaks dropped: single-quoted (no escapes at all), or, for a text holding a quote
// (gnuplot misreads a doubled quote at the start of a single-quoted string), double-quoted with '\\' and '"' escaped.
std::string quoted(const std::string& t) {
  const bool single = t.find('\'') == std::string::npos;
  std::string r = single ? "'" : "\"";
  for (char c : t) {
    if (c == '\n' || c == '\r') continue;
    if (!single && (c == '\\' || c == '"')) r += '\\';
    r += c;
  }
  return r + (single ? "'" : "\"");
}

std::string num(double x) { return std::isfinite(x) ? fmt::format("{:.17g}", x) : std::string("NaN"); }

const char* const kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

int key_entries(const FigurePanel& p) {
  int n = static_cast<int>(p.markers.size());
  for (const auto& s : p.series) n += !s.name.empty();
  for (const auto& c : p.curves) n += !c.name.empty();
  return n;
}

// One axis: label, scale, range and ticks (name: "x", "y" or "y2").
void axis(std::ostream& g, const FigureAxis& a, const std::string& name) {
  g << fmt::format("set {}label {}\n", name, quoted(a.label));
  if (a.log) g << fmt::format("set logscale {}\nset format {} '1e%L'\n", name, name);
  else g << fmt::format("unset logscale {}\nset format {} '% h'\n", name, name);
  g << fmt::format("set {}range [{}:{}]\n", name, std::isfinite(a.min) ? num(a.min) : "*", std::isfinite(a.max) ? num(a.max) : "*");
  if (a.ticks.empty()) {
    g << fmt::format("set {}tics autofreq norotate\n", name);
    return;
  }
  std::vector<std::string> t;
  for (double v : a.ticks) t.push_back(fmt::format("'{:g}' {}", v, num(v)));
  g << fmt::format("set {}tics ({}) rotate by 30 right\n", name, fmt::join(t, ", "));
}

void panel(std::ostream& g, const FigurePanel& p, int index) {
  g << "unset arrow\nset autoscale\n";
  g << fmt::format("set title {} font ',10'\n", quoted(p.title));
  axis(g, p.x, "x");
  axis(g, p.y, "y");
  const bool y2 = std::any_of(p.series.begin(), p.series.end(), [](const FigureSeries& s) { return s.second_axis; });
  if (y2) {
    axis(g, p.y2, "y2");
    g << "set ytics nomirror\nset y2tics\n";
  } else {
    g << "unset y2tics\nunset y2label\nset ytics mirror\n";
  }
  std::vector<std::string> items;
  for (std::size_t i = 0; i < p.series.size(); ++i) {
    const FigureSeries& s = p.series[i];
    const std::string block = fmt::format("$p{}s{}", index, i);
    const bool bars = !s.y_low.empty();
    g << block << " << EOD\n";
    for (std::size_t k = 0; k < s.x.size(); ++k) {
      g << num(s.x[k]) << " " << num(s.y[k]);
      if (bars) g << " " << num(s.y_low[k]) << " " << num(s.y_high[k]);
      g << "\n";
    }
    g << "EOD\n";
    const char* style = bars ? (s.mark == Mark::points ? "yerrorbars" : "yerrorlines")
                             : s.mark == Mark::points ? "points" : s.mark == Mark::lines ? "lines" : "linespoints";
    const std::string points = s.mark == Mark::lines ? "" : fmt::format(" pt {} ps {}", 5 + static_cast<int>(i % 9), num(s.size));
    items.push_back(fmt::format("{} using 1:2{} with {} lc rgb '{}'{}{} {}", block, bars ? ":3:4" : "", style, kColors[i % 8],
                                points, s.second_axis ? " axes x1y2" : "", s.name.empty() ? "notitle" : "title " + quoted(s.name)));
  }
  for (const FigureCurve& c : p.curves)
    items.push_back(fmt::format("{}*x**({}) with lines {}lc rgb 'gray30' {}", num(c.a), num(c.p), c.dashed ? "dt 2 " : "",
                                c.name.empty() ? "notitle" : "title " + quoted(c.name)));
  for (std::size_t k = 0; k < p.markers.size(); ++k) {
    const FigureMarker& m = p.markers[k];
    const char* color = kColors[(k + 3) % 8];
    g << fmt::format("set arrow from {0}, graph 0 to {0}, graph 1 nohead dt 3 lw 1.5 lc rgb '{1}'\n", num(m.x), color);
    items.push_back(fmt::format("NaN with lines dt 3 lw 1.5 lc rgb '{}' title {}", color, quoted(m.name)));
  }
  if (items.empty()) items.push_back("NaN notitle");
  g << "plot " << fmt::format("{}", fmt::join(items, ", \\\n     ")) << "\n";
}

}  // namespace

std::string gnuplot_script(const Figure& f, const std::string& svg) {
  const int n = static_cast<int>(f.panels.size());
  const int cols = std::max(1, std::min(n, f.columns > 0 ? f.columns : 3)), rows = std::max(1, (n + cols - 1) / cols);
  int keys = 0;
  for (const auto& p : f.panels) keys = std::max(keys, key_entries(p));
  const int width = std::max(440 * cols, 7 * static_cast<int>(f.title.size()) + 60);
  const int height = rows * (320 + 16 * ((keys + 1) / 2)) + (f.title.empty() ? 0 : 30);
  std::ostringstream g;
  g << "# Drawn by irverify report from the figure data of a record\n";
  g << fmt::format("set terminal svg size {},{} dynamic font 'Helvetica,11' background '#ffffff'\n", width, height);
  g << "set output " << quoted(svg) << "\n";
  g << "set termoption noenhanced\nset grid\nset key below font ',8' spacing 0.9 samplen 2\nset bars small\n";
  g << fmt::format("set multiplot layout {},{} title {}\n", rows, cols, quoted(f.title));
  for (int i = 0; i < n; ++i) panel(g, f.panels[i], i);
  g << "unset multiplot\n";
  return g.str();
}

DrawnFigure draw_figure(const Figure& f, const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  const std::string stem = figure_stem(f.name);
  const fs::path gp = fs::absolute(dir / (stem + ".gp")), svg = fs::absolute(dir / (stem + ".svg"));
  // The script names its drawing relative to its own folder (the same script wherever the report is written).
  write_atomically(gp.string(), gnuplot_script(f, svg.filename().string()));
  // gnuplot opens the drawing itself: only a new file, never through a link or into a FIFO or device planted there. An
  // old drawing is removed first (a hard link's other name keeps its content).
  const fs::file_status st = fs::symlink_status(svg, ec);
  if (!ec && fs::exists(st) && !fs::is_regular_file(st))
    return {"", fmt::format("figure not drawn: {} exists and is not a regular file", svg.filename().string())};
  fs::remove(svg, ec);
  // gnuplot as a program, in the script's folder: no shell sees any text of the record.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, gp.parent_path().c_str());
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const std::string prog = "gnuplot", script = gp.string();
  char* argv[] = {const_cast<char*>(prog.c_str()), const_cast<char*>(script.c_str()), nullptr};
  pid_t pid = 0;
  int status = -1;
  const int spawned = posix_spawnp(&pid, "gnuplot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned == 0) waitpid(pid, &status, 0);
  if (spawned != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return {"", fmt::format("gnuplot failed or is not installed: figure not drawn (script kept at {})", gp.filename().string())};
  return {svg.filename().string(), ""};
}

}  // namespace irverify
