#pragma once
// Dated events drawn from the content model (and history), for timelines readers can follow.

#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "document_history.h"
#include "portal.h"

namespace scrutiny {

// One dated thing that happened, or is due to happen.
struct TimelineEvent {
  Date date;
  std::string kind;          // "inspection", "action-start", "milestone-due", ... (a CSS hook)
  std::string label;         // "Milestone completed", in words
  std::string text;          // what: a title
  int document = -1;         // the document the event links to, if any
  std::string note;          // e.g. "target date 31 March 2017"
  std::optional<Status> status;
};

// The inspection that made it, the actions that answer it starting and finishing, their
// milestones falling due and met, updates reporting on it, later inspections that mention it.
std::vector<TimelineEvent> recommendation_timeline(const Portal& portal, size_t recommendation);
// Start, milestones due and met, status changes over time, target and completion.
std::vector<TimelineEvent> action_timeline(const Portal& portal, size_t action,
                                           const std::vector<StatusSpell>& statuses);
// Inspections, plan versions, updates and milestones due and met across the programme.
std::vector<TimelineEvent> programme_timeline(const Portal& portal);

}  // namespace scrutiny
