#pragma once
// A kind of page (an action's page, the timeline, a revision...) declared once: its template,
// its place in navigation and breadcrumbs, the pages it writes and how each is built.

#include <climits>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "build_model.h"
#include "page_key.h"
#include "page_views.h"

namespace scrutiny {

struct PageKind;

// One page a kind will write, known before anything is rendered.
struct Route {
  std::string path;               // output path, e.g. "actions/status/complete.html"
  const PageKind* kind = nullptr;
  size_t subject = SIZE_MAX;      // what the page is about: a document, a commit, a page number
  size_t item = SIZE_MAX;         // and within it, when it needs one (a revision)
  // Data worked out once for all of a kind's routes (say, which actions each filter page
  // lists), shared by them rather than worked out again for every page.
  std::shared_ptr<const void> shared;
  // The content that causes the page, for errors about it; empty for the generator's own pages.
  std::string source_file;
  int source_line = 0;
  bool document_page = false;  // the page of the document in source_file
};

// Where a kind's main page stands in navigation and in breadcrumbs.
struct PagePlace {
  std::string label;   // "Actions": the navigation entry and the breadcrumb
  std::string path;    // "actions/index.html"
  int nav_order = -1;  // its place in the navigation bar; -1 for breadcrumbs only
};

// A kind of page. Adding one is a file declaring it, a template and a line in page_kinds.cc.
struct PageKind {
  std::string name;
  std::string template_name;
  std::string section;              // the navigation entry marked current on its pages
  std::optional<PagePlace> place;
  bool needs_history = false;       // its pages exist only when git history is read
  std::function<std::vector<Route>(const BuildModel&)> routes;
  std::function<PageView(const BuildModel&, const Route&)> view;
  // False for pages that repeat another's content (past revisions): left out of sitemap.xml,
  // as their pages ask search engines not to index them.
  bool in_sitemap = true;
  // Whether the kind's pages exist in this build, for a kind that writes none for some portals
  // (no measures, no measures list): then it has no navigation entry either. Empty: always.
  std::function<bool(const BuildModel&)> exists = nullptr;
  // For a kind whose views are costly to build (revisions): adds everything a page reads to its
  // key before its view is built, so a rebuild keeps the previous file, unbuilt, while the key
  // is unchanged (`inputs` holds what many pages share, digested once). Empty: the key is
  // made from the built view instead (key_from_view), which saves rendering only.
  std::function<void(const BuildModel&, const PageInputs&, const Route&, PageKeyHasher&)> inputs = nullptr;
};

// The breadcrumb of a kind's main page.
Crumb crumb_of(const PageKind& kind);

// The one route of a kind that writes one page.
std::vector<Route> single_route(std::string path);

// The route of document `i`'s own page, naming its file for errors.
Route document_route(const BuildModel& model, std::string path, size_t i);

}  // namespace scrutiny
