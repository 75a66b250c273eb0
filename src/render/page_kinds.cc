#include "page_kinds.h"

#include <algorithm>
#include <map>

#include "site_path.h"

namespace scrutiny {

const PageRegistry& builtin_page_kinds() {
  // One line per kind. The order is only that of the routes; navigation has its own order.
  static const PageRegistry kinds = {
      &kHomeKind,
      &kNotFoundKind,
      &kInspectionsListKind,
      &kRecommendationsListKind,
      &kMeasuresListKind,  // before the updates list: its place in the navigation ties with theirs
      &kUpdatesListKind,
      &kInspectionKind,
      &kRecommendationKind,
      &kPlanKind,
      &kThemeKind,
      &kActionKind,
      &kUpdateKind,
      &kContentPageKind,
      &kMeasureKind,
      &kActionsFilterKind,
      &kMilestonesFilterKind,
      &kProgressKind,
      &kOverdueKind,
      &kTimelineKind,
      &kSearchKind,
      &kAToZKind,
      &kHistoryKind,
      &kRevisionKind,
      &kCommitKind,
      &kChangesKind,
      &kMovedDeadlinesKind,
      &kSlippageKind,
  };
  return kinds;
}

Crumb crumb_of(const PageKind& kind) { return {kind.place->label, kind.place->path}; }

std::vector<Route> single_route(std::string path) {
  Route r;
  r.path = std::move(path);
  return {r};
}

Route document_route(const BuildModel& model, std::string path, size_t i) {
  Route r;
  r.path = std::move(path);
  r.subject = i;
  r.source_file = model.portal.doc(i).display_path;
  r.source_line = std::max(1, model.portal.doc(i).id_line);  // 0: the id comes from the path
  r.document_page = true;
  return r;
}

std::vector<std::string> required_templates(const PageRegistry& kinds) {
  std::vector<std::string> names = {"layout"};
  for (const PageKind* k : kinds)
    if (std::find(names.begin(), names.end(), k->template_name) == names.end()) names.push_back(k->template_name);
  return names;
}

std::vector<Route> compute_routes(const BuildModel& model, const PageRegistry& kinds) {
  std::vector<Route> routes;
  for (const PageKind* k : kinds) {
    if (k->needs_history && !model.has_history()) continue;
    if (k->exists && !k->exists(model)) continue;
    for (Route& r : k->routes(model)) {
      r.kind = k;
      routes.push_back(std::move(r));
    }
  }
  return routes;
}

void check_routes(const std::vector<Route>& routes, Diagnostics& diags) {
  // File systems take 255 bytes per name; ids are held well within that (document_reader.cc),
  // so this only catches a kind that makes longer names of its own.
  constexpr size_t kMaxName = 255;
  std::map<std::string_view, const Route*> seen;
  for (const Route& r : routes) {
    const std::string& where = r.source_file.empty() ? r.path : r.source_file;
    for (size_t start = 0; start < r.path.size();) {
      size_t end = std::min(r.path.find('/', start), r.path.size());
      if (end - start > kMaxName)
        diags.error(where, r.source_line, "",
                    "a page made from this would be named with more than " + std::to_string(kMaxName) +
                        " bytes, which file systems do not allow: shorten the name (" + r.path.substr(0, 60) + "...)");
      start = end + 1;
    }
    auto [it, inserted] = seen.emplace(r.path, &r);
    if (inserted) continue;
    // Report at the content's file: a document's own page, or the second of two pages made
    // from content (two owners whose names give the same filter page).
    const Route* document = nullptr;
    for (const Route* x : {it->second, &r})
      if (x->document_page) document = x;
    if (document)
      diags.error(document->source_file, document->source_line, "id",
                  "this document's page would be " + r.path + ", which the generator writes for its own "
                  "pages: give the document another id or file name");
    else
      diags.error(where, r.source_line, "",
                  "two pages would be written at " + r.path + " (" + it->second->kind->name + " and " +
                      r.kind->name + "): change one of the names that give it");
  }
}

std::string key_from_inputs(const BuildModel& model, const PageInputs& inputs, const Route& route) {
  if (!route.kind->inputs || inputs.renderer.empty()) return {};
  PageKeyHasher h;
  h.add("inputs");
  h.add(inputs.build);
  h.add(route.kind->name);
  h.add(route.kind->template_name);
  h.add(route.kind->section);
  h.add(route.path);
  route.kind->inputs(model, inputs, route, h);
  return h.key();
}

LayoutParts layout_parts(const BuildModel& model, const PageRegistry& kinds) {
  LayoutParts parts;
  std::vector<const PageKind*> in_nav;
  for (const PageKind* k : kinds)
    if (k->place && k->place->nav_order >= 0 && (!k->needs_history || model.has_history()) &&
        (!k->exists || k->exists(model)))
      in_nav.push_back(k);
  std::stable_sort(in_nav.begin(), in_nav.end(),
                   [](const PageKind* a, const PageKind* b) { return a->place->nav_order < b->place->nav_order; });
  for (const PageKind* k : in_nav) parts.nav.push_back({k->section, k->place->label, k->place->path});
  parts.has_changes_feed = model.has_history();

  // The footer links the portal's own pages at the top of the content folder (about,
  // accessibility statement): a portal with hundreds of pages would otherwise put all of them
  // on every page.
  const Portal& portal = model.portal;
  for (size_t i : documents_of_type(portal, DocType::page))
    if (portal.doc(i).id.find('/') == std::string::npos) parts.footer_pages.push_back(i);
  std::stable_sort(parts.footer_pages.begin(), parts.footer_pages.end(), [&](size_t a, size_t b) {
    return std::make_pair(portal.doc(a).order.value_or(1000), portal.doc(a).title) <
           std::make_pair(portal.doc(b).order.value_or(1000), portal.doc(b).title);
  });
  return parts;
}

namespace {

// A 404 page is served at whatever address was asked for, so relative links from it only
// work at the top level; with a base URL its links are absolute instead.
bool links_absolute(const PortalConfig& c, const PageView& page) {
  return page.path == "404.html" && !c.base_url.empty();
}

std::string folder_of(const std::string& path) { return path.substr(0, path.rfind('/') + 1); }

}  // namespace

LayoutViews::LayoutViews(const Portal& portal, const LayoutParts& parts) : portal_(portal), parts_(parts) {}

std::string LayoutViews::href(const PageView& page, const std::string& to) const {
  const PortalConfig& c = portal_.config;
  return links_absolute(c, page) ? c.base_url + to : relative_href(page.path, to);
}

ViewData LayoutViews::nav_view(const PageView& page) const {
  ViewData nav{ViewData::type::list};
  nav.reserve(parts_.nav.size());
  for (const LayoutParts::NavEntry& e : parts_.nav) {
    ViewData item;
    item.set("label", e.label);
    item.set("href", href(page, e.path));
    // The page itself is "page"; a page inside the section marks its entry "true".
    if (page.path == e.path) item.set("current", "page");
    else if (page.section == e.section) item.set("current", "true");
    nav.push_back(std::move(item));
  }
  return nav;
}

std::string LayoutViews::nav_marks(const PageView& page) const {
  std::string marks;
  marks.reserve(parts_.nav.size());
  for (const LayoutParts::NavEntry& e : parts_.nav)
    marks += page.path == e.path ? 'p' : page.section == e.section ? 't' : '-';
  return marks;
}

const ViewData& LayoutViews::shared(const PageView& page) {
  const PortalConfig& c = portal_.config;
  const bool absolute = links_absolute(c, page);
  std::string folder = folder_of(page.path);
  std::string marks = nav_marks(page);
  if (has_shared_ && absolute == shared_absolute_ && folder == shared_folder_ && marks == shared_marks_)
    return shared_;
  // Everything here reads the same from every page in the folder that marks the same
  // navigation entries current: relative_href and root_prefix depend only on the folder.
  ViewData v;
  v.set("lang", c.language);
  v.set("site_title", c.title);
  v.set("authority", c.authority);
  v.set("root", absolute ? c.base_url : root_prefix(page.path));
  v.set("home_href", href(page, "index.html"));
  v.set("search_href", href(page, "search.html"));
  v.set("stylesheet", href(page, "assets/style.css"));
  v.set("print_stylesheet", href(page, "assets/print.css"));
  // Feed readers and browsers find the feeds from any page's head (RFC 4287 autodiscovery).
  ViewData feeds{ViewData::type::list};
  auto add_feed = [&](const char* title, const char* path) {
    ViewData f;
    f.set("title", std::string(title) + " – " + c.title);
    f.set("href", href(page, path));
    feeds.push_back(std::move(f));
  };
  add_feed("Progress updates", kUpdatesFeedPath);
  if (parts_.has_changes_feed) add_feed("Changes", kChangesFeedPath);
  v.set("feeds", std::move(feeds));
  if (!c.description.empty()) v.set("description", c.description);
  v.set("nav", nav_view(page));
  ViewData footer{ViewData::type::list};
  footer.reserve(parts_.footer_pages.size());
  for (size_t i : parts_.footer_pages) {
    ViewData item = link_view(portal_, i, page.path);
    item.set("href", href(page, document_page_path(portal_.doc(i).id)));
    footer.push_back(std::move(item));
  }
  v.set("footer_links", std::move(footer));
  if (!c.contact_email.empty()) v.set("contact_email", c.contact_email);
  shared_ = std::move(v);
  shared_folder_ = std::move(folder);
  shared_marks_ = std::move(marks);
  shared_absolute_ = absolute;
  has_shared_ = true;
  return shared_;
}

ViewData LayoutViews::own(const PageView& page) const {
  ViewData v;
  const PortalConfig& c = portal_.config;
  v.set("page_title", page.path == "index.html" ? c.title : page.title + " – " + c.title);
  if (!page.canonical_path.empty())
    v.set("canonical_href", c.base_url.empty() ? relative_href(page.path, page.canonical_path)
                                               : c.base_url + page.canonical_path);
  if (!page.breadcrumbs.empty()) {
    ViewData crumbs{ViewData::type::list};
    crumbs.reserve(page.breadcrumbs.size());
    for (const Crumb& crumb : page.breadcrumbs) {
      ViewData item;
      item.set("label", crumb.label);
      if (!crumb.path.empty()) item.set("href", href(page, crumb.path));
      crumbs.push_back(std::move(item));
    }
    v.set("breadcrumbs", std::move(crumbs));
    v.set("has_breadcrumbs", true);
  }
  return v;
}

ViewData layout_view(const Portal& portal, const LayoutParts& parts, const PageView& page) {
  LayoutViews layout(portal, parts);
  ViewData v = layout.own(page);
  for (const auto& [name, value] : *ViewData::object_of(layout.shared(page)))
    if (!v.get(name)) v.set(name, value);
  return v;
}

}  // namespace scrutiny
