#include "progress_pages.h"

#include <algorithm>
#include <map>
#include <set>

#include "counted_noun.h"
#include "owners.h"
#include "page_kinds.h"
#include "progress.h"
#include "site_path.h"
#include "svg_chart.h"

namespace scrutiny {
namespace {

// A milestone with the action it belongs to.
struct MilestoneRef {
  size_t action;
  const Milestone* milestone;
};

// The current plan's groups (themes, priority areas) in reading order.
std::vector<size_t> current_themes(const Portal& portal) {
  std::vector<size_t> out;
  for (size_t t : portal.links.in_reading_order(DocType::theme))
    if (portal.plans.current < 0 || (t < portal.plan_of.size() && portal.plan_of[t] == portal.plans.current)) out.push_back(t);
  return out;
}

bool overdue(const Portal& portal, const Document& a) { return portal.as_at && is_overdue(a, *portal.as_at); }
bool overdue(const Portal& portal, const Milestone& m) { return portal.as_at && is_overdue(m, *portal.as_at); }

std::string theme_title(const Portal& portal, const Document& action) {
  int t = portal.links.find(action.theme.id);
  return t < 0 ? "" : portal.doc(t).title;
}

// On an owner's page, what that owner does where there are several: "leads" or "supports".
void set_role(ViewData& item, const std::vector<std::string>& owners, const std::string& page_owner) {
  std::string role = owners.size() > 1 ? owner_role(owners, page_owner) : "";
  item.set("role", role.empty() ? ViewData(false) : ViewData(role == "Lead" ? "leads" : "supports"));
}

ViewData action_row(const Portal& portal, const DeadlineSlippage& slips, size_t i, const std::string& from,
                    const std::string& page_owner = "") {
  const Document& a = portal.doc(i);
  ViewData item = link_view(portal, i, from);
  const std::vector<std::string> owners = owners_of(a);  // a copy: made once for both
  item.set("owner", owners_text(owners));
  set_role(item, owners, page_owner);
  if (a.target_date) item.set("target_date", date_view(*a.target_date));
  item.set("slippage", slippage_view(slips.of_action(i), a.completed));
  item.set("theme", theme_title(portal, a));
  return item;
}

ViewData milestone_row(const Portal& portal, const DeadlineSlippage& slips, const MilestoneRef& m, const std::string& from,
                       const std::string& page_owner = "") {
  ViewData item;
  const Document& a = portal.doc(m.action);
  item.set("title", m.milestone->title);
  item.set("action", link_view(portal, m.action, from));
  const std::vector<std::string> owners = owners_of(*m.milestone);  // a copy: made once for both
  item.set("owner", owners_text(owners));
  set_role(item, owners, page_owner);
  item.set("target_date", date_view(m.milestone->target_date));
  item.set("slippage", slippage_view(slips.of_milestone(m.action, m.milestone->title), m.milestone->completed));
  item.set("status", status_view(m.milestone->status));
  item.set("overdue", overdue(portal, *m.milestone));
  if (m.milestone->completed) item.set("completed", date_view(*m.milestone->completed));
  else item.set("completed", false);
  item.set("theme", theme_title(portal, a));
  return item;
}

// One filter: a page of actions (or milestones) and its link in the filter menu.
struct Filter {
  std::string group;  // "Status", "Theme", "Owner", "Overdue"
  std::string label;
  std::string name;   // path part: "status/on-track"
};

// The menu's first entry on an earlier plan's pages: all of that plan's, on the plan's own page.
struct AllOfPlan {
  std::string label, path;
  size_t count = 0;
};

PageView filtered_page(const std::string& kind, const std::string& title, const std::string& path,
                       const std::vector<Filter>& filters, const std::map<std::string, size_t>& counts,
                       const std::string& current, const AllOfPlan* all_of_plan = nullptr) {
  PageView page;
  page.path = path;
  page.title = title;
  std::string all_path = kind + "/index.html";
  page.breadcrumbs = {crumb_of(kHomeKind)};
  if (path != all_path) page.breadcrumbs.push_back(crumb_of(kind == "actions" ? kActionsFilterKind : kMilestonesFilterKind));
  page.breadcrumbs.push_back({title, ""});
  ViewData& v = page.view;
  v.set("title", title);
  v.set("is_actions", kind == "actions");
  // The filter menu, grouped.
  std::vector<ViewData> groups;
  std::string group_name;
  std::vector<ViewData> items;
  auto flush = [&] {
    if (group_name.empty()) return;
    ViewData g;
    g.set("name", group_name);
    g.set("items", list_of(std::move(items)));
    groups.push_back(std::move(g));
    items.clear();
  };
  {
    ViewData all;
    if (all_of_plan) {
      all.set("label", all_of_plan->label);
      all.set("href", relative_href(path, all_of_plan->path));
    } else {
      all.set("label", "All " + std::string(kind == "actions" ? "actions" : "milestones"));
      all.set("href", relative_href(path, all_path));
    }
    all.set("count", std::to_string(counts.count("") ? counts.at("") : 0));
    all.set("current", current.empty());
    group_name = "Show";
    items.push_back(std::move(all));
  }
  for (const Filter& f : filters) {
    if (f.group != group_name) {
      flush();
      group_name = f.group;
    }
    ViewData item;
    item.set("label", f.label);
    item.set("href", relative_href(path, kind + "/" + f.name + ".html"));
    item.set("count", std::to_string(counts.count(f.name) ? counts.at(f.name) : 0));
    item.set("current", f.name == current);
    items.push_back(std::move(item));
  }
  flush();
  v.set("filter_groups", list_of(std::move(groups)));
  return page;
}

// What an earlier plan's filter page is about: that plan, with its dates.
ViewData earlier_plan_scope_view(const Portal& portal, size_t plan, const std::string& from) {
  ViewData item = link_view(portal, plan, from);
  const Document& d = portal.doc(plan);
  item.set("approved", d.approved ? date_view(*d.approved) : ViewData(false));
  item.set("closed", plan_closed(d, portal.as_at) ? date_view(*d.closed) : ViewData(false));
  ViewData v;
  v.set("about_earlier", std::move(item));
  return v;
}

// The filter pages of one kind ("actions" or "milestones"): each item names the filters it
// belongs to, so the pages come from one pass over the items rather than from testing every
// item against every filter. Worked out once per build and shared by the kind's routes.
template <typename Item>
struct FilterSet {
  const Portal* portal = nullptr;
  std::string kind;
  std::vector<Filter> filters;
  std::vector<Item> all;
  std::map<std::string, std::vector<size_t>> members;
  std::map<std::string, size_t> counts;
  int plan = -1;  // an earlier plan whose pages these are (earlier_plan_routes); -1: the current plan
};

template <typename Item, typename Names, typename Source>
std::vector<Route> filter_routes(const Portal& portal, const std::string& kind, std::vector<Filter> filters,
                                 std::vector<Item> all, Names names_of, Source source_of, int plan = -1) {
  auto set = std::make_shared<FilterSet<Item>>();
  set->portal = &portal;
  set->kind = kind;
  set->plan = plan;
  for (size_t k = 0; k < all.size(); ++k)
    for (const std::string& name : names_of(all[k])) set->members[name].push_back(k);
  set->counts[""] = all.size();
  for (const auto& [name, items] : set->members) set->counts[name] = items.size();
  set->filters = std::move(filters);
  set->all = std::move(all);

  std::vector<Route> routes;
  Route r;
  r.path = kind + "/index.html";
  r.subject = 0;
  r.shared = set;
  routes.push_back(r);
  for (size_t f = 0; f < set->filters.size(); ++f) {
    r.path = kind + "/" + set->filters[f].name + ".html";
    r.subject = f + 1;
    // A page named after content (a theme, an owner) names the first file that gives it.
    r.source_file.clear();
    if (auto it = set->members.find(set->filters[f].name);
        it != set->members.end() && set->filters[f].group != "Status" && set->filters[f].group != "Overdue")
      r.source_file = source_of(set->all[it->second.front()]), r.source_line = 1;
    routes.push_back(r);
  }
  return routes;
}

template <typename Item, typename Row>
PageView filter_view(const Route& route, Row row) {
  const auto& set = *static_cast<const FilterSet<Item>*>(route.shared.get());
  const std::string noun = set.kind == "actions" ? "Actions" : "Milestones";
  std::string name, title = noun, owner;
  if (route.subject > 0) {
    const Filter& f = set.filters[route.subject - 1];
    name = f.name;
    title = noun + ": " + f.label;
    if (f.group == "Owner") owner = f.label;
  }
  std::optional<AllOfPlan> all_of_plan;
  if (set.plan >= 0) {
    const Document& plan = set.portal->doc(static_cast<size_t>(set.plan));
    all_of_plan = AllOfPlan{"All of " + plan.title, document_page_path(plan.id)};
  }
  PageView page = filtered_page(set.kind, title, route.path, set.filters, set.counts, name,
                                all_of_plan ? &*all_of_plan : nullptr);
  page.view.set("plan_scope", set.plan >= 0 ? earlier_plan_scope_view(*set.portal, static_cast<size_t>(set.plan), page.path)
                                            : plan_scope_view(*set.portal, page.path));
  page.view.set("grouping_label", first_letter_upper(grouping_words(*set.portal, set.plan >= 0 ? set.plan : set.portal->plans.current).singular));
  std::vector<ViewData> rows;
  if (name.empty()) {
    for (const Item& item : set.all) rows.push_back(row(item, page.path, owner));
  } else if (auto it = set.members.find(name); it != set.members.end()) {
    for (size_t k : it->second) rows.push_back(row(set.all[k], page.path, owner));
  }
  page.view.set("has_rows", !rows.empty());
  page.view.set("row_count", std::to_string(rows.size()));
  page.view.set("rows", list_of(std::move(rows)));
  return page;
}

// What a filter page reads (filter_view, its rows and add_slippage_link), for its key before its
// view is built: the filters with their counts, the plans, every document's title (a row names
// its action's theme; a plan's pages, its themes) and, for each row, its action's document (its
// file, its link and its history, whence its slippage: PageInputs::documents). The as-at date
// is read only to tell what is overdue and which plans are closed, so those facts are keyed
// rather than the date, which moves with every commit. An edit to one action so rebuilds only
// the pages listing it, and the lists of all.
template <typename Item, typename AddRow>
void add_filter_inputs(const BuildModel& m, const PageInputs& in, const Route& route, PageKeyHasher& key,
                       AddRow add_row) {
  const auto& set = *static_cast<const FilterSet<Item>*>(route.shared.get());
  const Portal& portal = m.portal;
  key.add(static_cast<uint64_t>(route.subject));
  key.add(static_cast<uint64_t>(set.plan + 1));
  key.add(static_cast<uint64_t>(set.filters.size()));
  for (const Filter& f : set.filters) {
    key.add(f.group);
    key.add(f.label);
    key.add(f.name);
  }
  key.add(static_cast<uint64_t>(set.counts.size()));
  for (const auto& [name, count] : set.counts) {
    key.add(name);
    key.add(static_cast<uint64_t>(count));
  }
  key.add(static_cast<uint64_t>(m.has_history()));
  key.add(in.links);
  auto add_plan = [&](size_t p) {
    key.add(in.documents[p]);
    key.add(static_cast<uint64_t>(plan_closed(portal.doc(p), portal.as_at)));
  };
  key.add(static_cast<uint64_t>(portal.plans.current + 1));
  key.add(static_cast<uint64_t>(portal.plans.earlier.size()));
  if (portal.plans.current >= 0) add_plan(static_cast<size_t>(portal.plans.current));
  for (size_t p : portal.plans.earlier) add_plan(p);
  if (route.subject == 0) {
    key.add(static_cast<uint64_t>(set.all.size()));
    for (const Item& item : set.all) add_row(item, key);
  } else if (auto it = set.members.find(set.filters[route.subject - 1].name); it != set.members.end()) {
    key.add(static_cast<uint64_t>(it->second.size()));
    for (size_t k : it->second) add_row(set.all[k], key);
  }
}

// File names of the theme and owner filter pages, one per theme id and per owner, the same for
// actions and milestones.
struct FilterNames {
  std::map<std::string, std::string> theme, owner;
};

FilterNames filter_names(const Portal& portal, const std::vector<size_t>& actions) {
  std::set<std::string> themes, owners;
  for (size_t t : current_themes(portal)) themes.insert(portal.doc(t).id);
  // One page per person or post, never one for a pairing of them.
  for (size_t a : actions) {
    if (!portal.doc(a).theme.id.empty()) themes.insert(portal.doc(a).theme.id);
    for (const std::string& o : owners_of(portal.doc(a))) owners.insert(o);
    for (const Milestone& m : portal.doc(a).milestones)
      for (const std::string& o : owners_of(m)) owners.insert(o);
  }
  return {page_names(themes), page_names(owners)};
}

std::vector<Filter> filters_for(const Portal& portal, const FilterNames& names, const std::set<std::string>& owners) {
  std::vector<Filter> filters;
  for (Status s : all_statuses()) filters.push_back({"Status", std::string(status_label(s)), "status/" + std::string(status_value(s))});
  if (portal.as_at) filters.push_back({"Overdue", "Overdue", "overdue"});
  const std::string group = first_letter_upper(grouping_words(portal, portal.plans.current).singular);
  for (size_t t : current_themes(portal)) filters.push_back({group, portal.doc(t).title, "theme/" + names.theme.at(portal.doc(t).id)});
  for (const std::string& o : owners) filters.push_back({"Owner", o, "owner/" + names.owner.at(o)});
  return filters;
}

// An earlier plan's theme and owner pages, at the addresses they had while it was the only plan
// (its own themes and owners named as filter_names names them), so that links people saved
// keep working after a new plan becomes the current one. An address the current plan's pages
// use stays theirs. `items_of` gives a plan's items, `names_of` and `owners_of_item` each
// item's filter names and owners.
template <typename Item, typename Items, typename Names, typename Owners, typename Source>
std::vector<Route> earlier_plan_routes(const Portal& portal, const std::string& kind, const std::vector<Route>& current,
                                       Items items_of, Names names_of, Owners owners_of_item, Source source_of) {
  std::set<std::string> taken;
  for (const Route& r : current) taken.insert(r.path);
  std::vector<Route> routes;
  for (size_t p : portal.plans.earlier) {
    const std::vector<size_t> actions = actions_of_plan(portal, p);
    std::set<std::string> themes, owners, item_owners;
    for (size_t t : portal.links.in_reading_order(DocType::theme))
      if (t < portal.plan_of.size() && portal.plan_of[t] == static_cast<int>(p)) themes.insert(portal.doc(t).id);
    for (size_t a : actions) {
      for (const std::string& o : owners_of(portal.doc(a))) owners.insert(o);
      for (const Milestone& m : portal.doc(a).milestones)
        for (const std::string& o : owners_of(m)) owners.insert(o);
    }
    const FilterNames names{page_names(themes), page_names(owners)};
    std::vector<Item> items = items_of(actions);
    for (const Item& item : items)
      for (const std::string& o : owners_of_item(item)) item_owners.insert(o);
    std::vector<Filter> filters;
    const std::string group = first_letter_upper(grouping_words(portal, static_cast<int>(p)).singular);
    for (size_t t : portal.links.in_reading_order(DocType::theme))
      if (themes.count(portal.doc(t).id)) filters.push_back({group, portal.doc(t).title, "theme/" + names.theme.at(portal.doc(t).id)});
    for (const std::string& o : item_owners) filters.push_back({"Owner", o, "owner/" + names.owner.at(o)});
    std::erase_if(filters, [&](const Filter& f) { return taken.count(kind + "/" + f.name + ".html") > 0; });
    if (filters.empty()) continue;
    std::vector<Route> plan_routes =
        filter_routes(portal, kind, std::move(filters), std::move(items), [&](const Item& item) { return names_of(names, item); },
                      source_of, static_cast<int>(p));
    // Its list of all is the plan's own page, not a page here.
    for (size_t k = 1; k < plan_routes.size(); ++k)
      if (taken.insert(plan_routes[k].path).second) routes.push_back(plan_routes[k]);
  }
  return routes;
}

ViewData chart_table_row(const std::string& label, const std::vector<size_t>& counts) {
  ViewData row;
  row.set("label", label);
  std::vector<ViewData> cells;
  size_t total = 0;
  for (size_t c : counts) {
    ViewData cell;
    cell.set("value", std::to_string(c));
    cells.push_back(std::move(cell));
    total += c;
  }
  row.set("cells", list_of(std::move(cells)));
  row.set("total", std::to_string(total));
  return row;
}

// Actions by status for a group of actions, as a bar row and a table row.
// On track and off track differ mostly in hue, so the statuses that need a reader's attention
// carry a texture as well as a colour.
SegmentPattern status_pattern(Status s) {
  switch (s) {
    case Status::not_started: return SegmentPattern::crosshatch;
    case Status::at_risk: return SegmentPattern::dots;
    case Status::off_track: return SegmentPattern::stripes;
    case Status::on_track:
    case Status::complete: break;
  }
  return SegmentPattern::solid;
}

void status_counts(const Portal& portal, const std::string& label, const std::vector<size_t>& actions,
                   std::vector<BarRow>& bars, std::vector<ViewData>& rows) {
  std::vector<size_t> counts(all_statuses().size(), 0);
  for (size_t a : actions)
    if (portal.doc(a).status) ++counts[static_cast<size_t>(*portal.doc(a).status)];
  BarRow bar{label, {}};
  for (Status s : all_statuses())
    bar.segments.push_back({std::string(status_value(s)), std::string(status_label(s)),
                            static_cast<double>(counts[static_cast<size_t>(s)]), status_pattern(s)});
  bars.push_back(bar);
  rows.push_back(chart_table_row(label, counts));
}

ViewData status_headers() {
  std::vector<ViewData> headers;
  for (Status s : all_statuses()) headers.push_back(status_view(s));
  return list_of(std::move(headers));
}

// A page at the top of the site about progress as at the portal's date.
PageView as_at_page(const Portal& portal, const std::string& path, const std::string& title) {
  PageView page;
  page.path = path;
  page.title = title;
  page.breadcrumbs = {crumb_of(kHomeKind), {page.title, ""}};
  page.view.set("title", page.title);
  page.view.set("as_at", as_at_view(portal));
  page.view.set("plan_scope", plan_scope_view(portal, page.path));
  const GroupingWords words = grouping_words(portal, portal.plans.current);
  page.view.set("grouping", words.singular);
  page.view.set("grouping_label", first_letter_upper(words.singular));
  return page;
}

PageView progress_page(const Portal& portal, const std::vector<size_t>& actions, const std::vector<MilestoneRef>& milestones) {
  PageView page = as_at_page(portal, "progress.html", "Progress at a glance");
  ViewData& v = page.view;
  v.set("status_headers", status_headers());

  // By theme (or whatever the plan groups its actions into), the current plan's only.
  const GroupingWords words = grouping_words(portal, portal.plans.current);
  std::vector<BarRow> bars;
  std::vector<ViewData> rows;
  const std::vector<size_t> themes = current_themes(portal);
  for (size_t t : themes)
    status_counts(portal, portal.doc(t).title, portal.links.referrers(t, Relation::in_theme), bars, rows);
  std::vector<size_t> ungrouped;
  for (size_t a : actions)
    if (portal.doc(a).theme.id.empty()) ungrouped.push_back(a);
  if (!themes.empty() && !ungrouped.empty())
    status_counts(portal, "Not in a " + words.singular, ungrouped, bars, rows);
  v.set("has_themes", !themes.empty());
  v.set("grouping_plural", words.plural);
  v.set("theme_chart", stacked_bar_chart("chart-themes", "Actions by status in each " + words.singular,
                                         "Stacked bars, one per " + words.singular + "; the table that follows gives the same figures.", bars));
  v.set("theme_rows", list_of(std::move(rows)));

  // By recommendation: those the current plan's actions answer, counting those actions only.
  bars.clear();
  rows.clear();
  for (size_t r : portal.links.in_reading_order(DocType::recommendation)) {
    std::vector<size_t> answering;
    for (size_t a : portal.links.referrers(r, Relation::answers))
      if (std::find(actions.begin(), actions.end(), a) != actions.end()) answering.push_back(a);
    if (!answering.empty()) status_counts(portal, portal.doc(r).title, answering, bars, rows);
  }
  v.set("recommendation_chart", stacked_bar_chart("chart-recommendations", "Actions by status for each recommendation",
                                                  "Stacked bars, one per recommendation; the table that follows gives the same figures.", bars));
  v.set("recommendation_rows", list_of(std::move(rows)));

  // Milestones planned (by target date) and completed, cumulative by quarter.
  std::map<std::pair<int, int>, std::pair<size_t, size_t>> quarters;
  for (const MilestoneRef& m : milestones) {
    const Date& t = m.milestone->target_date;
    ++quarters[{t.year, (t.month - 1) / 3 + 1}].first;
    if (m.milestone->completed) {
      const Date& c = *m.milestone->completed;
      ++quarters[{c.year, (c.month - 1) / 3 + 1}].second;
    }
  }
  std::vector<std::string> labels;
  std::vector<double> planned, done;
  std::vector<ViewData> quarter_rows;
  if (!quarters.empty()) {
    auto [y, q] = quarters.begin()->first;
    auto last = quarters.rbegin()->first;
    size_t cp = 0, cd = 0;
    while (std::make_pair(y, q) <= last) {
      auto it = quarters.find({y, q});
      if (it != quarters.end()) {
        cp += it->second.first;
        cd += it->second.second;
      }
      std::string label = "Q" + std::to_string(q) + " " + std::to_string(y);
      labels.push_back(q == 1 ? std::to_string(y) : "");
      planned.push_back(static_cast<double>(cp));
      done.push_back(static_cast<double>(cd));
      ViewData row;
      row.set("label", std::move(label));
      row.set("planned", std::to_string(cp));
      row.set("completed", std::to_string(cd));
      quarter_rows.push_back(std::move(row));
      if (++q == 5) q = 1, ++y;
    }
  }
  v.set("milestone_chart", line_chart("chart-milestones", "Milestones completed against milestones planned",
                                      "Two lines by quarter: the running total of milestones due by their target dates, and of milestones completed. The table that follows gives the same figures.",
                                      labels, {{"planned", "Planned (by target date)", planned}, {"completed", "Completed", done}}, 1));
  v.set("quarter_rows", list_of(std::move(quarter_rows)));
  v.set("milestone_total", std::to_string(milestones.size()));
  return page;
}

PageView overdue_page(const Portal& portal, const DeadlineSlippage& slips, const std::vector<size_t>& actions,
                      const std::vector<MilestoneRef>& milestones) {
  PageView page = as_at_page(portal, "overdue.html", "Overdue actions and milestones");
  ViewData& v = page.view;
  std::vector<ViewData> action_rows, milestone_rows;
  for (size_t a : actions) {
    if (!overdue(portal, portal.doc(a))) continue;
    ViewData row = action_row(portal, slips, a, page.path);
    row.set("days", std::to_string(days_overdue(*portal.doc(a).target_date, *portal.doc(a).status, *portal.as_at)));
    action_rows.push_back(std::move(row));
  }
  for (const MilestoneRef& m : milestones) {
    if (!overdue(portal, *m.milestone)) continue;
    ViewData row = milestone_row(portal, slips, m, page.path);
    row.set("days", std::to_string(days_overdue(m.milestone->target_date, m.milestone->status, *portal.as_at)));
    milestone_rows.push_back(std::move(row));
  }
  v.set("has_actions", !action_rows.empty());
  v.set("actions", list_of(std::move(action_rows)));
  v.set("has_milestones", !milestone_rows.empty());
  v.set("milestones", list_of(std::move(milestone_rows)));
  return page;
}

PageView programme_timeline_page(const Portal& portal, const SiteHistory& history) {
  PageView page;
  page.path = "timeline.html";
  page.title = "Timeline of the improvement programme";
  page.breadcrumbs = {crumb_of(kHomeKind), {page.title, ""}};
  page.view.set("title", page.title);
  // Newest first, month by month: each month's key events in a list, its milestones folded
  // into a <details> so the few events readers look for are not buried among many.
  std::vector<ViewData> months, jumps;
  std::vector<TimelineEvent> events = programme_timeline(portal, history.index, history.moved);
  std::reverse(events.begin(), events.end());
  size_t k = 0;
  while (k < events.size()) {
    Date first = events[k].date;
    std::vector<TimelineEvent> key, detail;
    size_t met = 0, missed = 0, due = 0;
    for (; k < events.size() && events[k].date.year == first.year && events[k].date.month == first.month; ++k) {
      const TimelineEvent& e = events[k];
      if (is_key_event(e)) key.push_back(e);
      else {
        detail.push_back(e);
        // A milestone-due event is shown only for one met late or not yet met.
        ++(e.kind == "milestone-met" ? met : portal.as_at && e.date > *portal.as_at ? due : missed);
      }
    }
    ViewData m;
    m.set("label", first.month_year());
    char id[16];
    std::snprintf(id, sizeof id, "m%04d-%02d", first.year, first.month);
    m.set("id", std::string(id));
    m.set("has_events", !key.empty());
    m.set("events", timeline_view(portal, key, page.path));
    m.set("has_milestones", !detail.empty());
    std::vector<std::string> parts;
    if (met) parts.push_back(counted_noun(met, "milestone completed", "milestones completed"));
    if (missed) parts.push_back(counted_noun(missed, "milestone not met by its date", "milestones not met by their date"));
    if (due) parts.push_back(counted_noun(due, "milestone due", "milestones due"));
    std::string summary = first.month_year() + ":";
    for (size_t p = 0; p < parts.size(); ++p) summary += (p ? ", " : " ") + parts[p];
    m.set("milestone_summary", std::move(summary));
    m.set("milestones", timeline_view(portal, detail, page.path));
    if (!key.empty()) jumps.push_back(m);
    months.push_back(std::move(m));
  }
  page.view.set("has_months", !months.empty());
  page.view.set("months", list_of(std::move(months)));
  page.view.set("jumps", list_of(std::move(jumps)));
  return page;
}

}  // namespace

ViewData timeline_view(const Portal& portal, const std::vector<TimelineEvent>& events, const std::string& from) {
  std::vector<ViewData> items;
  for (const TimelineEvent& e : events) {
    ViewData item;
    item.set("date", date_view(e.date));
    item.set("kind", e.kind);
    item.set("label", e.label);
    item.set("text", e.text);
    if (e.document >= 0) item.set("href", relative_href(from, document_page_path(portal.doc(e.document).id)));
    else item.set("href", false);
    item.set("note", e.note.empty() ? ViewData(false) : ViewData(e.note));
    item.set("future", portal.as_at && e.date > *portal.as_at);
    items.push_back(std::move(item));
  }
  return list_of(std::move(items));
}

void add_timeline_to_document_page(const Portal& portal, const SiteHistory& history, size_t i, PageView& page) {
  const Document& d = portal.doc(i);
  std::vector<TimelineEvent> events;
  if (d.type == DocType::recommendation) {
    // Milestones are most of a recommendation's events: say where they stand in one sentence
    // and fold the list, which the action pages also give in full.
    std::vector<TimelineEvent> key, detail;
    for (TimelineEvent& e : recommendation_timeline(portal, i)) (is_key_event(e) ? key : detail).push_back(std::move(e));
    std::vector<const Document*> actions;
    for (size_t a : portal.links.referrers(i, Relation::answers)) actions.push_back(&portal.doc(a));
    MilestoneProgress p = milestone_progress(actions, portal.as_at);
    std::string summary;
    if (p.total) {
      summary = std::to_string(p.complete) + " of " + counted_noun(p.total, "milestone", "milestones") + " complete";
      if (p.overdue) summary += "; " + std::to_string(p.overdue) + " overdue";
      if (p.next_due) summary += "; next due " + p.next_due->target_date.long_form() + ": " + p.next_due->title;
      summary += ".";
    }
    page.view.set("milestone_summary", summary.empty() ? ViewData(false) : ViewData(summary));
    page.view.set("has_milestone_events", !detail.empty());
    page.view.set("milestone_events_count", counted_noun(detail.size(), "milestone event", "milestone events"));
    page.view.set("milestone_events", timeline_view(portal, detail, page.path));
    page.view.set("has_timeline", !key.empty() || !detail.empty());
    page.view.set("timeline", timeline_view(portal, key, page.path));
    return;
  } else if (d.type == DocType::action)
    events = action_timeline(portal, i, history.index ? history.statuses[i] : std::vector<StatusSpell>{});
  else return;
  page.view.set("has_timeline", !events.empty());
  page.view.set("timeline", timeline_view(portal, events, page.path));
}

namespace {

std::vector<MilestoneRef> milestones_of(const Portal& portal, const std::vector<size_t>& actions) {
  std::vector<MilestoneRef> milestones;
  for (size_t a : actions)
    for (const Milestone& m : portal.doc(a).milestones) milestones.push_back({a, &m});
  return milestones;
}

std::vector<Route> action_filter_routes(const BuildModel& model) {
  const Portal& portal = model.portal;
  std::vector<size_t> actions = current_plan_actions(portal);
  std::set<std::string> owner_set;
  for (size_t a : actions)
    for (const std::string& o : owners_of(portal.doc(a))) owner_set.insert(o);
  const FilterNames filter = filter_names(portal, actions);
  auto names_with = [&](const FilterNames& names, size_t a) {
    const Document& d = portal.doc(a);
    std::vector<std::string> out;
    if (!d.theme.id.empty()) out.push_back("theme/" + names.theme.at(d.theme.id));
    for (const std::string& o : owners_of(d)) out.push_back("owner/" + names.owner.at(o));
    if (d.status) out.push_back("status/" + std::string(status_value(*d.status)));
    if (overdue(portal, d)) out.push_back("overdue");
    return out;
  };
  auto source_of = [&](size_t a) { return portal.doc(a).display_path; };
  std::vector<Route> routes = filter_routes(portal, "actions", filters_for(portal, filter, owner_set), std::move(actions),
                                            [&](size_t a) { return names_with(filter, a); }, source_of);
  std::vector<Route> earlier = earlier_plan_routes<size_t>(
      portal, "actions", routes, [](const std::vector<size_t>& plan_actions) { return plan_actions; }, names_with,
      [&](size_t a) { return owners_of(portal.doc(a)); }, source_of);
  routes.insert(routes.end(), earlier.begin(), earlier.end());
  return routes;
}

// The lists are in plan order; the page sorted by slippage exists only with history.
void add_slippage_link(const BuildModel& m, PageView& page) {
  page.view.set("slippage_href", m.has_history() ? ViewData(relative_href(page.path, kSlippageKind.place->path)) : ViewData(false));
}

std::vector<Route> milestone_filter_routes(const BuildModel& model) {
  const Portal& portal = model.portal;
  std::vector<size_t> actions = current_plan_actions(portal);
  const FilterNames filter = filter_names(portal, actions);
  std::vector<MilestoneRef> milestones = milestones_of(portal, actions);
  std::set<std::string> owner_set;
  for (const MilestoneRef& m : milestones)
    for (const std::string& o : owners_of(*m.milestone)) owner_set.insert(o);
  auto names_with = [&](const FilterNames& names, const MilestoneRef& m) {
    std::vector<std::string> out;
    if (const std::string& theme = portal.doc(m.action).theme.id; !theme.empty())
      out.push_back("theme/" + names.theme.at(theme));
    for (const std::string& o : owners_of(*m.milestone)) out.push_back("owner/" + names.owner.at(o));
    out.push_back("status/" + std::string(status_value(m.milestone->status)));
    if (overdue(portal, *m.milestone)) out.push_back("overdue");
    return out;
  };
  auto source_of = [&](const MilestoneRef& m) { return portal.doc(m.action).display_path; };
  std::vector<Route> routes =
      filter_routes(portal, "milestones", filters_for(portal, filter, owner_set), std::move(milestones),
                    [&](const MilestoneRef& m) { return names_with(filter, m); }, source_of);
  std::vector<Route> earlier = earlier_plan_routes<MilestoneRef>(
      portal, "milestones", routes,
      [&](const std::vector<size_t>& plan_actions) { return milestones_of(portal, plan_actions); }, names_with,
      [](const MilestoneRef& m) { return owners_of(*m.milestone); }, source_of);
  routes.insert(routes.end(), earlier.begin(), earlier.end());
  return routes;
}

}  // namespace

const PageKind kActionsFilterKind{
    "actions", "filtered", "actions", PagePlace{"Actions", "actions/index.html", 3}, false, action_filter_routes,
    [](const BuildModel& m, const Route& r) {
      PageView page = filter_view<size_t>(r, [&](size_t a, const std::string& from, const std::string& owner) {
        return action_row(m.portal, m.history.slippage, a, from, owner);
      });
      add_slippage_link(m, page);
      return page;
    },
    /*in_sitemap=*/true,
    /*exists=*/nullptr,
    [](const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
      add_filter_inputs<size_t>(m, in, r, key, [&](size_t a, PageKeyHasher& k) { k.add(in.documents[a]); });
    }};

const PageKind kMilestonesFilterKind{
    "milestones", "filtered", "actions", PagePlace{"Milestones", "milestones/index.html"}, false,
    milestone_filter_routes, [](const BuildModel& m, const Route& r) {
      PageView page = filter_view<MilestoneRef>(
          r, [&](const MilestoneRef& x, const std::string& from, const std::string& owner) {
            return milestone_row(m.portal, m.history.slippage, x, from, owner);
          });
      add_slippage_link(m, page);
      return page;
    },
    /*in_sitemap=*/true,
    /*exists=*/nullptr,
    [](const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
      // A milestone is read from its action's file (which one, by place); whether it is overdue,
      // from the as-at date.
      add_filter_inputs<MilestoneRef>(m, in, r, key, [&](const MilestoneRef& x, PageKeyHasher& k) {
        const Document& action = m.portal.doc(x.action);
        k.add(in.documents[x.action]);
        k.add(static_cast<uint64_t>(x.milestone - action.milestones.data()));
        k.add(static_cast<uint64_t>(overdue(m.portal, *x.milestone)));
      });
    }};

const PageKind kProgressKind{
    "progress", "progress", "actions", std::nullopt, false, [](const BuildModel&) { return single_route("progress.html"); },
    [](const BuildModel& m, const Route&) {
      const std::vector<size_t> actions = current_plan_actions(m.portal);
      return progress_page(m.portal, actions, milestones_of(m.portal, actions));
    }};

const PageKind kOverdueKind{
    "overdue", "overdue", "actions", std::nullopt, false, [](const BuildModel&) { return single_route("overdue.html"); },
    [](const BuildModel& m, const Route&) {
      const std::vector<size_t> actions = current_plan_actions(m.portal);
      return overdue_page(m.portal, m.history.slippage, actions, milestones_of(m.portal, actions));
    }};

const PageKind kTimelineKind{
    "timeline", "timeline", "timeline", PagePlace{"Timeline", "timeline.html", 5}, false,
    [](const BuildModel&) { return single_route(kTimelineKind.place->path); },
    [](const BuildModel& m, const Route&) { return programme_timeline_page(m.portal, m.history); }};

}  // namespace scrutiny
