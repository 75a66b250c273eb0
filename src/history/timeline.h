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
// Inspections, plan versions, updates, actions completed, milestones due and met across the
// programme, and actions' target dates moved (`moved`, dated by the commit that moved them in
// `history`; none without history).
std::vector<TimelineEvent> programme_timeline(const Portal& portal, const HistoryIndex* history = nullptr,
                                              const std::vector<MovedDeadline>& moved = {});

// Whether readers look for this event first: an inspection, a plan or version of it, an update,
// an action completed or its target moved. Milestones falling due and met are detail.
bool is_key_event(const TimelineEvent& e);

}  // namespace scrutiny
