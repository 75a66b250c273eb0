#include "svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "markdown.h"

namespace scrutiny {
namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  return s;
}

std::string open_svg(const std::string& id, const std::string& title, const std::string& description,
                     double width, double height) {
  return "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(width) + " " + num(height) +
         "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id + "-desc\">\n<title id=\"" + id + "-title\">" +
         escape_html(title) + "</title>\n<desc id=\"" + id + "-desc\">" + escape_html(description) + "</desc>\n";
}

std::string text(double x, double y, const std::string& s, const std::string& cls, const char* anchor = "start") {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" class=\"" + cls + "\" text-anchor=\"" + anchor + "\">" +
         escape_html(s) + "</text>\n";
}

// Horizontal grid lines from 0 to top_v every `step`, each numbered at the left edge.
template <typename Y>
std::string y_axis_grid(double left, double right_edge, double top_v, double step, Y py) {
  std::string svg;
  for (double v = 0; v <= top_v + 1e-9; v += step) {
    svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(right_edge) + "\" y1=\"" + num(py(v)) + "\" y2=\"" +
           num(py(v)) + "\" class=\"chart__grid\"/>\n";
    svg += text(left - 6, py(v) + 5, num(v), "chart__axis", "end");
  }
  return svg;
}

// A generous guess at the width of 14-unit text: SVG cannot wrap or measure text at build time.
constexpr double kCharWidth = 8;
constexpr double kLineHeight = 18;

double text_width(const std::string& s) {
  size_t chars = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++chars;
  return kCharWidth * static_cast<double>(chars);
}

// Splits a label into lines that fit the chart's width, breaking at spaces.
std::vector<std::string> wrap(const std::string& s, double width) {
  std::vector<std::string> lines;
  std::string line, word;
  auto flush_word = [&] {
    if (word.empty()) return;
    if (!line.empty() && text_width(line + " " + word) > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    word.clear();
  };
  for (char c : s) {
    if (c == ' ') flush_word();
    else word += c;
  }
  flush_word();
  if (!line.empty()) lines.push_back(line);
  return lines;
}

const char* pattern_name(SegmentPattern p) {
  switch (p) {
    case SegmentPattern::stripes: return "stripes";
    case SegmentPattern::dots: return "dots";
    case SegmentPattern::crosshatch: return "crosshatch";
    case SegmentPattern::solid: break;
  }
  return "";
}

// The textures, defined once per chart so that ids stay unique when several charts share a page.
std::string pattern_defs(const std::string& id) {
  return "<defs>\n"
         "<pattern id=\"" + id + "-stripes\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
         "<rect width=\"3\" height=\"8\" class=\"chart__texture\"/></pattern>\n"
         "<pattern id=\"" + id + "-dots\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
         "<circle cx=\"4\" cy=\"4\" r=\"2\" class=\"chart__texture\"/></pattern>\n"
         "<pattern id=\"" + id + "-crosshatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
         "<rect width=\"8\" height=\"2\" class=\"chart__texture\"/><rect width=\"2\" height=\"8\" class=\"chart__texture\"/></pattern>\n"
         "</defs>\n";
}

// A coloured rectangle with its texture laid over it.
std::string segment_rect(const std::string& id, const BarSegment& s, double x, double y, double w, double h) {
  std::string box = "x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\"";
  std::string out = "<rect " + box + " class=\"chart__seg chart__seg--" + s.key + "\"/>\n";
  if (s.pattern != SegmentPattern::solid)
    out += "<rect " + box + " fill=\"url(#" + id + "-" + pattern_name(s.pattern) + ")\" class=\"chart__pattern\"/>\n";
  return out;
}

// A round top and step for a value axis from 0 to max_v.
std::pair<double, double> axis_top_and_step(double max_v) {
  double step = std::pow(10, std::floor(std::log10(max_v)));
  if (max_v / step < 2) step /= 5;
  else if (max_v / step < 5) step /= 2;
  return {std::ceil(max_v / step) * step, step};
}

}  // namespace

std::string stacked_bar_chart(const std::string& id, const std::string& title, const std::string& description,
                              const std::vector<BarRow>& rows) {
  const double width = kChartWidth, bar_h = 24, legend_row_h = 24, gap = 16;
  double max_total = 1;
  for (const BarRow& r : rows) {
    double total = 0;
    for (const BarSegment& s : r.segments) total += s.value;
    max_total = std::max(max_total, total);
  }
  // The legend is one item per line, so that it fits however narrow the chart is drawn.
  const std::vector<BarSegment> legend = rows.empty() ? std::vector<BarSegment>{} : rows.front().segments;
  std::vector<std::vector<std::string>> labels;
  double height = legend_row_h * legend.size() + gap;
  for (const BarRow& r : rows) {
    labels.push_back(wrap(r.label, width));
    height += kLineHeight * labels.back().size() + 4 + bar_h + gap;
  }
  std::string svg = open_svg(id, title, description, width, height) + pattern_defs(id);

  double y = 0;
  for (const BarSegment& s : legend) {
    svg += segment_rect(id, s, 0, y + 4, 16, 16);
    svg += text(24, y + 17, s.label, "chart__legend");
    y += legend_row_h;
  }
  y += gap;
  for (size_t i = 0; i < rows.size(); ++i) {
    const BarRow& r = rows[i];
    for (const std::string& line : labels[i]) {
      svg += text(0, y + 14, line, "chart__label");
      y += kLineHeight;
    }
    y += 4;
    double row_total = 0;
    for (const BarSegment& s : r.segments) row_total += s.value;
    if (row_total <= 0) svg += text(0, y + 17, "None", "chart__empty");
    double x = 0;
    for (const BarSegment& s : r.segments) {
      if (s.value <= 0) continue;
      double w = s.value / max_total * width;
      svg += segment_rect(id, s, x, y, w, bar_h);
      if (w >= text_width(num(s.value)) + 6)
        svg += text(x + w / 2, y + 17, num(s.value), "chart__value chart__value--" + s.key, "middle");
      x += w;
    }
    y += bar_h + gap;
  }
  return svg + "</svg>";
}

std::string line_chart(const std::string& id, const std::string& title, const std::string& description,
                       const std::vector<std::string>& x_labels, const std::vector<ChartSeries>& series,
                       size_t label_every) {
  const double width = kChartWidth, height = 280, right = 12, bottom = 30;
  const double top = 22.0 * static_cast<double>(series.size()) + 24;
  double max_v = 1;
  for (const ChartSeries& s : series)
    for (double v : s.values) max_v = std::max(max_v, v);
  // A round top for the y axis.
  auto [top_v, step] = axis_top_and_step(max_v);
  const double left = text_width(num(top_v)) + 10;  // room for the widest y-axis number
  const size_t n = x_labels.size();
  auto px = [&](size_t i) { return left + (n <= 1 ? 0 : (width - left - right) * i / (n - 1)); };
  auto py = [&](double v) { return top + (height - top - bottom) * (1 - v / top_v); };

  std::string svg = open_svg(id, title, description, width, height);
  svg += y_axis_grid(left, width - right, top_v, step, py);
  // A label is centred on its point, moved inwards at the chart's edges, and left out where it
  // would touch the one before.
  double last_end = -1e9;
  for (size_t i = 0; i < n; i += std::max<size_t>(1, label_every)) {
    if (x_labels[i].empty()) continue;
    double w = text_width(x_labels[i]);
    double x = std::clamp(px(i), w / 2, width - w / 2);
    if (x - w / 2 < last_end + kCharWidth) continue;
    svg += text(x, height - 10, x_labels[i], "chart__axis", "middle");
    last_end = x + w / 2;
  }
  // The legend is one series per line, so that it fits however narrow the chart is drawn.
  double legend_y = 16;
  for (const ChartSeries& s : series) {
    svg += "<line x1=\"0\" x2=\"24\" y1=\"" + num(legend_y) + "\" y2=\"" + num(legend_y) + "\" class=\"chart__line chart__line--" + s.key + "\"/>\n";
    svg += text(30, legend_y + 5, s.label, "chart__legend");
    legend_y += 22;
    std::string points;
    for (size_t i = 0; i < s.values.size() && i < n; ++i)
      points += (i ? " " : "") + num(px(i)) + "," + num(py(s.values[i]));
    svg += "<polyline points=\"" + points + "\" class=\"chart__line chart__line--" + s.key + "\"/>\n";
  }
  return svg + "</svg>";
}

std::string time_chart(const std::string& id, const std::string& title, const std::string& description,
                       const std::string& series_label, const std::vector<TimePoint>& points,
                       const std::vector<ReferenceLine>& references) {
  const double width = kChartWidth, height = 300, right = 12, bottom = 30, legend_row = 22;
  const double top = legend_row * static_cast<double>(1 + references.size()) + 28;
  double max_v = 1;
  for (const TimePoint& p : points) max_v = std::max(max_v, p.value);
  for (const ReferenceLine& r : references) max_v = std::max(max_v, r.value);
  auto [top_v, step] = axis_top_and_step(max_v);
  const double left = text_width(num(top_v)) + 10;
  long long first_day = points.empty() ? 0 : points.front().day;
  long long last_day = points.empty() ? 0 : points.back().day;
  // Room at each end for the value written beside the first and last points.
  const double inset = 24;
  auto px = [&](long long day) {
    if (last_day == first_day) return (left + width - right) / 2;
    return left + inset + (width - right - left - 2 * inset) * static_cast<double>(day - first_day) /
                              static_cast<double>(last_day - first_day);
  };
  auto py = [&](double v) { return top + (height - top - bottom) * (1 - v / top_v); };

  std::string svg = open_svg(id, title, description, width, height);
  svg += y_axis_grid(left, width - right, top_v, step, py);
  // Dates under the points, from the first, keeping room for the last; one that would touch
  // its neighbour is left out (the table has every date).
  auto place = [&](size_t i) {
    double w = text_width(points[i].date_label);
    double x = std::clamp(px(points[i].day), w / 2, width - w / 2);
    return std::make_pair(x - w / 2, x + w / 2);
  };
  double drawn_end = -1e9;
  for (size_t i = 0; i < points.size(); ++i) {
    auto [from, to] = place(i);
    if (from < drawn_end + kCharWidth) continue;
    if (i + 1 < points.size() && to + kCharWidth > place(points.size() - 1).first && i > 0) continue;
    svg += text((from + to) / 2, height - 10, points[i].date_label, "chart__axis", "middle");
    drawn_end = to;
  }

  // The legend, one line per entry, so that it fits however narrow the chart is drawn.
  double legend_y = 16;
  svg += "<line x1=\"0\" x2=\"24\" y1=\"" + num(legend_y) + "\" y2=\"" + num(legend_y) +
         "\" class=\"chart__line chart__line--measure\"/><circle cx=\"12\" cy=\"" + num(legend_y) +
         "\" r=\"4\" class=\"chart__point\"/>\n";
  svg += text(30, legend_y + 5, series_label, "chart__legend");
  for (const ReferenceLine& r : references) {
    legend_y += legend_row;
    svg += "<line x1=\"0\" x2=\"24\" y1=\"" + num(legend_y) + "\" y2=\"" + num(legend_y) +
           "\" class=\"chart__ref chart__ref--" + r.key + "\"/>\n";
    svg += text(30, legend_y + 5, r.label, "chart__legend");
  }
  for (const ReferenceLine& r : references)
    svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(width - right) + "\" y1=\"" + num(py(r.value)) +
           "\" y2=\"" + num(py(r.value)) + "\" class=\"chart__ref chart__ref--" + r.key + "\"/>\n";
  if (!points.empty()) {
    std::string line;
    for (size_t i = 0; i < points.size(); ++i)
      line += (i ? " " : "") + num(px(points[i].day)) + "," + num(py(points[i].value));
    if (points.size() > 1) svg += "<polyline points=\"" + line + "\" class=\"chart__line chart__line--measure\"/>\n";
    for (const TimePoint& p : points)
      svg += "<circle cx=\"" + num(px(p.day)) + "\" cy=\"" + num(py(p.value)) + "\" r=\"4\" class=\"chart__point\"/>\n";
    // The first and last values written above their points, kept inside the chart.
    auto value_label = [&](const TimePoint& p) {
      // Value labels are bold, wider than text_width's estimate for ordinary text.
      double w = text_width(p.value_label) * 1.2;
      double x = std::clamp(px(p.day), left + w / 2, width - w / 2);
      double y = std::max(py(p.value) - 10, top - 4);
      svg += text(x, y, p.value_label, "chart__value-label", "middle");
    };
    value_label(points.front());
    if (points.size() > 1) value_label(points.back());
  }
  return svg + "</svg>";
}

}  // namespace scrutiny
