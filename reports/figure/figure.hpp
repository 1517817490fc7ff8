// Figures declared as data (STYLE.md lesson 19): a claim says what to draw (panels of series, error bars, reference
// curves, vertical markers, axes), the record carries it as JSON, and reports/ draws any figure of any record without
// knowing the claim (reports/figure/gnuplot.hpp). Numbers are plain doubles: figures are for the eye; the record's
// own fields keep the full precision.
#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace irverify {

struct FigureAxis {
  std::string label;
  bool log = false;
  double min = NAN, max = NAN;  // NaN: from the data
  std::vector<double> ticks;    // ticks at these values, labelled as %g (empty: automatic)
};

inline FigureAxis figure_axis(std::string label, bool log = false) {
  FigureAxis a;
  a.label = std::move(label);
  a.log = log;
  return a;
}

enum class Mark { points, lines, linespoints };

// Points (x_k, y_k); with error bars from y_low_k to y_high_k when those are given (absolute ends, not widths).
struct FigureSeries {
  std::string name;  // in the key; "" for none
  std::vector<double> x, y, y_low, y_high;
  Mark mark = Mark::linespoints;
  bool second_axis = false;  // against the panel's y2 axis
  double size = 0.7;         // of the points (points, linespoints)
};

// The curve y = a x^p over the panel's x range: a claimed slope through a point, a bound such as 2/x (a = 2, p = -1),
// a constant (p = 0).
struct FigureCurve {
  std::string name;  // in the key; "" for none
  double a = 0, p = 0;
  bool dashed = true;
};

// A vertical line at x, named in the key (never as a label over the plot, where two close markers would collide).
struct FigureMarker {
  std::string name;
  double x = 0;
};

struct FigurePanel {
  std::string title;
  FigureAxis x, y, y2;  // y2 only when some series is on it
  std::vector<FigureSeries> series;
  std::vector<FigureCurve> curves;
  std::vector<FigureMarker> markers;
};

struct Figure {
  std::string name;   // the file stem of the drawing: letters, digits, '.', '_' and '-' (figure_stem() enforces it)
  std::string title;  // above every panel
  std::string alt;    // the report's alt text
  int columns = 0;    // panels per row; 0: up to 3
  std::vector<FigurePanel> panels;
};

nlohmann::json figure_json(const Figure& f);
// A figure from its JSON; std::runtime_error naming the first fault (a record is input: it may be anything).
Figure figure_from_json(const nlohmann::json& j);
// `name` made safe as a file stem: every character outside [A-Za-z0-9._-] becomes '-', a leading '.' is prefixed; a
// name so changed, or longer than 120 characters (cut to 100), gains "-" and 16 hex digits of its hash (two names that
// slug alike stay apart; a file name stays far below the 255 bytes a file system takes); never empty.
std::string figure_stem(const std::string& name);

}  // namespace irverify
