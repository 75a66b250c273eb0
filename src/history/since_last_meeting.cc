#include "since_last_meeting.h"

#include <algorithm>
#include <map>

namespace scrutiny {
namespace {

// What the history says of one document as at a date: whether it existed then, and the newest
// revision that can be read (a withdrawn revision is passed over for the readable one before
// it, so nothing of its text is used).
struct AsAt {
  bool existed = false;
  const Document* document = nullptr;
};

// `own`: how many of the revisions (newest first) are the document's own. git follows a copy
// back into the file it was copied from, and those older revisions are that file's, so an
// action begun as a copy of another was not in the plan before it was copied.
AsAt as_at(const HistoryIndex& history, const DocumentHistory& revisions, size_t own, const Date& day) {
  AsAt out;
  bool newest = true;
  for (size_t k = 0; k < own && k < revisions.revisions.size(); ++k) {
    const DocumentRevision& r = revisions.revisions[k];
    if (commit_date(history.commits()[r.commit]) > day) continue;
    if (newest) {
      out.existed = !r.blob.empty();
      newest = false;
      if (!out.existed) return out;
    }
    if (r.blob.empty()) return out;  // deleted before: nothing readable in between
    if (r.document) {
      out.document = &*r.document;
      return out;
    }
  }
  return out;
}

std::optional<Status> status_on(const std::vector<StatusSpell>& spells, const Date& day) {
  std::optional<Status> out;
  for (const StatusSpell& s : spells)
    if (s.since <= day) out = s.status;
  return out;
}

// Without history, an action's statuses come from the updates' reports alone.
std::vector<StatusSpell> reported_statuses(const Portal& portal, size_t action) {
  std::vector<StatusSpell> out;
  for (size_t u : portal.links.referrers(action, Relation::reports_status)) {
    const Document& update = portal.doc(u);
    for (const StatusReport& s : update.statuses)
      if (s.action.id == portal.doc(action).id && update.date) out.push_back({*update.date, s.status, u, true});
  }
  std::stable_sort(out.begin(), out.end(), [](const StatusSpell& a, const StatusSpell& b) { return a.since < b.since; });
  return out;
}

// A change, its fields in MeetingChange's order; a measure's values are set after.
MeetingChange change(MeetingChangeKind kind, size_t document, const std::string& milestone, std::optional<Status> from,
                     std::optional<Status> to, std::optional<Date> from_date, std::optional<Date> to_date) {
  MeetingChange c;  // assigned field by field: -Wmissing-field-initializers counts defaulted ones
  c.kind = kind;
  c.document = document;
  c.milestone = milestone;
  c.from = from;
  c.to = to;
  c.from_date = from_date;
  c.to_date = to_date;
  return c;
}

bool within(const std::optional<Date>& d, const Date& since, const Date& until) {
  return d && since < *d && *d <= until;
}

// The day an update is compared as at: its meeting, or the day it was first committed when
// that is later, so that what was committed with it counts as reported to that meeting. Its
// first revision dated as it is now: an update begun as a copy of the last one has that one's
// revisions before it (git follows copies).
Date compared_as_at(const Portal& portal, size_t u, const HistoryIndex* history,
                    const std::vector<DocumentHistory>& histories) {
  Date day = *portal.doc(u).date;
  if (!history || u >= histories.size()) return day;
  const auto& revisions = histories[u].revisions;
  for (auto r = revisions.rbegin(); r != revisions.rend(); ++r)  // oldest first
    if (r->document && r->document->date == day)
      return std::max(day, commit_date(history->commits()[r->commit]));
  return day;
}

// `spells`: each action's statuses over time, parallel to portal.documents.
void add_action_changes(const Portal& portal, const HistoryIndex* history,
                        const std::vector<DocumentHistory>& histories,
                        const std::vector<std::vector<StatusSpell>>& statuses, SinceLastMeeting& s,
                        std::vector<MeetingChange>& out) {
  for (size_t a : portal.links.in_reading_order(DocType::action)) {
    const Document& now = portal.doc(a);
    const std::vector<StatusSpell>& spells = statuses[a];
    if (!history) {
      std::optional<Status> from = status_on(spells, s.since), to = status_on(spells, s.until);
      bool completed = false;
      if (from && to && from != to) {
        completed = to == Status::complete;
        out.push_back(change(completed ? MeetingChangeKind::action_completed : MeetingChangeKind::status_changed, a, "",
                             from, to, std::nullopt, completed ? now.completed : std::nullopt));
      }
      if (!completed && now.status == Status::complete && within(now.completed, s.since, s.until))
        out.push_back(change(MeetingChangeKind::action_completed, a, "", from, Status::complete, std::nullopt, now.completed));
      for (const Milestone& m : now.milestones)
        if (m.status == Status::complete && within(m.completed, s.since, s.until))
          out.push_back(change(MeetingChangeKind::milestone_completed, a, m.title, std::nullopt, Status::complete,
                               std::nullopt, m.completed));
      continue;
    }
    const size_t own = histories[a].own();
    const AsAt before = as_at(*history, histories[a], own, s.since), after = as_at(*history, histories[a], own, s.until);
    if (!after.existed) continue;
    std::optional<Status> to = status_on(spells, s.until);
    if (!before.existed) {
      out.push_back(change(MeetingChangeKind::action_added, a, "", std::nullopt, to, std::nullopt, std::nullopt));
      continue;
    }
    std::optional<Status> from = status_on(spells, s.since);
    if (from && to && from != to) {
      const bool completed = to == Status::complete;
      std::optional<Date> when = after.document ? after.document->completed : now.completed;
      out.push_back(change(completed ? MeetingChangeKind::action_completed : MeetingChangeKind::status_changed, a, "", from,
                           to, std::nullopt, completed ? when : std::nullopt));
    }
    if (!before.document || !after.document) continue;
    std::map<std::string, const Milestone*> earlier;
    for (const Milestone& m : before.document->milestones) earlier[m.title] = &m;
    for (const Milestone& m : after.document->milestones) {
      auto it = earlier.find(m.title);
      if (it == earlier.end())
        out.push_back(change(MeetingChangeKind::milestone_added, a, m.title, std::nullopt, m.status, std::nullopt,
                             m.target_date));
      if (m.status == Status::complete && (it == earlier.end() || it->second->status != Status::complete))
        out.push_back(change(MeetingChangeKind::milestone_completed, a, m.title,
                             it == earlier.end() ? std::nullopt : std::optional<Status>(it->second->status), m.status,
                             std::nullopt, m.completed));
    }
  }
}

// A measure's latest value as the portal stood on `day`: of the values dated on or before it,
// those already recorded then, in the measure as it read that day or by an update compared as
// at that day or before. A figure first reported at this meeting is news to it even when it is
// dated before the previous meeting, as yearly statistics often are.
std::optional<MeasurePoint> measure_value_as_at(const Portal& portal, size_t m, const HistoryIndex* history,
                                                const std::vector<DocumentHistory>& histories, size_t own,
                                                const std::vector<std::optional<Date>>& reported_on,
                                                const Date& day) {
  std::optional<MeasurePoint> out;
  auto consider = [&](const MeasurePoint& p) {
    // On the same date the measure's own value stands, as in the merged series.
    if (!(day < p.date) && (!out || out->date < p.date)) out = p;
  };
  const Document* recorded = &portal.doc(m);
  if (history && m < histories.size()) recorded = as_at(*history, histories[m], own, day).document;
  if (recorded)
    for (const MeasureValue& v : recorded->values) consider({v.date, v.value, v.note, m});
  if (const MeasureSeries* series = portal.measure_series(m))
    for (const MeasurePoint& p : series->points)
      if (p.source != m && reported_on[p.source] && !(day < *reported_on[p.source])) consider(p);
  return out;
}

void add_measure_changes(const Portal& portal, const HistoryIndex* history,
                         const std::vector<DocumentHistory>& histories,
                         const std::vector<std::optional<Date>>& reported_on, const SinceLastMeeting& s,
                         std::vector<MeetingChange>& out) {
  for (size_t m : portal.links.in_reading_order(DocType::measure)) {
    const size_t own = !history || m >= histories.size() ? 0 : histories[m].own();
    auto value_on = [&](const Date& day) {
      return measure_value_as_at(portal, m, history, histories, own, reported_on, day);
    };
    const std::optional<MeasurePoint> before = value_on(s.since), after = value_on(s.until);
    if (!after || (before && before->value == after->value)) continue;
    MeetingChange c =
        change(MeetingChangeKind::measure_moved, m, "", std::nullopt, std::nullopt, std::nullopt, std::nullopt);
    c.from_value = before;
    c.to_value = after;
    if (before) c.improved = (after->value > before->value) == (portal.doc(m).better == Better::higher);
    out.push_back(std::move(c));
  }
}

}  // namespace

size_t SinceLastMeeting::count(MeetingChangeKind kind) const {
  return static_cast<size_t>(std::count_if(changes.begin(), changes.end(), [&](const MeetingChange& c) { return c.kind == kind; }));
}

std::vector<SinceLastMeeting> since_last_meetings(const Portal& portal, const HistoryIndex* history,
                                                  const std::vector<DocumentHistory>& histories,
                                                  const std::vector<std::vector<StatusSpell>>& statuses,
                                                  const std::vector<MovedDeadline>& moved) {
  if (history && !history->available()) history = nullptr;
  // Each action's statuses over time, once, not once per meeting: from the history, or without
  // it from the updates' reports alone.
  std::vector<std::vector<StatusSpell>> reported;
  if (!history) {
    reported.resize(portal.documents.size());
    for (size_t a : portal.links.in_reading_order(DocType::action)) reported[a] = reported_statuses(portal, a);
  }
  const std::vector<std::vector<StatusSpell>>& spells = history ? statuses : reported;
  std::vector<SinceLastMeeting> out;
  const std::vector<size_t>& updates = portal.links.in_reading_order(DocType::update);  // newest first
  // The day each dated update's measure values count from: the day it is compared as at.
  std::vector<std::optional<Date>> reported_on(portal.documents.size());
  for (size_t u : updates)
    if (portal.doc(u).date) reported_on[u] = compared_as_at(portal, u, history, histories);
  for (auto it = updates.begin(); it != updates.end(); ++it) {
    const Document& u = portal.doc(*it);
    if (!u.date) continue;
    SinceLastMeeting s;
    s.update = *it;
    s.from_model_only = history == nullptr;
    s.until = *reported_on[*it];
    // The previous update to the same body: the next older dated one with the same meeting.
    for (auto older = it + 1; older != updates.end(); ++older)
      if (portal.doc(*older).date && portal.doc(*older).meeting == u.meeting && *portal.doc(*older).date < *u.date) {
        s.previous = *older;
        break;
      }
    if (!s.previous) {
      out.push_back(std::move(s));
      continue;
    }
    s.since = *reported_on[*s.previous];

    std::vector<MeetingChange> changes;
    add_action_changes(portal, history, histories, spells, s, changes);
    if (history)
      for (const MovedDeadline& m : moved) {
        Date when = commit_date(history->commits()[m.commit]);
        if (s.since < when && when <= s.until)
          changes.push_back(change(MeetingChangeKind::deadline_moved, m.document, m.milestone, std::nullopt, std::nullopt,
                                   m.from, m.to));
      }
    for (size_t r : portal.links.in_reading_order(DocType::recommendation)) {
      int inspection = portal.links.find(portal.doc(r).inspection.id);
      if (inspection >= 0 && within(portal.doc(inspection).published, s.since, s.until))
        changes.push_back(change(MeetingChangeKind::finding_added, r, "", std::nullopt, std::nullopt, std::nullopt,
                                 portal.doc(inspection).published));
    }
    add_measure_changes(portal, history, histories, reported_on, s, changes);
    // Grouped by kind; within a kind the order they were found in (the plan's reading order,
    // or for deadlines the order they moved).
    std::stable_sort(changes.begin(), changes.end(),
                     [](const MeetingChange& a, const MeetingChange& b) { return a.kind < b.kind; });
    s.changes = std::move(changes);
    out.push_back(std::move(s));
  }
  return out;
}

const SinceLastMeeting* since_last_meeting_of(const std::vector<SinceLastMeeting>& all, size_t update) {
  for (const SinceLastMeeting& s : all)
    if (s.update == update) return &s;
  return nullptr;
}

}  // namespace scrutiny
