#include "since_last_meeting_view.h"

#include <algorithm>
#include <bit>
#include <functional>

#include "counted_noun.h"
#include "markdown.h"
#include "measure_series.h"
#include "page_views.h"

namespace scrutiny {
namespace {

using K = MeetingChangeKind;

std::string label(const std::optional<Status>& s) { return s ? std::string(status_label(*s)) : "no status"; }

std::string moved_by(const MeetingChange& c) {
  const int days = c.days();
  return counted_noun(static_cast<size_t>(days < 0 ? -days : days), "day", "days") + (days < 0 ? " earlier" : " later");
}

std::string milestone_prefix(const MeetingChange& c) {
  return c.milestone.empty() ? "" : "Milestone “" + c.milestone + "” of ";
}

// A measure's value with its date, as a reader says it: "22.6% (March 2016)".
std::string dated_value(const Portal& portal, const MeetingChange& c, const MeasurePoint& p) {
  return measure_value_text(p.value, portal.doc(c.document).unit) + " (" + p.date.month_year() + ")";
}

// "better (lower is better)", or "its first value" when there is nothing to compare with.
std::string measure_verdict(const Portal& portal, const MeetingChange& c) {
  if (!c.improved) return "its first value";
  return std::string(*c.improved ? "better" : "worse") + " (" +
         (portal.doc(c.document).better == Better::lower ? "lower" : "higher") + " is better)";
}

MeetingChangeLine line(const Portal& portal, const MeetingChange& c) {
  MeetingChangeLine l{c.document, milestone_prefix(c), ""};
  switch (c.kind) {
    case K::status_changed: l.text = "now " + label(c.to) + " (was " + label(c.from) + ")"; break;
    case K::action_completed:
    case K::milestone_completed:
      l.text = "completed" + (c.to_date ? " on " + c.to_date->long_form() : std::string());
      break;
    case K::deadline_moved:
      l.text = "target date moved from " + c.from_date->long_form() + " to " + c.to_date->long_form() + ", " +
               moved_by(c);
      break;
    case K::action_added: l.text = "added to the plan" + (c.to ? ", " + label(c.to) : std::string()); break;
    case K::milestone_added:
      l.prefix = "";
      l.text = "new milestone “" + c.milestone + "”" + (c.to_date ? ", due " + c.to_date->long_form() : std::string());
      break;
    case K::finding_added: {
      int inspection = portal.links.find(portal.doc(c.document).inspection.id);
      l.text = "new finding" + (inspection >= 0 ? " of the " + portal.doc(inspection).title : std::string());
      break;
    }
    case K::measure_moved:
      l.text = (c.from_value ? dated_value(portal, c, *c.from_value) + " to " : std::string()) +
               dated_value(portal, c, *c.to_value) + ", " + measure_verdict(portal, c);
      break;
  }
  return l;
}

// How much a reader preparing for a meeting needs to see a change first.
int importance(const MeetingChange& c) {
  if (c.kind == K::status_changed && (c.to == Status::off_track || c.to == Status::at_risk)) return 0;
  if (c.kind == K::deadline_moved) return 1;
  if (c.kind == K::action_completed) return 2;
  if (c.kind == K::finding_added || c.kind == K::action_added) return 3;
  if (c.kind == K::status_changed) return 4;
  return 5;
}

ViewData line_view(const Portal& portal, const MeetingChange& c, const std::string& from) {
  ViewData v = link_view(portal, c.document, from);
  MeetingChangeLine l = line(portal, c);
  v.set("prefix", l.prefix);
  v.set("text", l.text);
  v.set("milestone", c.milestone.empty() ? ViewData(false) : ViewData(c.milestone));
  return v;
}

}  // namespace

std::string since_last_meeting_counts(const SinceLastMeeting& s) {
  struct Phrase {
    K kind;
    const char* one;
    const char* many;
  };
  static const Phrase phrases[] = {
      {K::status_changed, "status change", "status changes"},
      {K::action_completed, "action completed", "actions completed"},
      {K::milestone_completed, "milestone completed", "milestones completed"},
      {K::deadline_moved, "deadline moved", "deadlines moved"},
      {K::action_added, "action added", "actions added"},
      {K::milestone_added, "milestone added", "milestones added"},
      {K::finding_added, "finding added", "findings added"},
      {K::measure_moved, "measure with a new value", "measures with new values"},
  };
  std::vector<std::string> parts;
  for (const Phrase& p : phrases)
    if (size_t n = s.count(p.kind)) parts.push_back(counted_noun(n, p.one, p.many));
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return out;
}

std::vector<MeetingChangeLine> most_important_changes(const Portal& portal, const SinceLastMeeting& s, size_t limit) {
  std::vector<const MeetingChange*> order;
  for (const MeetingChange& c : s.changes)
    if (c.kind != K::measure_moved) order.push_back(&c);
  std::stable_sort(order.begin(), order.end(),
                   [](const MeetingChange* a, const MeetingChange* b) { return importance(*a) < importance(*b); });
  std::vector<MeetingChangeLine> out;
  for (size_t i = 0; i < order.size() && i < limit; ++i) out.push_back(line(portal, *order[i]));
  return out;
}

std::vector<MeetingChangeLine> measures_moved(const Portal& portal, const SinceLastMeeting& s, size_t limit) {
  std::vector<MeetingChangeLine> out;
  for (const MeetingChange& c : s.changes)
    if (c.kind == K::measure_moved && out.size() < limit) out.push_back(line(portal, c));
  return out;
}

ViewData since_last_meeting_view(const Portal& portal, const SinceLastMeeting& s, const std::string& from) {
  ViewData v;
  // Not "meeting": inside {{#previous}} that would be the previous update's own (empty) key.
  v.set("body_name", portal.doc(s.update).meeting);
  v.set("has_previous", s.previous.has_value());
  v.set("previous", s.previous ? link_view(portal, *s.previous, from) : ViewData(false));
  v.set("model_only", s.from_model_only);
  v.set("has_changes", !s.changes.empty());
  v.set("counts", since_last_meeting_counts(s));
  std::vector<ViewData> statuses, completed, milestones, moved, added, measures;
  for (const MeetingChange& c : s.changes) {
    ViewData item = line_view(portal, c, from);
    switch (c.kind) {
      case K::status_changed:
        item.set("from", c.from ? status_view(*c.from) : ViewData(false));
        item.set("to", c.to ? status_view(*c.to) : ViewData(false));
        statuses.push_back(std::move(item));
        break;
      case K::action_completed: completed.push_back(std::move(item)); break;
      case K::milestone_completed: milestones.push_back(std::move(item)); break;
      case K::deadline_moved:
        item.set("from", date_view(*c.from_date));
        item.set("to", date_view(*c.to_date));
        item.set("moved_by", moved_by(c));
        moved.push_back(std::move(item));
        break;
      case K::action_added:
      case K::milestone_added:
      case K::finding_added: added.push_back(std::move(item)); break;
      case K::measure_moved:
        item.set("was", c.from_value ? ViewData(dated_value(portal, c, *c.from_value)) : ViewData(false));
        item.set("now", dated_value(portal, c, *c.to_value));
        item.set("verdict", measure_verdict(portal, c));
        item.set("worse", c.improved == false);
        measures.push_back(std::move(item));
        break;
    }
  }
  // Milestones met are many and detail (a meeting saw 46 at once): folded under their count.
  v.set("completed_milestones_words", counted_noun(milestones.size(), "milestone completed", "milestones completed"));
  for (auto [key, list] : {std::pair<const char*, std::vector<ViewData>*>{"status_changes", &statuses},
                           {"completed", &completed},
                           {"completed_milestones", &milestones},
                           {"moved", &moved},
                           {"added", &added},
                           {"measures", &measures}}) {
    v.set(std::string("has_") + key, !list->empty());
    v.set(key, list_of(std::move(*list)));
  }
  return v;
}

void add_since_last_meeting_to_key(const SinceLastMeeting& s, const PageInputs& in, PageKeyHasher& key) {
  auto add_date = [&](const std::optional<Date>& d) { key.add(d ? d->iso() : std::string()); };
  auto add_status = [&](const std::optional<Status>& st) { key.add(st ? static_cast<uint64_t>(*st) + 1 : 0); };
  auto add_point = [&](const std::optional<MeasurePoint>& p) {
    key.add(static_cast<uint64_t>(p.has_value()));
    if (!p) return;
    key.add(p->date.iso());
    key.add(std::bit_cast<uint64_t>(p->value));
  };
  key.add(in.documents[s.update]);
  key.add(in.links);
  key.add(s.previous ? in.documents[*s.previous] : std::string());
  key.add(static_cast<uint64_t>(s.previous.has_value()));
  key.add(static_cast<uint64_t>(s.from_model_only));
  key.add(static_cast<uint64_t>(s.changes.size()));
  for (const MeetingChange& c : s.changes) {
    key.add(static_cast<uint64_t>(c.kind));
    key.add(in.documents[c.document]);
    key.add(c.milestone);
    add_status(c.from);
    add_status(c.to);
    add_date(c.from_date);
    add_date(c.to_date);
    add_point(c.from_value);
    add_point(c.to_value);
    key.add(c.improved ? static_cast<uint64_t>(*c.improved) + 1 : 0);
  }
}

std::string since_last_meeting_html(const Portal& portal, const SinceLastMeeting& s,
                                    const std::function<std::string(size_t)>& href_of) {
  const Document& u = portal.doc(s.update);
  if (!s.previous)
    return "<p>" + escape_html("The first progress update to the " + u.meeting + " in this portal.") + "</p>";
  const Document& p = portal.doc(*s.previous);
  std::string out = "<h2>Since the last meeting</h2>\n<p>Since <a href=\"" + escape_html(href_of(*s.previous)) + "\">" +
                    escape_html(p.title) + "</a>" + (p.date ? ", " + escape_html(p.date->long_form()) : "") + ": ";
  if (s.changes.empty()) return out + "nothing in the plan changed.</p>";
  out += escape_html(since_last_meeting_counts(s)) + ".</p>\n<ul>\n";
  for (const MeetingChange& c : s.changes) {
    MeetingChangeLine l = line(portal, c);
    out += "<li>" + escape_html(l.prefix) + "<a href=\"" + escape_html(href_of(l.document)) + "\">" +
           escape_html(portal.doc(l.document).title) + "</a>: " + escape_html(l.text) + "</li>\n";
  }
  return out + "</ul>";
}

}  // namespace scrutiny
