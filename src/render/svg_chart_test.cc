#include <doctest/doctest.h>

#include <algorithm>
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

TEST_CASE("time_chart: values spaced by date, target and comparator lines, named, every label inside the chart") {
  std::vector<TimePoint> points = {{0, 28, "28%", "Mar 2016"}, {200, 35, "35%", "Oct 2016"},
                                   {230, 40, "40%", "Nov 2016"}, {700, 81.5, "81.5%", "Feb 2018"}};
  const std::string svg = time_chart("chart-measure", "Conferences within 15 days", "Up from 28% to 81.5%.",
                                     "Recorded values (%)", points,
                                     {{"target", "Target 85%", 85}, {"comparator-1", "England 77%", 77}});
  CHECK(viewbox_width(svg) * 12 <= 288 * 14);
  CHECK(svg.find("<title id=\"chart-measure-title\">Conferences within 15 days</title>") != std::string::npos);
  CHECK(svg.find("aria-labelledby=\"chart-measure-title chart-measure-desc\"") != std::string::npos);
  check_texts_inside(svg);
  // Each level line is named in the legend with its value, and drawn with its own dash class.
  for (const char* s : {">Target 85%<", ">England 77%<", "chart__ref--target", "chart__ref--comparator-1"})
    CHECK_MESSAGE(svg.find(s) != std::string::npos, s);
  // First and last values are written on the chart; the first and last dates are under it,
  // and Oct and Nov 2016, too close together, are not both written.
  const auto texts = texts_of(svg);
  auto has = [&](const std::string& s) {
    return std::any_of(texts.begin(), texts.end(), [&](const ChartText& t) { return t.content == s; });
  };
  CHECK(has("28%"));
  CHECK(has("81.5%"));
  CHECK(has("Mar 2016"));
  CHECK(has("Feb 2018"));
  CHECK_FALSE((has("Oct 2016") && has("Nov 2016")));
  // Four points: four markers, joined by one line.
  size_t circles = 0;
  for (size_t at = svg.find("class=\"chart__point\""); at != std::string::npos; at = svg.find("class=\"chart__point\"", at + 1))
    ++circles;
  CHECK(circles == 5);  // four points and the legend's marker
}

TEST_CASE("time_chart: a single value is drawn as a marker in the middle, labelled") {
  const std::string svg = time_chart("c", "T", "D", "Values", {{10, 386, "386 days", "Mar 2016"}},
                                     {{"target", "Target 426 days", 426}});
  check_texts_inside(svg);
  CHECK(svg.find("<polyline") == std::string::npos);
  CHECK(svg.find(">386 days<") != std::string::npos);
}
