// The EOS claims' figure: sharpness and loss over the steps for GD, its time average, the central flow and gradient
// flow (declared as data, reports/figure/figure.hpp).
#pragma once

#include "reports/figure/figure.hpp"

#include <array>
#include <string>
#include <utility>

namespace irverify {

struct EosFigure {
  FigurePanel sharp{"sharpness", figure_axis("step n"), figure_axis("S = lambda_max(H)"), {}, {}, {}, {}};
  FigurePanel loss;
  explicit EosFigure(bool log_loss) : loss{"loss", figure_axis("step n"), figure_axis("L", log_loss), {}, {}, {}, {}} {
    const char* names[] = {"GD", "GD, time-averaged", "central flow (loss: L + sigma^2/eta)", "gradient flow"};
    for (int i = 0; i < 4; ++i) {
      sharp.series.push_back({names[i], {}, {}, {}, {}, i == 0 ? Mark::points : Mark::lines, false, 0.3});
      loss.series.push_back({names[i], {}, {}, {}, {}, i == 0 ? Mark::points : Mark::lines, false, 0.3});
    }
  }
  // Step n: the sharpness and loss of the four, in the order above.
  void add(double n, const std::array<double, 4>& s, const std::array<double, 4>& l) {
    for (int i = 0; i < 4; ++i) {
      sharp.series[i].x.push_back(n);
      sharp.series[i].y.push_back(s[i]);
      loss.series[i].x.push_back(n);
      loss.series[i].y.push_back(l[i]);
    }
  }
  Figure done(std::string name, std::string title, std::string alt, double onset) {
    sharp.markers.push_back({"2/eta reached by GD", onset});
    return {std::move(name), std::move(title), std::move(alt), 2, {std::move(sharp), std::move(loss)}};
  }
};

}  // namespace irverify
