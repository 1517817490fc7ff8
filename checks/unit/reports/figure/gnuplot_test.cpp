// reports/figure/gnuplot.hpp: gnuplot opens the drawing itself, so a symbolic link or a FIFO planted at a drawing's
// name is refused before gnuplot starts (nothing written through the link, no hang on the FIFO); a title holding a
// quote is written as a double-quoted string.
#include "reports/figure/gnuplot.hpp"

#include "checks/unit/scratch.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>

using namespace irverify;

namespace {
Figure one_point_figure(const std::string& name) {
  Figure f;
  f.name = name;
  f.title = "'quoted' title";
  f.panels.emplace_back();
  f.panels[0].series.push_back({});
  f.panels[0].series[0].x = {1.0};
  f.panels[0].series[0].y = {2.0};
  return f;
}
}  // namespace

TEST(Gnuplot, PlantedLinkOrFifoAtTheDrawingIsRefused) {
  namespace fs = std::filesystem;
  const auto dir = unit_scratch("planted-figures");
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "victim") << "KEEP ME\n";
  fs::create_symlink(dir / "victim", dir / "linked.svg");
  ASSERT_EQ(::mkfifo((dir / "piped.svg").c_str(), 0600), 0);
  for (const char* name : {"linked", "piped"}) {
    const DrawnFigure d = draw_figure(one_point_figure(name), dir);
    EXPECT_TRUE(d.svg.empty()) << name;
    EXPECT_NE(d.warning.find("is not a regular file"), std::string::npos) << d.warning;
  }
  std::ifstream in(dir / "victim");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "KEEP ME");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "linked.svg")));
  EXPECT_NE(gnuplot_script(one_point_figure("x"), "x.svg").find("title \"'quoted' title\""), std::string::npos);
}
