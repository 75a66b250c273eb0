#pragma once
// What measure pages show: the chart, table and trend of a measure, the measures list, and the
// measures listed on the pages they evidence and the updates that report them.

#include <string>
#include <vector>

#include "page_views.h"
#include "portal.h"

namespace scrutiny {

// The measure-specific part of documents[i]'s page (a measure), linking from page `from`.
void measure_view(const Portal& portal, size_t i, ViewData& v, const std::string& from);

// The measures that evidence documents[i] (a theme, action or finding), each with its latest value.
std::vector<ViewData> measures_evidencing(const Portal& portal, size_t i, const std::string& from);

// The measure values that documents[u], an update, reports.
std::vector<ViewData> measures_reported(const Portal& portal, size_t u, const std::string& from);

}  // namespace scrutiny
