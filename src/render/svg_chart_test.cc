#include <doctest/doctest.h>

#include <regex>

#include "svg_chart.h"

using namespace scrutiny;

namespace {

struct ChartText {
  double x = 0;
  std::string anchor, content;
};

std::vector<ChartText> texts_of(const std::string& svg) {
  std::vector<ChartText> out;
  static const std::regex text_re(R"re(<text x="([-0-9.]+)" y="[-0-9.]+" class="[^"]*" text-anchor="(\w+)">([^<]*)</text>)re");
  for (std::sregex_iterator it(svg.begin(), svg.end(), text_re), end; it != end; ++it)
    out.push_back({std::stod((*it)[1]), (*it)[2], (*it)[3]});
  return out;
}

double viewbox_width(const std::string& svg) {
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex(R"(viewBox="0 0 ([0-9.]+) )")));
  return std::stod(m[1]);
}

// Every text's start and end, by the same 8-units-a-character estimate the chart lays out with
// (generous for 14-unit text), lie inside the viewBox.
void check_texts_inside(const std::string& svg) {
  const double width = viewbox_width(svg);
  const auto texts = texts_of(svg);
  REQUIRE_FALSE(texts.empty());
  for (const ChartText& t : texts) {
    const double w = 8.0 * static_cast<double>(t.content.size());
    const double start = t.anchor == "middle" ? t.x - w / 2 : t.anchor == "end" ? t.x - w : t.x;
    INFO(t.content << " at x=" << t.x << " anchored " << t.anchor);
    CHECK(start >= 0);
    CHECK(start + w <= width);
  }
}

BarRow status_row(const std::string& label, double on_track, double off_track) {
  return {label,
          {{"on-track", "On track", on_track, SegmentPattern::solid},
           {"off-track", "Off track", off_track, SegmentPattern::stripes}}};
}

}  // namespace

TEST_CASE("charts are drawn in a viewBox narrow enough that 14-unit text stays >= 12 CSS px in a 288 px column") {
  const std::string bars = stacked_bar_chart("c", "T", "D", {status_row("Theme", 3, 1)});
  const std::string lines = line_chart("l", "T", "D", {"2016", "", "2017"}, {{"planned", "Planned", {1, 2, 3}}}, 1);
  CHECK(viewbox_width(bars) * 12 <= 288 * 14);
  CHECK(viewbox_width(lines) * 12 <= 288 * 14);
}

TEST_CASE("line_chart: no x label runs past the chart's edges, and crowded labels are left out") {
  std::vector<std::string> labels;
  std::vector<double> values;
  for (int year = 2016; year <= 2024; ++year)
    for (int q = 1; q <= 4; ++q) {
      labels.push_back(q == 1 ? std::to_string(year) : "");
      values.push_back(labels.size());
    }
  labels.back() = "2024 Q4";  // a label on the last point, where the old chart ran past x=640
  const std::string svg = line_chart("chart-milestones", "Milestones", "Lines", labels,
                                     {{"planned", "Planned (by target date)", values}, {"completed", "Completed", values}}, 1);
  check_texts_inside(svg);
  // Nine year labels cannot all fit 320 units at 8 units a character with gaps between them.
  size_t years = 0;
  for (const ChartText& t : texts_of(svg))
    if (t.content.rfind("20", 0) == 0) ++years;
  CHECK(years >= 3);
  CHECK(years < 10);
}

TEST_CASE("stacked_bar_chart: long row labels wrap inside the chart and the legend is one item per line") {
  const std::string long_label =
      "Strengthen the quality and consistency of social work practice with children in need of help and protection";
  const std::string svg = stacked_bar_chart("chart-themes", "Actions by status", "Bars",
                                            {status_row(long_label, 4, 2), status_row("Leadership", 0, 0)});
  check_texts_inside(svg);
  CHECK(svg.find(">None<") != std::string::npos);
}

TEST_CASE("stacked_bar_chart: patterned segments are textured from defs whose ids are unique to the chart") {
  const std::string first = stacked_bar_chart("chart-themes", "T", "D", {status_row("A", 1, 1)});
  const std::string second = stacked_bar_chart("chart-recommendations", "T", "D", {status_row("B", 1, 1)});
  CHECK(first.find("<pattern id=\"chart-themes-stripes\"") != std::string::npos);
  CHECK(first.find("fill=\"url(#chart-themes-stripes)\"") != std::string::npos);
  CHECK(second.find("<pattern id=\"chart-recommendations-stripes\"") != std::string::npos);
  CHECK(second.find("chart-themes-") == std::string::npos);
  // Only off track is textured, once in the legend and once in the bar; on track stays solid.
  size_t uses = 0;
  for (size_t at = first.find("url(#"); at != std::string::npos; at = first.find("url(#", at + 1)) ++uses;
  CHECK(uses == 2);
}
