#include "measure_pages.h"

#include "page_kinds.h"
#include "site_path.h"
#include "svg_chart.h"

namespace scrutiny {
namespace {

const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "Mar 2023": short enough that several fit under a phone-wide chart.
std::string short_month(const Date& d) {
  return std::string(d.month >= 1 && d.month <= 12 ? kMonths[d.month - 1] : "") + " " + std::to_string(d.year);
}

// The latest value of a measure, for lists: "24% (March 2024)"; empty when it has none.
void set_latest(ViewData& item, const Portal& portal, size_t m) {
  const MeasureSeries* s = portal.measure_series(m);
  if (s && !s->points.empty()) {
    item.set("latest_value", measure_value_text(s->points.back().value, portal.doc(m).unit));
    item.set("latest_date", date_view(s->points.back().date));
  }
  default_false(item, {"latest_value", "latest_date"});
}

PageView measures_list_page(const Portal& portal) {
  PageView page;
  page.path = kMeasuresListKind.place->path;
  page.title = kMeasuresListKind.place->label;
  page.breadcrumbs = {crumb_of(kHomeKind), {page.title, ""}};
  std::vector<ViewData> rows;
  for (size_t m : portal.links.in_reading_order(DocType::measure)) {
    ViewData item = link_view(portal, m, page.path);
    set_latest(item, portal, m);
    const MeasureSeries* s = portal.measure_series(m);
    item.set("trend", s ? measure_trend_words(portal.doc(m), *s) : std::string());
    rows.push_back(std::move(item));
  }
  page.view.set("title", page.title);
  page.view.set("has_measures", !rows.empty());
  page.view.set("measures", list_of(std::move(rows)));
  page.view.set("csv_href", relative_href(page.path, "data/measures.csv"));
  return page;
}

}  // namespace

void measure_view(const Portal& portal, size_t i, ViewData& v, const std::string& from) {
  const Document& d = portal.doc(i);
  const MeasureSeries* series = portal.measure_series(i);
  static const MeasureSeries kNone;
  const MeasureSeries& s = series ? *series : kNone;
  auto text = [&](double value) { return measure_value_text(value, d.unit); };
  v.set("unit", d.unit);
  v.set("better_words", d.better == Better::lower ? "A lower figure is better" : "A higher figure is better");
  if (d.target) {
    v.set("target", text(*d.target));
    if (d.target_date) v.set("target_date", date_view(*d.target_date));
  }
  if (!d.source.empty()) v.set("source", d.source);
  const std::string trend = measure_trend_words(d, s);
  v.set("trend", trend);

  std::vector<ViewData> rows;
  std::vector<TimePoint> points;
  for (const MeasurePoint& p : s.points) {
    ViewData row;
    row.set("date", date_view(p.date));
    row.set("value", text(p.value));
    row.set("note", p.note);
    if (p.source != i) row.set("reported_in", link_view(portal, p.source, from));
    row.set("note_then_source", p.source != i && !p.note.empty());
    default_false(row, {"reported_in"});
    rows.push_back(std::move(row));
    points.push_back({p.date.days_since_epoch(), p.value, text(p.value), short_month(p.date)});
  }
  v.set("has_values", !rows.empty());
  v.set("values", list_of(std::move(rows)));

  std::vector<ViewData> comparators;
  std::vector<ReferenceLine> references;
  if (d.target) references.push_back({"target", "Target " + text(*d.target), *d.target});
  int n = 0;
  for (const Comparator& c : d.comparators) {
    ViewData row;
    row.set("name", c.name);
    row.set("value", text(c.value));
    if (c.date) row.set("date", date_view(*c.date));
    default_false(row, {"date"});
    comparators.push_back(std::move(row));
    // Three dash patterns: comparators beyond the third share one, but the legend names each.
    references.push_back({"comparator-" + std::to_string(std::min(++n, 3)), c.name + " " + text(c.value), c.value});
  }
  v.set("has_comparators", !comparators.empty());
  v.set("comparators", list_of(std::move(comparators)));
  if (!points.empty())
    v.set("chart", time_chart("chart-measure", d.title, trend + " Every value is also in the table below.",
                              "Recorded values (" + (d.unit.empty() ? std::string("number") : d.unit) + ")", points,
                              references));
  v.set("csv_href", relative_href(from, "data/measures.csv"));

  std::vector<ViewData> evidenced;
  for (size_t e : portal.links.references(i, Relation::evidences)) {
    ViewData item = link_view(portal, e, from);
    const Document& t = portal.doc(e);
    item.set("type_label", t.type == DocType::recommendation ? "Finding" : t.type == DocType::theme ? "Theme" : "Action");
    evidenced.push_back(std::move(item));
  }
  v.set("has_evidences", !evidenced.empty());
  v.set("evidences", list_of(std::move(evidenced)));
}

std::vector<ViewData> measures_evidencing(const Portal& portal, size_t i, const std::string& from) {
  std::vector<ViewData> out;
  for (size_t m : portal.links.referrers(i, Relation::evidences)) {
    ViewData item = link_view(portal, m, from);
    set_latest(item, portal, m);
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<ViewData> measures_reported(const Portal& portal, size_t u, const std::string& from) {
  std::vector<ViewData> out;
  const Document& update = portal.doc(u);
  for (const MeasureReport& r : update.measure_reports) {
    int m = portal.links.find(r.measure.id);
    if (m < 0 || portal.doc(m).type != DocType::measure) continue;
    ViewData item = link_view(portal, m, from);
    item.set("value", measure_value_text(r.value, portal.doc(m).unit));
    if (auto date = r.date ? r.date : update.date) item.set("value_date", date_view(*date));
    item.set("note", r.note);
    default_false(item, {"value_date"});
    out.push_back(std::move(item));
  }
  return out;
}

// Written, and in the navigation, only for a portal with measures: otherwise measures/ is left
// to documents, like any folder the generator does not write.
const PageKind kMeasuresListKind{
    "measures", "measures", "measures", PagePlace{"Measures", "measures/index.html", 4}, false,
    [](const BuildModel&) { return single_route(kMeasuresListKind.place->path); },
    [](const BuildModel& m, const Route&) { return measures_list_page(m.portal); },
    true,
    [](const BuildModel& m) { return !m.portal.measures.empty(); }};

}  // namespace scrutiny
