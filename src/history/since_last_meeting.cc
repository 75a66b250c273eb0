#include "since_last_meeting.h"

#include <algorithm>

namespace scrutiny {
namespace {

// What the history says of one document as at a date: whether it existed then, and the newest
// revision that can be read (a withdrawn revision is passed over for the readable one before
// it, so nothing of its text is used).
struct AsAt {
  bool existed = false;
  const RevisionFields* document = nullptr;
};

// What every meeting reads of the history, worked out once per build rather than once per
// meeting and document (about 800 meetings by 800 actions in a large portal): each commit's
// date, and how many of each document's revisions are its own (DocumentHistory::own).
struct HistoryDays {
  const HistoryIndex* history = nullptr;  // nothing without git
  const std::vector<DocumentHistory>& histories;
  std::vector<Date> commit_dates;  // parallel to HistoryIndex::commits()
  std::vector<size_t> own;         // parallel to histories

  HistoryDays(const HistoryIndex* h, const std::vector<DocumentHistory>& all) : history(h), histories(all) {
    if (!history) return;
    commit_dates.reserve(history->commits().size());
    for (const CommitInfo& c : history->commits()) commit_dates.push_back(commit_date(c));
    own.reserve(histories.size());
    for (const DocumentHistory& d : histories) own.push_back(d.own());
  }
};

// Only the document's own revisions count (days.own): git follows a copy back into the file it
// was copied from, and those older revisions are that file's, so an action begun as a copy of
// another was not in the plan before it was copied.
AsAt as_at(const HistoryDays& days, size_t document, const Date& day) {
  AsAt out;
  bool newest = true;
  const DocumentHistory& revisions = days.histories[document];
  for (size_t k = 0; k < days.own[document] && k < revisions.revisions.size(); ++k) {
    const DocumentRevision& r = revisions.revisions[k];
    if (days.commit_dates[r.commit] > day) continue;
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

// The milestone titled `title`, or nullptr; of two with one title, the last, as compare_documents
// matches them. A linear search: an action has a handful of milestones, and this runs for each
// of them for every action at every meeting, where building a map by title cost more.
const Milestone* titled(const std::vector<Milestone>& milestones, const std::string& title) {
  for (auto m = milestones.rbegin(); m != milestones.rend(); ++m)
    if (m->title == title) return &*m;
  return nullptr;
}

// `spells`: each action's statuses over time, parallel to portal.documents.
void add_action_changes(const Portal& portal, const HistoryDays& days,
                        const std::vector<std::vector<StatusSpell>>& statuses, SinceLastMeeting& s,
                        std::vector<MeetingChange>& out) {
  for (size_t a : portal.links.in_reading_order(DocType::action)) {
    const Document& now = portal.doc(a);
    const std::vector<StatusSpell>& spells = statuses[a];
    if (!days.history) {
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
    const AsAt before = as_at(days, a, s.since), after = as_at(days, a, s.until);
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
    for (const Milestone& m : after.document->milestones) {
      const Milestone* earlier = titled(before.document->milestones, m.title);
      if (!earlier)
        out.push_back(change(MeetingChangeKind::milestone_added, a, m.title, std::nullopt, m.status, std::nullopt,
                             m.target_date));
      if (m.status == Status::complete && (!earlier || earlier->status != Status::complete))
        out.push_back(change(MeetingChangeKind::milestone_completed, a, m.title,
                             earlier ? std::optional<Status>(earlier->status) : std::nullopt, m.status, std::nullopt,
                             m.completed));
    }
  }
}

// A measure's latest value as the portal stood on `day`: of the values dated on or before it,
// those already recorded then, in the measure as it read that day or by an update compared as
// at that day or before. A figure first reported at this meeting is news to it even when it is
// dated before the previous meeting, as yearly statistics often are.
std::optional<MeasurePoint> measure_value_as_at(const Portal& portal, size_t m, const HistoryDays& days,
                                                const std::vector<std::optional<Date>>& reported_on,
                                                const Date& day) {
  std::optional<MeasurePoint> out;
  auto consider = [&](const MeasurePoint& p) {
    // On the same date the measure's own value stands, as in the merged series.
    if (!(day < p.date) && (!out || out->date < p.date)) out = p;
  };
  const std::vector<MeasureValue>* recorded = &portal.doc(m).values;
  if (days.history && m < days.histories.size()) {
    const RevisionFields* then = as_at(days, m, day).document;
    recorded = then ? &then->values : nullptr;
  }
  if (recorded)
    for (const MeasureValue& v : *recorded) consider({v.date, v.value, v.note, m});
  if (const MeasureSeries* series = portal.measure_series(m))
    for (const MeasurePoint& p : series->points)
      if (p.source != m && reported_on[p.source] && !(day < *reported_on[p.source])) consider(p);
  return out;
}

void add_measure_changes(const Portal& portal, const HistoryDays& days,
                         const std::vector<std::optional<Date>>& reported_on, const SinceLastMeeting& s,
                         std::vector<MeetingChange>& out) {
  for (size_t m : portal.links.in_reading_order(DocType::measure)) {
    auto value_on = [&](const Date& day) { return measure_value_as_at(portal, m, days, reported_on, day); };
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
  const HistoryDays days(history, histories);
  // When each deadline moved and each recommendation was published, looked up once rather than
  // at every meeting.
  std::vector<Date> moved_on;
  if (history)
    for (const MovedDeadline& m : moved) moved_on.push_back(days.commit_dates[m.commit]);
  std::vector<std::pair<size_t, std::optional<Date>>> findings;  // recommendation, its inspection's publication
  for (size_t r : portal.links.in_reading_order(DocType::recommendation))
    if (int inspection = portal.links.find(portal.doc(r).inspection.id); inspection >= 0)
      findings.emplace_back(r, portal.doc(inspection).published);
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
    if (s.previous) s.since = *reported_on[*s.previous];
    out.push_back(std::move(s));
  }
  // Each section's changes in parallel: they read only what was worked out above, and there
  // are as many sections as updates, each going through every action.
  parallel_for(out.size(), [&](size_t k) {
    SinceLastMeeting& s = out[k];
    if (!s.previous) return;
    std::vector<MeetingChange> changes;
    add_action_changes(portal, days, spells, s, changes);
    for (size_t m = 0; m < moved_on.size(); ++m)
      if (s.since < moved_on[m] && moved_on[m] <= s.until)
        changes.push_back(change(MeetingChangeKind::deadline_moved, moved[m].document, moved[m].milestone, std::nullopt,
                                 std::nullopt, moved[m].from, moved[m].to));
    for (const auto& [r, published] : findings)
      if (within(published, s.since, s.until))
        changes.push_back(change(MeetingChangeKind::finding_added, r, "", std::nullopt, std::nullopt, std::nullopt,
                                 published));
    add_measure_changes(portal, days, reported_on, s, changes);
    // Grouped by kind; within a kind the order they were found in (the plan's reading order,
    // or for deadlines the order they moved).
    std::stable_sort(changes.begin(), changes.end(),
                     [](const MeetingChange& a, const MeetingChange& b) { return a.kind < b.kind; });
    // Held through the pages for every update (about 2,000 at national scale), so without
    // the room left by growing: a MeetingChange is about 250 bytes.
    changes.shrink_to_fit();
    s.changes = std::move(changes);
  });
  return out;
}

const SinceLastMeeting* since_last_meeting_of(const std::vector<SinceLastMeeting>& all, size_t update) {
  for (const SinceLastMeeting& s : all)
    if (s.update == update) return &s;
  return nullptr;
}

}  // namespace scrutiny
