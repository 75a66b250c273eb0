#pragma once
// Charts drawn at build time as inline SVG: no JavaScript, scalable, named for assistive
// technology. Colours come from the theme's CSS classes; every chart also has a table.

#include <string>
#include <vector>

namespace scrutiny {

// One coloured part of a bar: `key` becomes the CSS class chart__seg--key.
struct BarSegment {
  std::string key;
  std::string label;
  double value = 0;
};

// One labelled bar made of segments.
struct BarRow {
  std::string label;
  std::vector<BarSegment> segments;
};

// One line of a line chart: a value per x position.
struct ChartSeries {
  std::string key;
  std::string label;
  std::vector<double> values;
};

// Horizontal stacked bars, one per row, with counts written on the segments and a legend.
std::string stacked_bar_chart(const std::string& id, const std::string& title, const std::string& description,
                              const std::vector<BarRow>& rows);

// Lines over labelled x positions (only every `label_every`-th label is drawn).
std::string line_chart(const std::string& id, const std::string& title, const std::string& description,
                       const std::vector<std::string>& x_labels, const std::vector<ChartSeries>& series,
                       size_t label_every);

}  // namespace scrutiny
