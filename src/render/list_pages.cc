#include <algorithm>
#include <map>

#include "counted_noun.h"
#include "page_kinds.h"
#include "page_views.h"
#include "progress.h"
#include "since_last_meeting_view.h"
#include "site_path.h"

namespace scrutiny {
namespace {

PageView list_page(const PageKind& kind) {
  const std::string& title = kind.place->label;
  PageView page;
  page.path = kind.place->path;
  page.title = title;
  page.breadcrumbs = {crumb_of(kHomeKind), {title, ""}};
  page.view.set("title", title);
  return page;
}

ViewData with_judgement(ViewData item, const Document& d) {
  if (d.overall_judgement) item.set("judgement", std::string(judgement_label(*d.overall_judgement)));
  return item;
}

PageView inspections_page(const Portal& portal) {
  PageView page = list_page(kInspectionsListKind);
  std::vector<ViewData> rows;
  for (size_t i : portal.links.in_reading_order(DocType::inspection)) {
    ViewData item = with_judgement(link_view(portal, i, page.path), portal.doc(i));
    if (portal.doc(i).published) item.set("published", date_view(*portal.doc(i).published));
    rows.push_back(std::move(item));
  }
  page.view.set("has_inspections", !rows.empty());
  page.view.set("inspections", list_of(std::move(rows)));
  // Reviews by others (a peer review) are listed too, and the introduction says so.
  bool reviews = false;
  for (size_t i : portal.links.in_reading_order(DocType::inspection))
    if (const InspectionKind* k = portal.config.vocabulary.inspection_kind(portal.doc(i).kind); k && k->review) reviews = true;
  page.view.set("intro", reviews ? "Ofsted inspections and visits of the council's children's services, and reviews by others, newest first."
                                 : "Ofsted inspections and visits of the council's children's services, newest first.");
  return page;
}

PageView recommendations_page(const Portal& portal) {
  PageView page = list_page(kRecommendationsListKind);
  // Grouped by the inspection that made them.
  std::vector<ViewData> groups;
  std::string current;
  std::vector<ViewData> rows;
  ViewData group;
  auto flush = [&] {
    if (current.empty()) return;
    group.set("items", list_of(std::move(rows)));
    groups.push_back(std::move(group));
    rows.clear();
  };
  for (size_t i : portal.links.in_reading_order(DocType::recommendation)) {
    const Document& r = portal.doc(i);
    if (r.inspection.id != current) {
      flush();
      current = r.inspection.id;
      group = ViewData();
      if (int insp = portal.links.find(current); insp >= 0) group.set("inspection", link_view(portal, insp, page.path));
    }
    ViewData item = link_view(portal, i, page.path);
    // The finding's own label: the list is not numbered, as kinds are numbered from 1 each
    // and some findings have no number.
    item.set("label", finding_label(portal, r));
    const size_t actions = portal.links.referrers(i, Relation::answers).size();
    item.set("action_count", std::to_string(actions));
    item.set("action_count_words", counted_noun(actions, "action", "actions"));
    rows.push_back(std::move(item));
  }
  flush();
  page.view.set("has_recommendation_groups", !groups.empty());
  page.view.set("recommendation_groups", list_of(std::move(groups)));
  page.view.set("intro", "Every recommendation, area for improvement and priority action that an inspection made, with the number of plan actions that answer it.");
  return page;
}

PageView updates_page(const Portal& portal) {
  PageView page = list_page(kUpdatesListKind);
  std::vector<ViewData> rows;
  for (size_t i : portal.links.in_reading_order(DocType::update)) {
    ViewData item = link_view(portal, i, page.path);
    item.set("meeting", portal.doc(i).meeting);
    rows.push_back(std::move(item));
  }
  page.view.set("has_updates", !rows.empty());
  page.view.set("updates", list_of(std::move(rows)));
  page.view.set("feed_href", relative_href(page.path, kUpdatesFeedPath));
  page.view.set("intro", "Reports on the plan's progress to scrutiny committees and the improvement board, newest first.");
  return page;
}

PageView not_found_page() {
  PageView page;
  page.path = "404.html";
  page.title = "Page not found";
  page.view.set("title", page.title);
  return page;
}

std::string days_late(int days) { return counted_noun(static_cast<size_t>(days), "day", "days") + " overdue"; }

// Actions at risk, off track or overdue, then overdue milestones, each named with how late it
// is, for the first screen: what a councillor asks about first.
std::vector<ViewData> needing_attention(const Portal& portal, const std::vector<size_t>& actions, const std::string& from) {
  std::vector<ViewData> out;
  for (size_t a : actions) {
    const Document& d = portal.doc(a);
    const bool overdue = portal.as_at && is_overdue(d, *portal.as_at);
    if (!overdue && d.status != Status::at_risk && d.status != Status::off_track) continue;
    ViewData item = link_view(portal, a, from);
    item.set("milestone", false);
    if (overdue) item.set("late", days_late(days_overdue(*d.target_date, *d.status, *portal.as_at)));
    else if (d.target_date) item.set("due", date_view(*d.target_date));
    default_false(item, {"late", "due"});
    out.push_back(std::move(item));
  }
  if (portal.as_at)
    for (size_t a : actions)
      for (const Milestone& m : portal.doc(a).milestones) {
        if (!is_overdue(m, *portal.as_at)) continue;
        ViewData item = link_view(portal, a, from);
        item.set("milestone", m.title);
        item.set("status", status_view(m.status));
        item.set("late", days_late(days_overdue(m.target_date, m.status, *portal.as_at)));
        item.set("due", false);
        out.push_back(std::move(item));
      }
  return out;
}

// The latest meeting's "since the last meeting", short: counts and the lines that matter most.
ViewData since_summary(const Portal& portal, const std::vector<SinceLastMeeting>& since, const std::string& from) {
  if (since.empty() || !since.front().previous) return ViewData(false);
  const SinceLastMeeting& s = since.front();  // newest update first
  ViewData v;
  v.set("update", link_view(portal, s.update, from));
  v.set("section_href", relative_href(from, document_page_path(portal.doc(s.update).id)) + "#since-heading");
  v.set("previous", link_view(portal, *s.previous, from));
  v.set("body_name", portal.doc(s.update).meeting);
  v.set("counts", s.changes.empty() ? std::string("nothing in the plan changed") : since_last_meeting_counts(s));
  std::vector<ViewData> lines;
  for (const MeetingChangeLine& l : most_important_changes(portal, s, 3)) {
    ViewData item = link_view(portal, l.document, from);
    item.set("prefix", l.prefix);
    item.set("text", l.text);
    lines.push_back(std::move(item));
  }
  v.set("has_lines", !lines.empty());
  v.set("lines", list_of(lines));
  std::vector<ViewData> measures;
  for (const MeetingChangeLine& l : measures_moved(portal, s, 3)) {
    ViewData item = link_view(portal, l.document, from);
    item.set("text", l.text);
    measures.push_back(std::move(item));
  }
  v.set("has_measures", !measures.empty());
  v.set("measures", list_of(measures));
  v.set("more", s.changes.size() > lines.size() + measures.size());
  return v;
}

PageView home_page(const Portal& portal, const std::vector<SinceLastMeeting>& since, const GlossaryTerms& glossary) {
  PageView page;
  page.path = "index.html";
  page.title = portal.config.title;
  ViewData& v = page.view;
  v.set("title", portal.config.title);
  v.set("authority", portal.config.authority);
  if (!portal.config.description.empty()) v.set("description", portal.config.description);
  if (portal.as_at) v.set("as_at", as_at_view(portal));

  // The latest inspection, and its judgement if it made one. Reviews by others (a peer review)
  // are not inspections, so they are left out here.
  std::vector<size_t> inspections;
  for (size_t i : portal.links.in_reading_order(DocType::inspection)) {
    const InspectionKind* k = portal.config.vocabulary.inspection_kind(portal.doc(i).kind);
    if (!k || !k->review) inspections.push_back(i);
  }
  if (!inspections.empty()) {
    ViewData latest = with_judgement(link_view(portal, inspections.front(), page.path), portal.doc(inspections.front()));
    if (portal.doc(inspections.front()).published)
      latest.set("published", date_view(*portal.doc(inspections.front()).published));
    v.set("latest_inspection", std::move(latest));
    // The last inspection that made a judgement, when the latest did not.
    for (size_t i : inspections) {
      if (!portal.doc(i).overall_judgement) continue;
      if (i != inspections.front()) {
        ViewData judged = with_judgement(link_view(portal, i, page.path), portal.doc(i));
        if (portal.doc(i).published) judged.set("published", date_view(*portal.doc(i).published));
        v.set("last_judgement", std::move(judged));
      }
      break;
    }
  }

  // The current plan's actions by status, in words and numbers: an earlier plan's finished
  // work would make the live plan look nearly done.
  const std::vector<size_t> actions = current_plan_actions(portal);
  v.set("plan_scope", plan_scope_view(portal, page.path));
  std::map<Status, size_t> counts;
  size_t total = 0;
  for (size_t i : actions)
    if (portal.doc(i).status) {
      ++counts[*portal.doc(i).status];
      ++total;
    }
  std::vector<ViewData> status_rows;
  // Each status word once, linked to its glossary entry (a list of five, not a table's rows).
  auto term = [&](const std::string& words) {
    std::string href = glossary.href(words, page.path);
    return href.empty() ? ViewData(false) : ViewData(href);
  };
  for (Status s : all_statuses()) {
    ViewData row = status_view(s);
    row.set("count", std::to_string(counts[s]));
    row.set("term_href", term(std::string(status_label(s))));
    status_rows.push_back(std::move(row));
  }
  v.set("at_risk_term_href", term(std::string(status_label(Status::at_risk))));
  v.set("off_track_term_href", term(std::string(status_label(Status::off_track))));
  v.set("action_statuses", list_of(std::move(status_rows)));
  // Overdue work in words on the home page, with where to read more.
  size_t overdue_actions = 0, overdue_milestones = 0;
  if (portal.as_at)
    for (size_t i : actions) {
      overdue_actions += is_overdue(portal.doc(i), *portal.as_at);
      for (const Milestone& m : portal.doc(i).milestones) overdue_milestones += is_overdue(m, *portal.as_at);
    }
  v.set("overdue_actions", std::to_string(overdue_actions));
  v.set("overdue_milestones", std::to_string(overdue_milestones));
  v.set("overdue_actions_words", counted_noun(overdue_actions, "action", "actions"));
  v.set("overdue_milestones_words", counted_noun(overdue_milestones, "milestone", "milestones"));
  v.set("has_as_at", portal.as_at.has_value());
  v.set("overdue_href", relative_href(page.path, "overdue.html"));
  v.set("progress_href", relative_href(page.path, "progress.html"));
  v.set("timeline_href", relative_href(page.path, "timeline.html"));
  v.set("milestones_href", relative_href(page.path, "milestones/index.html"));
  v.set("action_total", std::to_string(total));
  v.set("action_total_words", counted_noun(total, "action", "actions"));
  v.set("has_actions", total > 0);
  v.set("actions_href", relative_href(page.path, "actions/index.html"));

  std::vector<ViewData> attention = needing_attention(portal, actions, page.path);
  // The first must be read without scrolling (tests/browser: firstscreen); the rest may run on.
  for (size_t k = 0; k < attention.size(); ++k) attention[k].set("first", k == 0);
  v.set("has_attention", !attention.empty());
  v.set("attention", list_of(std::move(attention)));
  v.set("since", since_summary(portal, since, page.path));

  const std::vector<size_t>& updates = portal.links.in_reading_order(DocType::update);
  v.set("last_update", false);
  for (size_t u : updates)
    if (portal.doc(u).date) {
      ViewData last = link_view(portal, u, page.path);
      last.set("meeting", portal.doc(u).meeting);
      v.set("last_update", std::move(last));
      break;
    }
  std::vector<ViewData> latest_updates;
  for (size_t k = 0; k < updates.size() && k < 3; ++k) {
    ViewData item = link_view(portal, updates[k], page.path);
    item.set("meeting", portal.doc(updates[k]).meeting);
    latest_updates.push_back(std::move(item));
  }
  v.set("has_latest_updates", !latest_updates.empty());
  v.set("latest_updates", list_of(std::move(latest_updates)));
  v.set("updates_href", relative_href(page.path, "updates/index.html"));

  // The current plan first, then the others, newest first (plans.h).
  std::vector<ViewData> plans;
  auto plan_item = [&](size_t p, const char* role) {
    ViewData item = link_view(portal, p, page.path);
    item.set("role", std::string(role));
    item.set("approved", portal.doc(p).approved ? date_view(*portal.doc(p).approved) : ViewData(false));
    item.set("closed", plan_closed(portal.doc(p), portal.as_at) ? date_view(*portal.doc(p).closed) : ViewData(false));
    plans.push_back(std::move(item));
  };
  if (portal.plans.current >= 0) plan_item(static_cast<size_t>(portal.plans.current), "current");
  for (size_t p : portal.plans.later) plan_item(p, "later");
  for (size_t p : portal.plans.earlier) plan_item(p, "earlier");
  v.set("has_plans", !plans.empty());
  v.set("plans", list_of(std::move(plans)));

  // Open data and the ways to find any document (docs/open-data.md).
  v.set("search_href", relative_href(page.path, "search.html"));
  v.set("a_z_href", relative_href(page.path, "a-z.html"));
  v.set("portal_json_href", relative_href(page.path, "data/portal.json"));
  v.set("actions_csv_href", relative_href(page.path, "data/actions.csv"));
  v.set("milestones_csv_href", relative_href(page.path, "data/milestones.csv"));
  v.set("recommendations_csv_href", relative_href(page.path, "data/recommendations.csv"));
  v.set("decisions_csv_href", relative_href(page.path, "data/decisions.csv"));
  return page;
}

}  // namespace

const PageKind kHomeKind{
    "home", "home", "home", PagePlace{"Overview", "index.html", 0}, false,
    [](const BuildModel&) { return single_route(kHomeKind.place->path); },
    [](const BuildModel& m, const Route&) { return home_page(m.portal, m.since_last_meeting, m.glossary); }};

const PageKind kNotFoundKind{
    "not_found", "not_found", "", std::nullopt, false,
    [](const BuildModel&) { return single_route("404.html"); },
    [](const BuildModel&, const Route&) { return not_found_page(); }};

const PageKind kInspectionsListKind{
    "inspections", "list", "inspections", PagePlace{"Inspections", "inspections/index.html", 1}, false,
    [](const BuildModel&) { return single_route(kInspectionsListKind.place->path); },
    [](const BuildModel& m, const Route&) { return inspections_page(m.portal); }};

const PageKind kRecommendationsListKind{
    "recommendations", "list", "recommendations",
    PagePlace{"Recommendations", "recommendations/index.html", 2}, false,
    [](const BuildModel&) { return single_route(kRecommendationsListKind.place->path); },
    [](const BuildModel& m, const Route&) { return recommendations_page(m.portal); }};

const PageKind kUpdatesListKind{
    "updates", "list", "updates", PagePlace{"Progress updates", "updates/index.html", 4}, false,
    [](const BuildModel&) { return single_route(kUpdatesListKind.place->path); },
    [](const BuildModel& m, const Route&) { return updates_page(m.portal); }};

}  // namespace scrutiny
