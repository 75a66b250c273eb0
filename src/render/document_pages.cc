#include <algorithm>

#include "counted_noun.h"
#include "history_pages.h"
#include "owners.h"
#include "measure_pages.h"
#include "markdown.h"
#include "page_kinds.h"
#include "page_views.h"
#include "progress_pages.h"
#include "progress.h"
#include "since_last_meeting_view.h"
#include "site_path.h"
#include "timeline.h"

namespace scrutiny {
namespace {

// Links to documents already in reading order (the model's relations keep them so).
std::vector<ViewData> links(const Portal& portal, const std::vector<size_t>& docs, const std::string& from) {
  std::vector<ViewData> out;
  for (size_t i : docs) out.push_back(link_view(portal, i, from));
  return out;
}

// Sets `key` to the list and `has_key` to whether it has items, for {{#has_x}} sections.
void set_list(ViewData& v, const std::string& key, std::vector<ViewData> items) {
  v.set("has_" + key, !items.empty());
  v.set(key, list_of(std::move(items)));
}

void set_date(ViewData& v, const std::string& key, const std::optional<Date>& d) {
  if (d) v.set(key, date_view(*d));
}

// A position statement as HTML, rendered as safely as a body, its links relative to `from`.
std::string statement_html(const Portal& portal, const StatusReport& s, const std::string& from) {
  MarkdownBody body(s.statement, s.statement_line);
  return body.render_html([&](const std::string& id, LinkTarget& target) {
    int t = portal.links.find(id);
    if (t < 0) return false;
    target.title = portal.doc(t).title;
    target.href = relative_href(from, document_page_path(portal.doc(t).id));
    return true;
  });
}

// What an update's meeting decided or asked for; with `about`, only what names documents[about].
std::vector<ViewData> decision_views(const Portal& portal, size_t u, const std::string& from,
                                     std::optional<size_t> about = std::nullopt) {
  std::vector<ViewData> out;
  for (const Decision& dec : portal.doc(u).decisions) {
    std::vector<ViewData> actions;
    bool concerns = !about;
    for (const Ref& r : dec.actions)
      if (int a = portal.links.find(r.id); a >= 0) {
        actions.push_back(link_view(portal, static_cast<size_t>(a), from));
        concerns = concerns || static_cast<size_t>(a) == *about;
      }
    if (!concerns) continue;
    ViewData item;
    item.set("text", dec.text);
    set_date(item, "due", dec.due);
    set_list(item, "actions", std::move(actions));
    if (about) item.set("update", link_view(portal, u, from));
    default_false(item, {"due", "update"});
    out.push_back(std::move(item));
  }
  return out;
}

// Updates that report on or mention documents[i], newest first, with what they said of it.
std::vector<ViewData> updates_about(const Portal& portal, size_t i, const std::string& from) {
  std::vector<ViewData> out;
  for (size_t u : portal.links.referrers_in_reading_order(i, DocType::update)) {
    ViewData item = link_view(portal, u, from);
    item.set("meeting", portal.doc(u).meeting);
    for (const StatusReport& s : portal.doc(u).statuses) {
      if (s.action.id != portal.doc(i).id) continue;
      item.set("reported_status", status_view(s.status));
      if (!s.note.empty()) item.set("note", s.note);
      if (!s.statement.empty()) item.set("statement_html", statement_html(portal, s, from));
    }
    default_false(item, {"statement_html"});
    out.push_back(std::move(item));
  }
  return out;
}

// Actions as table rows: link, status, owner and target date with how it slipped.
std::vector<ViewData> action_rows(const Portal& portal, const DeadlineSlippage& slips, const std::vector<size_t>& actions,
                                  const std::string& from) {
  std::vector<ViewData> rows;
  for (size_t a : actions) {
    ViewData item = link_view(portal, a, from);
    item.set("owner", owners_text(owners_of(portal.doc(a))));
    set_date(item, "target_date", portal.doc(a).target_date);
    item.set("slippage", slippage_view(slips.of_action(a), portal.doc(a).completed));
    rows.push_back(std::move(item));
  }
  return rows;
}

void inspection_view(const Portal& portal, size_t i, ViewData& v, const std::string& from) {
  const Document& d = portal.doc(i);
  v.set("kind_label", kind_label(portal, d));
  const InspectionKind* k = portal.config.vocabulary.inspection_kind(d.kind);
  v.set("is_review", k && k->review);
  v.set("by", k && !k->by.empty() ? ViewData(k->by) : ViewData(false));
  set_date(v, "start_date", d.start_date);
  set_date(v, "end_date", d.end_date);
  set_date(v, "published", d.published);
  if (!d.report_url.empty()) v.set("report_url", d.report_url);
  if (d.overall_judgement) {
    ViewData j;
    j.set("value", std::string(judgement_value(*d.overall_judgement)));
    j.set("label", std::string(judgement_label(*d.overall_judgement)));
    v.set("overall_judgement", std::move(j));
  }
  std::vector<ViewData> judgements;
  for (const AreaJudgement& a : d.judgements) {
    ViewData j;
    j.set("area", a.area);
    j.set("value", std::string(judgement_value(a.judgement)));
    j.set("label", std::string(judgement_label(a.judgement)));
    judgements.push_back(std::move(j));
  }
  set_list(v, "judgements", std::move(judgements));

  std::vector<ViewData> rec_views;
  for (size_t r : portal.links.referrers(i, Relation::made_by)) {
    ViewData item = link_view(portal, r, from);
    item.set("kind_label", kind_label(portal, portal.doc(r)));
    const size_t actions = portal.links.referrers(r, Relation::answers).size();
    item.set("action_count", std::to_string(actions));
    item.set("action_count_words", counted_noun(actions, "action", "actions"));
    rec_views.push_back(std::move(item));
  }
  set_list(v, "recommendations", std::move(rec_views));
  set_list(v, "plans", links(portal, portal.links.referrers_in_reading_order(i, DocType::plan), from));
  set_list(v, "updates", updates_about(portal, i, from));
}

void recommendation_view(const Portal& portal, const DeadlineSlippage& slips, size_t i, ViewData& v,
                         const std::string& from) {
  const Document& d = portal.doc(i);
  v.set("kind_label", kind_label(portal, d));
  if (d.number) v.set("number", std::to_string(*d.number));
  if (int insp = portal.links.find(d.inspection.id); insp >= 0) {
    ViewData item = link_view(portal, insp, from);
    set_date(item, "published", portal.doc(insp).published);
    v.set("inspection", std::move(item));
  }
  set_list(v, "themes", links(portal, portal.links.references(i, Relation::in_themes), from));
  set_list(v, "actions", action_rows(portal, slips, portal.links.referrers(i, Relation::answers), from));
  set_list(v, "measures", measures_evidencing(portal, i, from));
  set_list(v, "updates", updates_about(portal, i, from));
}

void plan_view(const Portal& portal, const DeadlineSlippage& slips, size_t i, ViewData& v, const std::string& from) {
  const Document& d = portal.doc(i);
  set_date(v, "approved", d.approved);
  v.set("closed", plan_closed(d, portal.as_at) ? date_view(*d.closed) : ViewData(false));
  v.set("grouping_plural_label", first_letter_upper(d.grouping_plural));
  // The plan's own actions by status: an earlier plan's page keeps its record whole.
  const std::vector<size_t> actions = actions_of_plan(portal, i);
  std::vector<ViewData> statuses;
  for (Status s : all_statuses()) {
    size_t n = 0;
    for (size_t a : actions) n += portal.doc(a).status == s;
    if (n == 0) continue;
    ViewData item = status_view(s);
    item.set("count_words", counted_noun(n, "action", "actions"));
    statuses.push_back(std::move(item));
  }
  set_list(v, "plan_action_statuses", std::move(statuses));
  set_list(v, "plan_actions", action_rows(portal, slips, actions, from));
  v.set("plan_action_total_words", counted_noun(actions.size(), "action", "actions"));
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"owner", &d.owner},
                                    {"board", &d.board},
                                    {"scrutiny", &d.scrutiny},
                                    {"meeting_frequency", &d.meeting_frequency}})
    if (!value->empty()) v.set(key, *value);
  std::vector<ViewData> versions;
  for (const PlanVersion& pv : d.versions) {
    ViewData item;
    item.set("version", pv.version);
    item.set("date", date_view(pv.date));
    item.set("note", pv.note);
    versions.push_back(std::move(item));
  }
  set_list(v, "versions", std::move(versions));
  set_list(v, "inspections", links(portal, portal.links.references(i, Relation::responds_to), from));

  std::vector<ViewData> theme_views;
  for (size_t t : portal.links.referrers(i, Relation::in_plan)) {
    if (portal.doc(t).type != DocType::theme) continue;
    ViewData item = link_view(portal, t, from);
    if (!portal.doc(t).lead.empty()) item.set("lead", portal.doc(t).lead);
    const size_t count = portal.links.referrers(t, Relation::in_theme).size();
    item.set("action_count", std::to_string(count));
    item.set("action_count_words", counted_noun(count, "action", "actions"));
    theme_views.push_back(std::move(item));
  }
  set_list(v, "themes", std::move(theme_views));
  set_list(v, "updates", updates_about(portal, i, from));
}

void theme_view(const Portal& portal, const DeadlineSlippage& slips, size_t i, ViewData& v, const std::string& from) {
  const Document& d = portal.doc(i);
  const GroupingWords words = grouping_words(portal, static_cast<int>(i));
  v.set("grouping", words.singular);
  v.set("grouping_label", first_letter_upper(words.singular));
  v.set("number", d.number ? ViewData(std::to_string(*d.number)) : ViewData(false));
  if (int p = portal.links.find(d.plan.id); p >= 0) v.set("plan", link_view(portal, p, from));
  if (!d.lead.empty()) v.set("lead", d.lead);
  set_list(v, "actions", action_rows(portal, slips, portal.links.referrers(i, Relation::in_theme), from));
  set_list(v, "recommendations", links(portal, portal.links.referrers(i, Relation::in_themes), from));
  set_list(v, "measures", measures_evidencing(portal, i, from));
  set_list(v, "updates", updates_about(portal, i, from));
}

void action_view(const Portal& portal, const DeadlineSlippage& slips, size_t i, ViewData& v, const std::string& from) {
  const Document& d = portal.doc(i);
  if (!d.number_label.empty()) v.set("number", d.number_label);
  if (int t = d.theme.id.empty() ? -1 : portal.links.find(d.theme.id); t >= 0) v.set("theme", link_view(portal, t, from));
  v.set("grouping_label", first_letter_upper(grouping_words(portal, static_cast<int>(i)).singular));
  const int plan = i < portal.plan_of.size() ? portal.plan_of[i] : -1;
  v.set("plan", plan >= 0 ? link_view(portal, static_cast<size_t>(plan), from) : ViewData(false));
  v.set("owner", owners_text(owners_of(d)));
  v.set("several_owners", owners_of(d).size() > 1);
  // An action that answers no finding says where it comes from instead (the reader requires it).
  v.set("origin", d.origin.empty() ? ViewData(false) : ViewData(d.origin));
  set_date(v, "start_date", d.start_date);
  set_date(v, "target_date", d.target_date);
  set_date(v, "completed", d.completed);
  v.set("slippage", slippage_view(slips.of_action(i), d.completed));
  if (d.status) v.set("status", status_view(*d.status));
  v.set("overdue", portal.as_at && is_overdue(d, *portal.as_at));
  set_list(v, "recommendations", links(portal, portal.links.references(i, Relation::answers), from));
  std::vector<ViewData> milestones;
  for (const Milestone& m : d.milestones) {
    ViewData item;
    item.set("title", m.title);
    item.set("target_date", date_view(m.target_date));
    item.set("slippage", slippage_view(slips.of_milestone(i, m.title), m.completed));
    item.set("owner", owners_text(owners_of(m)));
    item.set("status", status_view(m.status));
    if (m.completed) item.set("completed", date_view(*m.completed));
    item.set("overdue", portal.as_at && is_overdue(m, *portal.as_at));
    default_false(item, {"completed"});
    milestones.push_back(std::move(item));
  }
  set_list(v, "milestones", std::move(milestones));
  set_list(v, "measures", measures_evidencing(portal, i, from));
  set_list(v, "updates", updates_about(portal, i, from));
  std::vector<ViewData> decisions;
  for (size_t u : portal.links.referrers_in_reading_order(i, DocType::update))
    for (ViewData& dv : decision_views(portal, u, from, i)) decisions.push_back(std::move(dv));
  set_list(v, "decisions", std::move(decisions));
}

void update_view(const Portal& portal, size_t i, ViewData& v, const std::string& from) {
  const Document& d = portal.doc(i);
  set_date(v, "date", d.date);
  v.set("meeting", d.meeting);
  if (!d.author.empty()) v.set("author", d.author);
  set_list(v, "reports_on", links(portal, portal.links.references(i, Relation::reports_on), from));
  std::vector<ViewData> statuses, statements;
  for (const StatusReport& s : d.statuses) {
    int a = portal.links.find(s.action.id);
    if (a < 0) continue;
    ViewData item = link_view(portal, a, from);
    item.set("reported_status", status_view(s.status));
    if (!s.note.empty()) item.set("note", s.note);
    if (!s.statement.empty()) {
      item.set("statement_html", statement_html(portal, s, from));
      statements.push_back(item);
    }
    statuses.push_back(std::move(item));
  }
  set_list(v, "statuses", std::move(statuses));
  set_list(v, "measure_reports", measures_reported(portal, i, from));
  set_list(v, "statements", std::move(statements));
  set_list(v, "decisions", decision_views(portal, i, from));
  if (!d.paper_url.empty()) v.set("paper_url", d.paper_url);
  default_false(v, {"paper_url"});
  // Readers following the programme meeting by meeting step from one report to the next.
  const std::vector<size_t>& updates = portal.links.in_reading_order(DocType::update);  // newest first
  auto at = std::find(updates.begin(), updates.end(), i);
  if (at + 1 < updates.end()) v.set("previous_update", link_view(portal, *(at + 1), from));
  if (at != updates.begin()) v.set("next_update", link_view(portal, *(at - 1), from));
  v.set("has_pager", updates.size() > 1);
}

// The list a document's breadcrumbs pass through, when its type has one.
const PageKind* list_kind(DocType type) {
  switch (type) {
    case DocType::inspection: return &kInspectionsListKind;
    case DocType::recommendation: return &kRecommendationsListKind;
    case DocType::action: return &kActionsFilterKind;
    case DocType::update: return &kUpdatesListKind;
    case DocType::measure: return &kMeasuresListKind;
    default: return nullptr;
  }
}

PageView document_page(const Portal& portal, const DeadlineSlippage& slips, size_t i, const std::string& body_html) {
  const Document& d = portal.doc(i);
  PageView page;
  page.path = document_page_path(d.id);
  page.title = d.title;
  page.breadcrumbs.push_back(crumb_of(kHomeKind));
  if (const PageKind* list = list_kind(d.type)) page.breadcrumbs.push_back(crumb_of(*list));
  if (d.type == DocType::theme) {
    if (int p = portal.links.find(d.plan.id); p >= 0)
      page.breadcrumbs.push_back({portal.doc(p).title, document_page_path(portal.doc(p).id)});
  }
  page.breadcrumbs.push_back({d.title, ""});

  ViewData& v = page.view;
  v.set("title", d.title);
  v.set("type_label", std::string(doc_type_value(d.type)));
  if (!d.summary.empty()) v.set("summary", d.summary);
  v.set("body", body_html);
  v.set("has_body", !body_html.empty());
  // Only --working-tree builds have such documents: a committed build never sets the keys.
  // The path is as the officer gave it, which a published page must not depend on.
  if (d.uncommitted) {
    v.set("not_committed", true);
    v.set("source_path", d.display_path);
  }
  switch (d.type) {
    case DocType::inspection: inspection_view(portal, i, v, page.path); break;
    case DocType::recommendation: recommendation_view(portal, slips, i, v, page.path); break;
    case DocType::plan: plan_view(portal, slips, i, v, page.path); break;
    case DocType::theme: theme_view(portal, slips, i, v, page.path); break;
    case DocType::action: action_view(portal, slips, i, v, page.path); break;
    case DocType::update: update_view(portal, i, v, page.path); break;
    case DocType::page: break;
    case DocType::measure: measure_view(portal, i, v, page.path); break;
  }
  return page;
}

// The page's own status or judgement, shown once at its top, links to its glossary entry.
void link_subject_terms(const BuildModel& m, size_t i, PageView& page) {
  const Document& d = m.portal.doc(i);
  auto with_term = [&](ViewData v, std::string_view label) {
    std::string href = m.glossary.href(std::string(label), page.path);
    v.set("term_href", href.empty() ? ViewData(false) : ViewData(href));
    return v;
  };
  if (d.type == DocType::action && d.status) page.view.set("status", with_term(status_view(*d.status), status_label(*d.status)));
  if (d.type == DocType::inspection && d.overall_judgement) {
    ViewData j;
    j.set("value", std::string(judgement_value(*d.overall_judgement)));
    j.set("label", std::string(judgement_label(*d.overall_judgement)));
    page.view.set("overall_judgement", with_term(std::move(j), judgement_label(*d.overall_judgement)));
  }
}

// A linked document's part of a page's key (its PageInputs::documents), or that the reference
// leads nowhere (-1).
void add_linked_to_key(const PageInputs& in, int j, PageKeyHasher& key) {
  key.add(static_cast<uint64_t>(j + 1));
  if (j >= 0) key.add(in.documents[static_cast<size_t>(j)]);
}

// What a document page's key starts with: the document (its file, link and history), every title
// (what the [[id]] links of its body and statements become) and whether history is read.
void add_own_inputs(const BuildModel& m, const PageInputs& in, size_t i, PageKeyHasher& key) {
  key.add(in.documents[i]);
  key.add(in.links);
  key.add(static_cast<uint64_t>(m.has_history()));
}

// Links to `docs` as a page shows them, in that order.
void add_links_to_key(const PageInputs& in, const std::vector<size_t>& docs, PageKeyHasher& key) {
  key.add(static_cast<uint64_t>(docs.size()));
  for (size_t j : docs) add_linked_to_key(in, static_cast<int>(j), key);
}

// What measures_evidencing shows of documents[i]'s measures: their links and latest values,
// which come from the updates reporting them.
void add_measures_evidencing_to_key(const Portal& portal, const PageInputs& in, size_t i, PageKeyHasher& key) {
  const std::vector<size_t>& measures = portal.links.referrers(i, Relation::evidences);
  add_links_to_key(in, measures, key);
  for (size_t j : measures) {
    const MeasureSeries* series = portal.measure_series(j);
    const bool latest = series && !series->points.empty();
    key.add(static_cast<uint64_t>(latest));
    if (latest) {
      key.add(measure_value_text(series->points.back().value, portal.doc(j).unit));
      key.add(series->points.back().date.iso());
    }
  }
}

// What a recommendation's page reads (document_page, recommendation_view, its history and its
// timeline), for its key before its view is built: its own document, every title, the
// documents it links (its inspection with the date it was published, its themes, the actions
// answering it with their owners, target dates and slippage, its measures with their latest
// values, the updates about it), and what its timeline and milestone summary make of the
// as-at date (which events are still to come, how many milestones are overdue, which is next).
void add_recommendation_inputs(const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
  const Portal& portal = m.portal;
  const size_t i = r.subject;
  add_own_inputs(m, in, i, key);
  add_linked_to_key(in, portal.links.find(portal.doc(i).inspection.id), key);
  add_links_to_key(in, portal.links.references(i, Relation::in_themes), key);
  const std::vector<size_t>& actions = portal.links.referrers(i, Relation::answers);
  add_links_to_key(in, actions, key);
  add_measures_evidencing_to_key(portal, in, i, key);
  add_links_to_key(in, portal.links.referrers_in_reading_order(i, DocType::update), key);
  for (const TimelineEvent& e : recommendation_timeline(portal, i))
    key.add(static_cast<uint64_t>(portal.as_at && e.date > *portal.as_at));
  std::vector<const Document*> answering;
  for (size_t a : actions) answering.push_back(&portal.doc(a));
  const MilestoneProgress p = milestone_progress(answering, portal.as_at);
  key.add(static_cast<uint64_t>(p.overdue));
  key.add(p.next_due ? p.next_due->title + '\n' + p.next_due->target_date.iso() : std::string());
}

// What a page of the portal's own (about, accessibility) reads: only itself and, through the
// [[id]] links of its body, every title.
void add_content_page_inputs(const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
  add_own_inputs(m, in, r.subject, key);
}

// What an inspection's page reads (document_page, inspection_view, its history): its own
// document, every title, the recommendations it made with how many actions answer each (which
// their files do not say), the plans responding to it and the updates about it.
void add_inspection_inputs(const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
  const Portal& portal = m.portal;
  const size_t i = r.subject;
  add_own_inputs(m, in, i, key);
  const std::vector<size_t>& made = portal.links.referrers(i, Relation::made_by);
  add_links_to_key(in, made, key);
  for (size_t rec : made) key.add(static_cast<uint64_t>(portal.links.referrers(rec, Relation::answers).size()));
  add_links_to_key(in, portal.links.referrers_in_reading_order(i, DocType::plan), key);
  add_links_to_key(in, portal.links.referrers_in_reading_order(i, DocType::update), key);
}

// What a theme's page reads (document_page, theme_view, its history): its own document, every
// title, the plan it belongs to (whose words name its grouping), the actions in it
// with their owners, target dates and slippage, the recommendations placed in it, its
// measures with their latest values and the updates about it.
void add_theme_inputs(const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
  const Portal& portal = m.portal;
  const size_t i = r.subject;
  add_own_inputs(m, in, i, key);
  add_linked_to_key(in, portal.links.find(portal.doc(i).plan.id), key);
  add_links_to_key(in, portal.links.referrers(i, Relation::in_theme), key);
  add_links_to_key(in, portal.links.referrers(i, Relation::in_themes), key);
  add_measures_evidencing_to_key(portal, in, i, key);
  add_links_to_key(in, portal.links.referrers_in_reading_order(i, DocType::update), key);
}

// What an update's page reads (document_page, update_view, its history and what changed since
// the last meeting), for its key before its view is built: its own document (file, link and
// history: PageInputs::documents), each document it shows a link to (what it reports on, the
// actions of its statuses and decisions, its measures, the updates before and after it: their
// links are all it shows of them, and in their PageInputs::documents), every title (what the
// [[id]] links of its body and statements become) and the "since the last meeting" summary as
// shown. An update's page reads the history of every action only through that summary, so a
// commit to one action rebuilds only the updates that mention it or whose summary it changes.
void add_update_inputs(const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
  const Portal& portal = m.portal;
  const size_t i = r.subject;
  const Document& d = portal.doc(i);
  add_own_inputs(m, in, i, key);
  auto add_linked = [&](int j) { add_linked_to_key(in, j, key); };
  add_links_to_key(in, portal.links.references(i, Relation::reports_on), key);
  for (const StatusReport& s : d.statuses) add_linked(portal.links.find(s.action.id));
  for (const MeasureReport& mr : d.measure_reports) add_linked(portal.links.find(mr.measure.id));
  for (const Decision& dec : d.decisions)
    for (const Ref& ref : dec.actions) add_linked(portal.links.find(ref.id));
  const std::vector<size_t>& updates = portal.links.in_reading_order(DocType::update);
  auto at = std::find(updates.begin(), updates.end(), i);
  key.add(static_cast<uint64_t>(updates.size() > 1));
  add_linked(at + 1 < updates.end() ? static_cast<int>(*(at + 1)) : -1);
  add_linked(at != updates.begin() && at != updates.end() ? static_cast<int>(*(at - 1)) : -1);
  const SinceLastMeeting* since = since_last_meeting_of(m.since_last_meeting, i);
  key.add(static_cast<uint64_t>(since != nullptr));
  if (since) add_since_last_meeting_to_key(*since, in, key);
}

// What an action's page reads (document_page, action_view, its history and timeline), for its
// key before its view is built: its own document (file, link and history, whence its slippage),
// whether each milestone is overdue and which of its timeline's events are still to come, its
// status over time (from its revisions and the updates reporting on it), each document it shows
// a link to (its theme, plan, the recommendations it answers, the measures evidencing it with
// their latest values, the updates about it and the actions of their decisions) and every title
// (its body's and statements' [[id]] links).
void add_action_inputs(const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
  const Portal& portal = m.portal;
  const size_t i = r.subject;
  const Document& d = portal.doc(i);
  add_own_inputs(m, in, i, key);
  for (const Milestone& ms : d.milestones) key.add(static_cast<uint64_t>(portal.as_at && is_overdue(ms, *portal.as_at)));
  auto add_linked = [&](int j) { add_linked_to_key(in, j, key); };
  // Its timeline marks what falls after the as-at date as planned.
  const std::vector<StatusSpell> no_spells;
  const std::vector<StatusSpell>& spells = m.has_history() && i < m.history.statuses.size() ? m.history.statuses[i] : no_spells;
  for (const TimelineEvent& e : action_timeline(portal, i, spells))
    key.add(static_cast<uint64_t>(portal.as_at && e.date > *portal.as_at));
  key.add(static_cast<uint64_t>(spells.size()));
  for (const StatusSpell& s : spells) {
    key.add(s.since.iso());
    key.add(static_cast<uint64_t>(s.status));
    key.add(static_cast<uint64_t>(s.from_update));
    key.add(s.from_update ? in.documents[s.source] : in.commits[s.source]);
  }
  add_linked(d.theme.id.empty() ? -1 : portal.links.find(d.theme.id));
  add_linked(i < portal.plan_of.size() ? portal.plan_of[i] : -1);
  add_links_to_key(in, portal.links.references(i, Relation::answers), key);
  add_measures_evidencing_to_key(portal, in, i, key);
  const std::vector<size_t> updates = portal.links.referrers_in_reading_order(i, DocType::update);
  key.add(static_cast<uint64_t>(updates.size()));
  for (size_t u : updates) {
    add_linked(static_cast<int>(u));
    for (const Decision& dec : portal.doc(u).decisions)
      for (const Ref& ref : dec.actions) add_linked(portal.links.find(ref.id));
  }
}

// The pages of one type of document, one per document.
PageKind document_kind(DocType type, const char* section) {
  std::string name(doc_type_value(type));
  PageKind kind{name, name, section, std::nullopt, false, nullptr, nullptr};
  kind.routes = [type](const BuildModel& m) {
    std::vector<Route> routes;
    for (size_t i : documents_of_type(m.portal, type))
      routes.push_back(document_route(m, document_page_path(m.portal.doc(i).id), i));
    return routes;
  };
  kind.view = [](const BuildModel& m, const Route& r) {
    PageView page = document_page(m.portal, m.history.slippage, r.subject, m.body_html[r.subject]);
    link_subject_terms(m, r.subject, page);
    if (m.has_history()) add_history_to_document_page(m.portal, m.history, r.subject, page);
    else page.view.set("history", false);
    add_timeline_to_document_page(m.portal, m.history, r.subject, page);
    if (m.portal.doc(r.subject).type == DocType::update) {
      const SinceLastMeeting* since = since_last_meeting_of(m.since_last_meeting, r.subject);
      page.view.set("since", since ? since_last_meeting_view(m.portal, *since, page.path) : ViewData(false));
    }
    return page;
  };
  if (type == DocType::update) kind.inputs = add_update_inputs;
  if (type == DocType::action) kind.inputs = add_action_inputs;
  if (type == DocType::recommendation) kind.inputs = add_recommendation_inputs;
  if (type == DocType::inspection) kind.inputs = add_inspection_inputs;
  if (type == DocType::theme) kind.inputs = add_theme_inputs;
  if (type == DocType::page) kind.inputs = add_content_page_inputs;
  return kind;
}

}  // namespace

const PageKind kInspectionKind = document_kind(DocType::inspection, "inspections");
const PageKind kRecommendationKind = document_kind(DocType::recommendation, "recommendations");
const PageKind kPlanKind = document_kind(DocType::plan, "actions");
const PageKind kThemeKind = document_kind(DocType::theme, "actions");
const PageKind kActionKind = document_kind(DocType::action, "actions");
const PageKind kUpdateKind = document_kind(DocType::update, "updates");
const PageKind kContentPageKind = document_kind(DocType::page, "");
const PageKind kMeasureKind = document_kind(DocType::measure, "measures");

}  // namespace scrutiny
