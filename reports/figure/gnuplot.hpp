// Drawing a figure (reports/figure/figure.hpp) with gnuplot: the script is generated from the figure's data alone
// (no claim is known here), written next to the drawing, and gnuplot runs on it as a program, never through a shell.
// Every text of the figure is literal (noenhanced); keys sit below the panels, never over the data; markers and
// curves are named in the key.
#pragma once

#include "reports/figure/figure.hpp"

#include <filesystem>
#include <string>

namespace irverify {

// The gnuplot script that draws `f` to the SVG file `svg` (an absolute path).
std::string gnuplot_script(const Figure& f, const std::string& svg);

struct DrawnFigure {
  std::string svg;      // the drawing's file name in dir ("" if not drawn)
  std::string warning;  // why not
};
// Writes <dir>/<stem>.gp (stem = figure_stem(f.name)) and runs gnuplot on it to draw <dir>/<stem>.svg.
DrawnFigure draw_figure(const Figure& f, const std::filesystem::path& dir);

}  // namespace irverify
