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

}  // namespace

std::string stacked_bar_chart(const std::string& id, const std::string& title, const std::string& description,
                              const std::vector<BarRow>& rows) {
  const double width = 640, bar_h = 24, label_h = 20, row_h = bar_h + label_h + 12, legend_h = 36;
  double max_total = 1;
  for (const BarRow& r : rows) {
    double total = 0;
    for (const BarSegment& s : r.segments) total += s.value;
    max_total = std::max(max_total, total);
  }
  const double height = legend_h + row_h * rows.size();
  std::string svg = open_svg(id, title, description, width, height);

  // Legend from the first row's segment order.
  if (!rows.empty()) {
    double x = 0;
    for (const BarSegment& s : rows.front().segments) {
      svg += "<rect x=\"" + num(x) + "\" y=\"8\" width=\"16\" height=\"16\" class=\"chart__seg chart__seg--" + s.key + "\"/>\n";
      svg += text(x + 22, 21, s.label, "chart__legend");
      x += 22 + 9.5 * s.label.size() + 18;
    }
  }
  double y = legend_h;
  for (const BarRow& r : rows) {
    svg += text(0, y + 15, r.label, "chart__label");
    double row_total = 0;
    for (const BarSegment& s : r.segments) row_total += s.value;
    if (row_total <= 0) svg += text(0, y + label_h + 17, "None", "chart__empty");
    double x = 0;
    for (const BarSegment& s : r.segments) {
      if (s.value <= 0) continue;
      double w = s.value / max_total * width;
      svg += "<rect x=\"" + num(x) + "\" y=\"" + num(y + label_h) + "\" width=\"" + num(w) + "\" height=\"" +
             num(bar_h) + "\" class=\"chart__seg chart__seg--" + s.key + "\"/>\n";
      if (w >= 22) svg += text(x + w / 2, y + label_h + 17, num(s.value), "chart__value chart__value--" + s.key, "middle");
      x += w;
    }
    y += row_h;
  }
  return svg + "</svg>";
}

std::string line_chart(const std::string& id, const std::string& title, const std::string& description,
                       const std::vector<std::string>& x_labels, const std::vector<ChartSeries>& series,
                       size_t label_every) {
  const double width = 640, height = 300, left = 44, right = 12, top = 40, bottom = 36;
  double max_v = 1;
  for (const ChartSeries& s : series)
    for (double v : s.values) max_v = std::max(max_v, v);
  // A round top for the y axis.
  double step = std::pow(10, std::floor(std::log10(max_v)));
  if (max_v / step < 2) step /= 5;
  else if (max_v / step < 5) step /= 2;
  double top_v = std::ceil(max_v / step) * step;
  const size_t n = x_labels.size();
  auto px = [&](size_t i) { return left + (n <= 1 ? 0 : (width - left - right) * i / (n - 1)); };
  auto py = [&](double v) { return top + (height - top - bottom) * (1 - v / top_v); };

  std::string svg = open_svg(id, title, description, width, height);
  for (double v = 0; v <= top_v + 1e-9; v += step) {
    svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(width - right) + "\" y1=\"" + num(py(v)) + "\" y2=\"" +
           num(py(v)) + "\" class=\"chart__grid\"/>\n";
    svg += text(left - 6, py(v) + 5, num(v), "chart__axis", "end");
  }
  for (size_t i = 0; i < n; i += std::max<size_t>(1, label_every))
    svg += text(px(i), height - 12, x_labels[i], "chart__axis", "middle");
  double legend_x = left;
  for (const ChartSeries& s : series) {
    svg += "<line x1=\"" + num(legend_x) + "\" x2=\"" + num(legend_x + 24) + "\" y1=\"16\" y2=\"16\" class=\"chart__line chart__line--" + s.key + "\"/>\n";
    svg += text(legend_x + 30, 21, s.label, "chart__legend");
    legend_x += 30 + 9.5 * s.label.size() + 24;
    std::string points;
    for (size_t i = 0; i < s.values.size() && i < n; ++i)
      points += (i ? " " : "") + num(px(i)) + "," + num(py(s.values[i]));
    svg += "<polyline points=\"" + points + "\" class=\"chart__line chart__line--" + s.key + "\"/>\n";
  }
  return svg + "</svg>";
}

}  // namespace scrutiny
