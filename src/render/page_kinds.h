#pragma once
// The page registry: every kind of page the generator writes, and what follows from the list
// (routes, navigation, required templates, path collisions).

#include <string>
#include <vector>

#include "page_kind.h"

namespace scrutiny {

// The built-in kinds, each declared in the file of its pages.
extern const PageKind kHomeKind, kNotFoundKind, kInspectionsListKind, kRecommendationsListKind,
    kUpdatesListKind;                                                    // list_pages.cc
extern const PageKind kInspectionKind, kRecommendationKind, kPlanKind, kThemeKind, kActionKind,
    kUpdateKind, kContentPageKind;                                       // document_pages.cc
extern const PageKind kActionsFilterKind, kMilestonesFilterKind, kProgressKind, kOverdueKind,
    kTimelineKind;                                                       // progress_pages.cc
extern const PageKind kSearchKind, kAToZKind;                            // search_pages.cc
extern const PageKind kMeasureKind;                                      // document_pages.cc
extern const PageKind kMeasuresListKind;                                 // measure_pages.cc
extern const PageKind kHistoryKind, kRevisionKind, kCommitKind, kChangesKind,
    kMovedDeadlinesKind;                                                 // history_pages.cc
extern const PageKind kSlippageKind;                                     // slippage_pages.cc

using PageRegistry = std::vector<const PageKind*>;

// Every built-in kind, one line each in page_kinds.cc.
const PageRegistry& builtin_page_kinds();

// The templates a theme must have: "layout" and each kind's.
std::vector<std::string> required_templates(const PageRegistry& kinds);

// Every page of the build, kind by kind; kinds that need history are left out without it.
std::vector<Route> compute_routes(const BuildModel& model, const PageRegistry& kinds);

// Two routes on one path (a document at actions/status/complete.md and the filter page of
// complete actions) or a path no file system takes: errors at the content that causes them.
void check_routes(const std::vector<Route>& routes, Diagnostics& diags);

// The key of a route whose kind declares its inputs, before its view is built: the kind, the
// path, what every page shares and what the kind adds. Empty when the kind declares none.
std::string key_from_inputs(const BuildModel& model, const PageInputs& inputs, const Route& route);

// What the layout shows the same on every page, worked out once per build.
struct LayoutParts {
  struct NavEntry {
    std::string section, label, path;
  };
  std::vector<NavEntry> nav;
  std::vector<size_t> footer_pages;  // documents linked from every footer, in order
  bool has_changes_feed = false;     // the changes feed is written only when history is read
};
LayoutParts layout_parts(const BuildModel& model, const PageRegistry& kinds);

// The data the layout template receives around a page, in two parts that rendering looks up
// one over the other (PageRenderer::render_page): what every page of one kind in one folder
// shows alike (the settings, and the addresses of the stylesheets, feeds, navigation and
// footer links, which read the same from anywhere in a folder), built once for a worker's run
// of such pages rather than for every page, and what is each page's own.
class LayoutViews {
 public:
  LayoutViews(const Portal& portal, const LayoutParts& parts);
  // The part shared by the pages in `page`'s folder that mark the same navigation entries
  // current, kept until a page in another folder, or marking others, asks.
  const ViewData& shared(const PageView& page);
  // The page's own part: its title, canonical address and breadcrumbs. Looked up before the
  // shared part; the two have no name in common.
  ViewData own(const PageView& page) const;

 private:
  std::string href(const PageView& page, const std::string& to) const;
  ViewData nav_view(const PageView& page) const;
  std::string nav_marks(const PageView& page) const;  // each entry: 'p' the page, 't' its section, '-'

  const Portal& portal_;
  const LayoutParts& parts_;
  ViewData shared_;
  std::string shared_folder_, shared_marks_;
  bool shared_absolute_ = false;
  bool has_shared_ = false;
};

// Both parts as one, as the layout template sees them (for page keys).
ViewData layout_view(const Portal& portal, const LayoutParts& parts, const PageView& page);

}  // namespace scrutiny
