#pragma once
// Each measure's values as one dated series: those recorded in the measure and those its
// updates report, merged and checked once when the portal loads.

#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "diagnostic.h"
#include "document.h"
#include "link_graph.h"

namespace scrutiny {

// One value of a measure on one date, with where it was recorded.
struct MeasurePoint {
  Date date;
  double value = 0;
  std::string note;
  size_t source = 0;  // the document recording it: the measure itself or an update
};

// A measure's values, oldest first, one per date.
struct MeasureSeries {
  size_t measure = 0;
  std::vector<MeasurePoint> points;

  // The latest value on or before `date`, for "where did it stand at that meeting".
  std::optional<MeasurePoint> value_at(const Date& date) const;
  // The values dated after `from` and on or before `to`.
  std::vector<MeasurePoint> between(const Date& from, const Date& to) const;
};

// Every measure's series, in document order. A date given twice with different values, or a
// report dated where neither it nor its update has a date, is an error at file:line.
std::vector<MeasureSeries> build_measure_series(const std::vector<Document>& documents, const LinkGraph& links,
                                                Diagnostics& diags);

// A value as its author wrote it, shortest form: 24, 51.3.
std::string measure_number_text(double value);

// A measure's value as readers read it, with its unit: "24%", "386 days", "45 per 10,000 children".
std::string measure_value_text(double value, const std::string& unit);

// The trend in words: "Down from 31% to 24% since March 2023, an improvement (lower is better);
// target 20% by March 2025; England 17%."
std::string measure_trend_words(const Document& measure, const MeasureSeries& series);

}  // namespace scrutiny
