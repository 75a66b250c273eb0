// "Actions by slippage": every action and milestone whose target date moved, most slipped
// first. It lies under changes/, as every page made from history must (a folder documents
// cannot use, so `check`, which reads no history, needs no collision check for it). A sorted list without JavaScript has to be a page of its own; listing only the dates
// that moved makes the same page the filter too, so one page answers both "what slipped" and
// "what slipped most" (see docs/content-model.md, "Moved target dates").

#include "counted_noun.h"
#include "page_kinds.h"
#include "page_views.h"
#include "site_path.h"

namespace scrutiny {
namespace {

ViewData slipped_row(const Portal& portal, const DeadlineSlippage::Entry& e, const std::string& from) {
  const Document& a = portal.doc(e.document);
  const Slippage& s = *e.slippage;
  std::optional<Date> completed = a.completed;
  Status status = a.status.value_or(Status::not_started);
  ViewData row = link_view(portal, e.document, from);
  if (!e.milestone.empty()) {
    for (const Milestone& m : a.milestones)
      if (m.title == e.milestone) completed = m.completed, status = m.status;
    row.set("milestone", e.milestone);
  } else row.set("milestone", false);
  row.set("status", status_view(status));
  row.set("original", date_view(s.original));
  row.set("current", date_view(s.current));
  row.set("moves", s.moves == 1 ? std::string("once") : s.moves == 2 ? std::string("twice") : std::to_string(s.moves) + " times");
  const int days = s.days();
  row.set("days", std::to_string(days));
  row.set("days_words", days == 0 ? std::string("back to the original date")
                                  : counted_noun(static_cast<size_t>(days < 0 ? -days : days), "day", "days") +
                                        (days < 0 ? " earlier" : " later"));
  row.set("completed", completed ? date_view(*completed) : ViewData(false));
  ViewData v = slippage_view(&s, completed);
  row.set("completed_late", *v.get("completed_late"));
  return row;
}

PageView slippage_page(const BuildModel& m) {
  const Portal& portal = m.portal;
  PageView page;
  page.path = kSlippageKind.place->path;
  page.title = kSlippageKind.place->label;
  page.breadcrumbs = {crumb_of(kHomeKind), crumb_of(kActionsFilterKind), {page.title, ""}};
  page.view.set("title", page.title);
  std::vector<ViewData> actions, milestones;
  for (const DeadlineSlippage::Entry& e : m.history.slippage.most_slipped_first())
    (e.milestone.empty() ? actions : milestones).push_back(slipped_row(portal, e, page.path));
  page.view.set("has_actions", !actions.empty());
  page.view.set("action_count_words", counted_noun(actions.size(), "action", "actions"));
  page.view.set("actions", list_of(std::move(actions)));
  page.view.set("has_milestones", !milestones.empty());
  page.view.set("milestone_count_words", counted_noun(milestones.size(), "milestone", "milestones"));
  page.view.set("milestones", list_of(std::move(milestones)));
  page.view.set("actions_href", relative_href(page.path, kActionsFilterKind.place->path));
  page.view.set("moved_deadlines_href", relative_href(page.path, "changes/moved-deadlines.html"));
  return page;
}

}  // namespace

const PageKind kSlippageKind{
    "slippage", "slippage", "actions", PagePlace{"Actions by slippage", "changes/actions-by-slippage.html"}, true,
    [](const BuildModel&) { return single_route(kSlippageKind.place->path); },
    [](const BuildModel& m, const Route&) { return slippage_page(m); }};

}  // namespace scrutiny
