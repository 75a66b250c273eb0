#pragma once
// Content that contradicts itself: reported as warnings with what to do, while the pages follow
// one rule (an action's own file gives its status).

#include <optional>
#include <vector>

#include "diagnostic.h"
#include "document.h"
#include "link_graph.h"

namespace scrutiny {

// An update's report of one action's status: documents[update].statuses[report].
struct StatusReportAt {
  size_t update = 0;
  size_t report = 0;
};

// The latest update's report on `action` (by meeting date, then path), if any update reports it.
std::optional<StatusReportAt> latest_status_report(const std::vector<Document>& documents, const LinkGraph& links,
                                                   size_t action);

// True when that report disagrees with the action's file, and the file did not simply move on:
// an action completed after the meeting agrees with any earlier report.
bool contradicts_action_file(const Document& action, const Document& update, const StatusReport& report);

// Warns of contradictions within the content alone: the latest update reporting an action's status
// differently from its file, an inspection that started after every version of the plan that
// answers it, a milestone or action completed before the action started.
void check_contradictions(const std::vector<Document>& documents, const LinkGraph& links, Diagnostics& diags);

// Warns of actions and milestones completed after `as_at`, the date the site stands at.
void check_completed_dates(const std::vector<Document>& documents, const Date& as_at, Diagnostics& diags);

}  // namespace scrutiny
