#include "measure_series.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace scrutiny {
namespace {

// A recorded value with where it was written, before the series is checked.
struct Entry {
  MeasurePoint point;
  int line = 0;
};

std::string figure(double v) {
  if (v == 0) v = 0;  // no "-0"
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

std::optional<MeasurePoint> MeasureSeries::value_at(const Date& date) const {
  std::optional<MeasurePoint> found;
  for (const MeasurePoint& p : points)
    if (!(date < p.date)) found = p;
  return found;
}

std::vector<MeasurePoint> MeasureSeries::between(const Date& from, const Date& to) const {
  std::vector<MeasurePoint> out;
  for (const MeasurePoint& p : points)
    if (from < p.date && !(to < p.date)) out.push_back(p);
  return out;
}

std::vector<MeasureSeries> build_measure_series(const std::vector<Document>& documents, const LinkGraph& links,
                                                Diagnostics& diags) {
  std::vector<MeasureSeries> out;
  for (size_t m = 0; m < documents.size(); ++m) {
    if (documents[m].type != DocType::measure) continue;
    std::vector<Entry> entries;
    for (const MeasureValue& v : documents[m].values) entries.push_back({{v.date, v.value, v.note, m}, v.line});
    // Updates in document order, each report in the order written: the same every build.
    for (size_t u : links.referrers(m, Relation::reports_measure)) {
      const Document& update = documents[u];
      for (const MeasureReport& r : update.measure_reports) {
        if (r.measure.id != documents[m].id) continue;
        std::optional<Date> date = r.date ? r.date : update.date;
        if (!date) continue;  // the update's missing date is reported as its own error
        entries.push_back({{*date, r.value, r.note, u}, r.line});
      }
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.point.date < b.point.date; });
    MeasureSeries series;
    series.measure = m;
    const Entry* kept = nullptr;
    for (const Entry& e : entries) {
      if (kept && kept->point.date == e.point.date) {
        if (kept->point.value != e.point.value) {
          const Document& here = documents[e.point.source];
          const Document& there = documents[kept->point.source];
          diags.error(here.display_path, e.line, "",
                      "\"" + documents[m].id + "\" already has the value " + figure(kept->point.value) + " for " +
                          e.point.date.iso() + " (" + there.display_path + " line " + std::to_string(kept->line) +
                          "), and this gives " + figure(e.point.value) +
                          ": a measure has one value per date, so correct one of them or give this one its own date");
        } else if (series.points.back().note.empty()) {
          series.points.back().note = e.point.note;
        }
        continue;
      }
      series.points.push_back(e.point);
      kept = &e;
    }
    out.push_back(std::move(series));
  }
  return out;
}

std::string measure_number_text(double value) { return figure(value); }

std::string measure_value_text(double value, const std::string& unit) {
  std::string n = figure(value);
  if (unit.empty()) return n;
  if (unit == "%") return n + "%";
  return n + " " + unit;
}

std::string measure_trend_words(const Document& measure, const MeasureSeries& series) {
  const auto& pts = series.points;
  auto text = [&](double v) { return measure_value_text(v, measure.unit); };
  const bool lower_better = measure.better == Better::lower;
  std::vector<std::string> parts;
  if (pts.empty()) {
    parts.push_back("No values recorded yet");
  } else if (pts.size() == 1) {
    parts.push_back(text(pts[0].value) + " in " + pts[0].date.month_year() + ", the only value so far");
  } else {
    double first = pts.front().value, last = pts.back().value;
    std::string since = " since " + pts.front().date.month_year();
    if (first == last) {
      parts.push_back("Unchanged at " + text(last) + since);
    } else {
      bool up = last > first;
      bool improved = up != lower_better;
      parts.push_back(std::string(up ? "Up" : "Down") + " from " + text(first) + " to " + text(last) + since + ", " +
                      (improved ? "better" : "worse") + " (" + (lower_better ? "lower" : "higher") + " is better)");
    }
  }
  if (measure.target) {
    std::string t = "target " + text(*measure.target);
    if (measure.target_date) t += " by " + measure.target_date->month_year();
    if (!pts.empty()) {
      double last = pts.back().value;
      bool met = lower_better ? last <= *measure.target : last >= *measure.target;
      t += met ? ", met" : ", not yet met";
    }
    parts.push_back(t);
  }
  for (const Comparator& c : measure.comparators) parts.push_back(c.name + " " + text(c.value));
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out + ".";
}

}  // namespace scrutiny
