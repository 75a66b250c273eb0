#pragma once
// What changed in the plan between one progress update and the previous update to the same
// body (board or committee): worked out once per build from the history and the model as they
// stood at each meeting, for update pages, the home page and the updates feed.

#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "document_history.h"
#include "history_index.h"
#include "measure_series.h"
#include "portal.h"

namespace scrutiny {

// The kinds of change a reader is told about, in the order the page lists them. A new kind is
// one more case here and in the views.
enum class MeetingChangeKind {
  status_changed,       // an action's status, from and to (not to Complete: see action_completed)
  action_completed,     // an action whose status became Complete, from what it was
  milestone_completed,  // a milestone that became complete
  deadline_moved,       // an action's or milestone's target date, from and to
  action_added,         // an action that was not in the plan at the previous meeting
  milestone_added,      // a milestone added to an action that was already in the plan
  finding_added,        // a recommendation or area for improvement from an inspection published in between
  measure_moved,        // a measure whose latest value is not the one it had at the previous meeting, or its first
};

// One change between two meetings.
struct MeetingChange {
  MeetingChangeKind kind = MeetingChangeKind::status_changed;
  size_t document = 0;                 // the action, or the finding (recommendation)
  std::string milestone;               // the milestone's title, for milestone changes
  std::optional<Status> from, to;      // statuses; `to` also for an action added
  std::optional<Date> from_date, to_date;  // a moved deadline; to_date: a completion's date when known
  int days() const { return from_date && to_date ? days_between(*from_date, *to_date) : 0; }
  // A measure that moved: its latest value as the previous meeting saw it (nothing: this is its
  // first) and as this one does; whether that is better, given the measure's `better`.
  std::optional<MeasurePoint> from_value, to_value;
  std::optional<bool> improved;  // nothing for a first value
};

// One update's "since the last meeting": its previous update to the same body and what changed.
struct SinceLastMeeting {
  size_t update = 0;                // index into Portal::documents
  std::optional<size_t> previous;   // nothing: the first update to this body
  // The span compared, after `since` up to and including `until`: each meeting's date, or the
  // day the update was published in the history when that is later (the changes it reports are
  // often committed with it, days after the meeting).
  Date since, until;
  // Built without history (--no-history): only what the model alone gives (statuses from the
  // updates' reports, completion dates, findings); no deadlines moved, nothing added.
  bool from_model_only = false;
  std::vector<MeetingChange> changes;  // by kind, then in the plan's reading order

  size_t count(MeetingChangeKind kind) const;
};

// Every dated update's section, newest update first (the updates' reading order). `history` is
// nothing without git; `histories`, `statuses` (status_histories) and `moved` are then empty.
std::vector<SinceLastMeeting> since_last_meetings(const Portal& portal, const HistoryIndex* history,
                                                  const std::vector<DocumentHistory>& histories,
                                                  const std::vector<std::vector<StatusSpell>>& statuses,
                                                  const std::vector<MovedDeadline>& moved);

// The section of update `update`, or nullptr (an update without a date has none).
const SinceLastMeeting* since_last_meeting_of(const std::vector<SinceLastMeeting>& all, size_t update);

}  // namespace scrutiny
