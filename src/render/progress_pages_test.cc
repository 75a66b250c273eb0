#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("progress: the sample portal, built from its replayed history, is as at its last revision") {
  TempDir dir;
  const fs::path source = SCRUTINY_SOURCE_DIR;
  std::string replay = "'" + (source / "scripts/replay-sample-history").string() + "' '" +
                       (dir.path() / "repo").string() + "' >/dev/null 2>&1";
  REQUIRE(std::system(replay.c_str()) == 0);
  BuildOptions o;
  o.content_dir = dir.path() / "repo";
  o.theme_dir = source / "themes/default";
  o.out_dir = dir.path() / "site";
  Diagnostics diags;
  build_site(o, diags);
  REQUIRE_FALSE(diags.has_errors());
  const fs::path site = o.out_dir;

  // The last sample revision is dated 21 February 2024; the clock plays no part.
  std::string home = read_file(site / "index.html");
  CHECK(home.find("as at <time datetime=\"2024-02-21\">21 February 2024</time>") != std::string::npos);
  CHECK(home.find("<strong>0 action(s)</strong> and <strong>1 milestone(s)</strong>") != std::string::npos);

  // Overdue: past its target date as at 21 February 2024 and not complete. Action a37's
  // neglect audit milestone (due 31 January 2024, off track) is; a39's guidance milestone
  // (moved to 29 February 2024) is not yet; complete milestones never are.
  std::string overdue = read_file(site / "overdue.html");
  CHECK(count(overdue, "<tr><th scope=\"row\">") == 1);
  CHECK(overdue.find("Audit use of the graded care profile where neglect is a feature") != std::string::npos);
  CHECK(overdue.find("<td class=\"numeric\">21</td>") != std::string::npos);
  CHECK(overdue.find("No action is overdue.") != std::string::npos);
  CHECK(overdue.find("family and friends arrangements") == std::string::npos);
  std::string a37 = read_file(site / "actions/a37.html");
  CHECK(count(a37, "tag--overdue") == 1);

  // Filter pages agree with the overdue list and with each other.
  std::string milestones_overdue = read_file(site / "milestones/overdue.html");
  CHECK(milestones_overdue.find("<h2 class=\"results-heading\">1 shown</h2>") != std::string::npos);
  std::string all_actions = read_file(site / "actions/index.html");
  CHECK(all_actions.find("41 shown") != std::string::npos);
  size_t by_status = 0;
  for (const char* s : {"not-started", "on-track", "at-risk", "off-track", "complete"}) {
    std::string page = read_file(site / "actions/status" / (std::string(s) + ".html"));
    by_status += count(page, "<tr><th scope=\"row\">");
  }
  CHECK(by_status == 41);

  // Timelines are ordered lists of dated events.
  std::string timeline = read_file(site / "timeline.html");
  CHECK(timeline.find("<ol class=\"timeline\">") != std::string::npos);
  CHECK(timeline.find("<time class=\"timeline__date\" datetime=\"2016-07-07\">") != std::string::npos);
  std::string r01 = read_file(site / "recommendations/2016-r01.html");
  CHECK(r01.find("Inspection report published") != std::string::npos);
  CHECK(r01.find("Milestone completed") != std::string::npos);

  // Charts are inline SVG with a name, each followed by its figures as a table.
  std::string progress = read_file(site / "progress.html");
  CHECK(count(progress, "<svg class=\"chart\"") == 3);
  CHECK(count(progress, "role=\"img\" aria-labelledby=") == 3);
  CHECK(count(progress, "<table class=\"table\">") == 3);
}
