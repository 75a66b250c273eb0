#pragma once
// Charts drawn at build time as inline SVG: no JavaScript, scalable, named for assistive
// technology. Colours come from the theme's CSS classes; every chart also has a table.

#include <string>
#include <vector>

namespace scrutiny {

// A texture drawn over a segment's colour so that segments are told apart without colour.
enum class SegmentPattern { solid, stripes, dots, crosshatch };

// One coloured part of a bar: `key` becomes the CSS class chart__seg--key.
struct BarSegment {
  std::string key;
  std::string label;
  double value = 0;
  SegmentPattern pattern = SegmentPattern::solid;
};

// Width of every chart's viewBox. Narrow on purpose: a chart is drawn no wider than a phone's
// column in user units, so its 14-unit text never shrinks below 12 CSS px at a 320 px viewport.
inline constexpr double kChartWidth = 320;

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

// One point of a time series: its position in days, its value, and the words for both.
struct TimePoint {
  long long day = 0;   // days since any fixed date
  double value = 0;
  std::string value_label;  // "24%"
  std::string date_label;   // "Mar 2023"
};

// A level drawn across a time chart, such as a target or England's average. `key` picks the
// line's CSS class chart__ref--key; each reference line is dashed differently, so that lines are
// told apart without colour, and the legend names each with its value.
struct ReferenceLine {
  std::string key;
  std::string label;  // "Target 20%"
  double value = 0;
};

// Horizontal stacked bars, one per row, with counts written on the segments and a legend.
std::string stacked_bar_chart(const std::string& id, const std::string& title, const std::string& description,
                              const std::vector<BarRow>& rows);

// Lines over labelled x positions (only every `label_every`-th label is drawn, and a label is
// dropped where it would overlap the one before or run past the chart's edge).
std::string line_chart(const std::string& id, const std::string& title, const std::string& description,
                       const std::vector<std::string>& x_labels, const std::vector<ChartSeries>& series,
                       size_t label_every);

// A measure's values over time (x spaced by date) with its target and comparators as level
// lines; the first and last values are written beside their points.
std::string time_chart(const std::string& id, const std::string& title, const std::string& description,
                       const std::string& series_label, const std::vector<TimePoint>& points,
                       const std::vector<ReferenceLine>& references);

}  // namespace scrutiny
