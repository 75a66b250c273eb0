#pragma once
// Pages that answer "is the council doing what it promised, on time?": the programme
// timeline, charts of progress, overdue work, and action and milestone lists narrowed by
// status, theme, owner and overdue.

#include <vector>

#include "history_pages.h"
#include "page_views.h"
#include "portal.h"
#include "timeline.h"

namespace scrutiny {

// Adds the timeline of a recommendation or action to its page.
void add_timeline_to_document_page(const Portal& portal, const SiteHistory& history, size_t doc, PageView& page);

// Timeline events as view data, links relative to `from`.
ViewData timeline_view(const Portal& portal, const std::vector<TimelineEvent>& events, const std::string& from);

}  // namespace scrutiny
