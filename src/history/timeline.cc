#include "timeline.h"

#include <algorithm>

#include "counted_noun.h"

namespace scrutiny {
namespace {

// A review by others (a peer review), which readers are not to take for an Ofsted inspection.
bool is_review(const Portal& portal, const Document& d) {
  const InspectionKind* k = portal.config.vocabulary.inspection_kind(d.kind);
  return k && k->review;
}

void add(std::vector<TimelineEvent>& out, const std::optional<Date>& date, std::string kind, std::string label,
         std::string text, int document, std::string note = "", std::optional<Status> status = std::nullopt) {
  if (date) out.push_back({*date, std::move(kind), std::move(label), std::move(text), document, std::move(note), status});
}

void sort_events(std::vector<TimelineEvent>& events) {
  std::stable_sort(events.begin(), events.end(),
                   [](const TimelineEvent& a, const TimelineEvent& b) { return a.date < b.date; });
}

void milestone_events(std::vector<TimelineEvent>& out, const Document& action, int doc) {
  for (const Milestone& m : action.milestones) {
    // A milestone met on time needs one event; one met late or not yet met shows its due date too.
    if (!m.completed || *m.completed > m.target_date)
      add(out, m.target_date, "milestone-due", "Milestone due", m.title, doc,
          m.completed ? "met late" : std::string(status_label(m.status)), m.status);
    add(out, m.completed, "milestone-met", "Milestone completed", m.title, doc,
        m.completed && *m.completed <= m.target_date ? "due " + m.target_date.long_form() : "");
  }
}

void action_events(std::vector<TimelineEvent>& out, const Document& a, int doc, bool with_milestones) {
  add(out, a.start_date, "action-start", "Action starts", a.title, doc);
  add(out, a.target_date, "action-due", "Action due", a.title, doc);
  add(out, a.completed, "action-complete", "Action completed", a.title, doc);
  if (with_milestones) milestone_events(out, a, doc);
}

}  // namespace

std::vector<TimelineEvent> recommendation_timeline(const Portal& portal, size_t r) {
  std::vector<TimelineEvent> out;
  const Document& rec = portal.doc(r);
  int insp = portal.links.find(rec.inspection.id);
  std::optional<Date> made;
  if (insp >= 0) {
    made = portal.doc(insp).published;
    add(out, made, "inspection", is_review(portal, portal.doc(insp)) ? "Review report published" : "Inspection report published",
        portal.doc(insp).title, insp,
        "made this " + std::string(rec.kind == "recommendation" ? "recommendation" : "finding"));
  }
  // In document order, which orders events on the same date (sort_events is stable).
  std::vector<size_t> actions = portal.links.referrers(r, Relation::answers);
  std::sort(actions.begin(), actions.end());
  for (size_t a : actions) action_events(out, portal.doc(a), static_cast<int>(a), true);
  for (size_t u : portal.links.referrers(r, DocType::update))
    add(out, portal.doc(u).date, "update", "Progress reported", portal.doc(u).title, static_cast<int>(u),
        portal.doc(u).meeting);
  // A later inspection that refers to this recommendation looked at it again.
  for (size_t i : portal.links.referrers(r, DocType::inspection))
    if (static_cast<int>(i) != insp && (!made || portal.doc(i).published > made))
      add(out, portal.doc(i).published, "inspection", "Inspected again", portal.doc(i).title, static_cast<int>(i));
  sort_events(out);
  return out;
}

std::vector<TimelineEvent> action_timeline(const Portal& portal, size_t a, const std::vector<StatusSpell>& statuses) {
  std::vector<TimelineEvent> out;
  const Document& action = portal.doc(a);
  add(out, action.start_date, "action-start", "Work starts", action.title, -1);
  add(out, action.target_date, "action-due", "Target date", action.title, -1);
  add(out, action.completed, "action-complete", "Completed", action.title, -1);
  milestone_events(out, action, -1);
  for (const StatusSpell& s : statuses)
    add(out, s.since, "status", "Status", std::string(status_label(s.status)),
        s.from_update ? static_cast<int>(s.source) : -1, s.from_update ? "as reported to " + portal.doc(s.source).meeting : "",
        s.status);
  sort_events(out);
  return out;
}

std::vector<TimelineEvent> programme_timeline(const Portal& portal, const HistoryIndex* history,
                                              const std::vector<MovedDeadline>& moved) {
  std::vector<TimelineEvent> out;
  for (size_t i = 0; i < portal.documents.size(); ++i) {
    const Document& d = portal.doc(i);
    int doc = static_cast<int>(i);
    switch (d.type) {
      case DocType::inspection:
        add(out, d.start_date, "inspection", is_review(portal, d) ? "Reviewers on site" : "Inspectors on site", d.title, doc);
        add(out, d.published, "inspection", is_review(portal, d) ? "Review report published" : "Inspection report published",
            d.title, doc,
            d.overall_judgement ? std::string(judgement_label(*d.overall_judgement)) : "");
        break;
      case DocType::plan:
        add(out, d.approved, "plan", "Plan approved", d.title, doc);
        for (const PlanVersion& v : d.versions) add(out, v.date, "plan", "Plan version " + v.version, d.title, doc, v.note);
        break;
      case DocType::update:
        add(out, d.date, "update", d.meeting, d.title, doc);
        break;
      case DocType::action:
        milestone_events(out, d, doc);
        add(out, d.completed, "action-complete", "Action completed", d.title, doc);
        break;
      default:
        break;
    }
  }
  if (history)
    for (const MovedDeadline& m : moved) {
      if (!m.milestone.empty()) continue;  // a milestone's move is detail, shown on its action's page
      int days = m.days();
      std::string by = counted_noun(static_cast<size_t>(days < 0 ? -days : days), "day", "days");
      add(out, commit_date(history->commits()[m.commit]), "action-moved", "Action target date moved",
          portal.doc(m.document).title, static_cast<int>(m.document),
          "from " + m.from.long_form() + " to " + m.to.long_form() + ", " + (days < 0 ? "earlier by " : "later by ") + by);
    }
  sort_events(out);
  return out;
}

bool is_key_event(const TimelineEvent& e) { return e.kind != "milestone-due" && e.kind != "milestone-met"; }

}  // namespace scrutiny
