#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <vector>

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

// Replays the sample portal's history into a repository in `dir` and builds it with that
// history; returns the site's folder.
fs::path build_replayed_sample(const TempDir& dir) {
  const fs::path source = SCRUTINY_SOURCE_DIR;
  std::string replay = "'" + (source / "scripts/replay-sample-history").string() + "' '" +
                       (dir.path() / "repo").string() + "' >/dev/null 2>&1";
  REQUIRE(std::system(replay.c_str()) == 0);
  return build_cleanly(build_options(dir, dir.path() / "repo"));
}

// `html` without its <details> elements, which hold what a page folds away.
std::string without_details(std::string html) {
  for (size_t open = html.find("<details"); open != std::string::npos; open = html.find("<details", open)) {
    size_t close = html.find("</details>", open);
    REQUIRE(close != std::string::npos);
    html.erase(open, close + std::string("</details>").size() - open);
  }
  return html;
}

// The datetime attributes of the timeline events in `html`, in page order.
std::vector<std::string> event_dates(const std::string& html) {
  std::vector<std::string> dates;
  const std::string marker = "<time class=\"timeline__date\" datetime=\"";
  for (size_t pos = html.find(marker); pos != std::string::npos; pos = html.find(marker, pos + 1))
    dates.push_back(html.substr(pos + marker.size(), 10));
  return dates;
}

}  // namespace

TEST_CASE("progress: the sample portal, built from its replayed history, is as at its last revision") {
  TempDir dir;
  const fs::path site = build_replayed_sample(dir);

  // The sample withdraws one revision, which named a child (sample-history/025): its page
  // says so, and the name is nowhere in the site.
  const fs::path withdrawn_dir = site / "history/updates/2024-02-14-people-scrutiny";
  size_t withdrawn_pages = 0;
  for (const auto& e : fs::recursive_directory_iterator(site)) {
    if (!e.is_regular_file()) continue;
    const std::string text = read_file(e.path());
    INFO(e.path().generic_string());
    CHECK(text.find("Tyler") == std::string::npos);
    if (e.path().parent_path() == withdrawn_dir && text.find("This revision was withdrawn on") != std::string::npos)
      ++withdrawn_pages;
  }
  CHECK(withdrawn_pages == 1);

  // The last sample revision is dated 21 February 2024; the clock plays no part.
  std::string home = read_file(site / "index.html");
  CHECK(home.find("as at <time datetime=\"2024-02-21\">21 February 2024</time>") != std::string::npos);
  CHECK(home.find("<strong>0 actions</strong> and <strong>1 milestone</strong>") != std::string::npos);

  // Overdue: past its target date as at 21 February 2024 and not complete. Action a37's
  // neglect audit milestone (due 31 January 2024, off track) is; a39's guidance milestone
  // (moved to 29 February 2024) is not yet; complete milestones never are.
  std::string overdue = read_file(site / "overdue.html");
  CHECK(count(overdue, "<tr><th scope=\"row\">") == 1);
  CHECK(overdue.find("Audit use of the graded care profile where neglect is a feature") != std::string::npos);
  CHECK(overdue.find("<td data-label=\"Days overdue\" class=\"numeric\">21</td>") != std::string::npos);
  CHECK(overdue.find("No action is overdue.") != std::string::npos);
  CHECK(overdue.find("family and friends arrangements") == std::string::npos);
  std::string a37 = read_file(site / "actions/a37.html");
  CHECK(count(a37, "tag--overdue") == 1);

  // Filter pages agree with the overdue list and with each other.
  std::string milestones_overdue = read_file(site / "milestones/overdue.html");
  CHECK(milestones_overdue.find("<h2 class=\"results-heading\">1 shown</h2>") != std::string::npos);
  std::string all_actions = read_file(site / "actions/index.html");
  // They list the current plan's six actions, not the closed 2016 plan's 35 (plans.h).
  CHECK(all_actions.find("6 shown") != std::string::npos);
  size_t by_status = 0;
  for (const char* s : {"not-started", "on-track", "at-risk", "off-track", "complete"}) {
    std::string page = read_file(site / "actions/status" / (std::string(s) + ".html"));
    by_status += count(page, "<tr><th scope=\"row\">");
  }
  CHECK(by_status == 6);
  CHECK(home.find("The current plan's 6 actions by status") != std::string::npos);
  CHECK(home.find("About the current plan, <a href=\"plan/improvement-plan-2023.html\">Children&#39;s Services Improvement Plan 2023</a>") != std::string::npos);
  CHECK(home.find("Earlier plan: <a href=\"plan/improvement-plan-2016.html\">Children&#39;s Services Improvement Plan 2016</a>, "
                  "approved <time datetime=\"2016-09-20\">20 September 2016</time>, closed <time datetime=\"2018-09-25\">") != std::string::npos);
  CHECK(read_file(site / "plan/priority-areas/neglect-and-domestic-abuse.html").find("Priority area 2") != std::string::npos);

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

TEST_CASE("progress: every owner has a page of their own, whatever script or length their name") {
  TempDir dir;
  write_minimal_portal(dir);
  std::string long_owner;
  for (int i = 0; i < 30; ++i) long_owner += "Principal ";
  long_owner += "Officer";  // 307 characters
  const std::vector<std::string> owners = {
      "Group Manager \u2013 ICT", "Group Manager ICT",
      "\u0414\u0438\u0440\u0435\u043a\u0442\u043e\u0440",                          // Cyrillic
      "\u0394\u03b9\u03b5\u03c5\u03b8\u03c5\u03bd\u03c4\u03ae\u03c2",              // Greek
      "\u0645\u062f\u064a\u0631",                                                  // Arabic
      long_owner, long_owner + " Deputy", "Chef de Service \u00c9ducation"};
  for (size_t k = 0; k < owners.size(); ++k)
    dir.write("content/actions/b" + std::to_string(k) + ".md",
              "+++\ntype = \"action\"\ntitle = \"Action by owner " + std::to_string(k) +
                  "\"\ntheme = \"plan/themes/a\"\nrecommendations = [\"recommendations/r1\"]\n"
                  "owner = \"" + owners[k] + "\"\nstart_date = 2016-09-01\ntarget_date = 2017-03-31\n"
                  "status = \"on-track\"\n+++\nBody.\n");
  const BuildOptions o = build_options(dir);
  build_cleanly(o);

  // One page per owner (and one for the minimal portal's "Head of Service"), each listing
  // that owner's one action only, under a name of bounded length.
  std::set<std::string> titles_seen;
  size_t pages = 0;
  for (const auto& e : fs::directory_iterator(o.out_dir / "actions/owner")) {
    ++pages;
    CHECK(e.path().filename().string().size() <= 100);
    std::string page = read_file(e.path());
    CHECK(page.find("<h2 class=\"results-heading\">1 shown</h2>") != std::string::npos);
    titles_seen.insert(page.substr(page.find("<h1>"), page.find("</h1>") - page.find("<h1>")));
  }
  CHECK(pages == owners.size() + 1);
  CHECK(titles_seen.size() == owners.size() + 1);
  for (const std::string& owner : owners)
    CHECK_MESSAGE(titles_seen.count("<h1>Actions: " + owner), owner);
  CHECK(fs::exists(o.out_dir / "actions/owner/head-of-service.html"));
  CHECK(fs::exists(o.out_dir / "actions/owner/chef-de-service-education.html"));
  CHECK_FALSE(fs::exists(o.out_dir / "actions/owner/other.html"));
  CHECK_FALSE(fs::exists(o.out_dir / "actions/owner/group-manager-ict.html"));
  // Milestones use the same names: the minimal portal's milestone belongs to Head of Service.
  CHECK(fs::exists(o.out_dir / "milestones/owner/head-of-service.html"));
  CHECK(broken_internal_links(o.out_dir).empty());
}

TEST_CASE("progress: the programme timeline leads with key events, newest first, and folds milestones by month") {
  TempDir dir;
  const fs::path site = build_replayed_sample(dir);
  const std::string timeline = read_file(site / "timeline.html");
  const std::string key = without_details(timeline);

  // Outside the folds: inspections, plans, updates, actions completed and moved, newest first.
  std::vector<std::string> dates = event_dates(key);
  REQUIRE(dates.size() > 50);
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
  CHECK(dates.front() == "2024-02-14");  // the last update; later revisions are no event
  CHECK(key.find("timeline__event--milestone") == std::string::npos);
  CHECK(count(key, "timeline__event--inspection") == 6);
  CHECK(count(key, "timeline__event--update") == 9);
  CHECK(count(key, "timeline__event--action-complete") == 36);
  // Action 9.2's target moved from 30 September to 31 December 2017 (sample-history).
  CHECK(key.find("<span class=\"timeline__label\">Action target date moved:</span> <a href=\"actions/") !=
        std::string::npos);
  CHECK(key.find("from 30 September 2017 to 31 December 2017, later by 92 days") != std::string::npos);

  // Each month's milestones in a <details>, summed up in its summary, none open by default.
  CHECK(count(timeline, "<details class=\"timeline__milestones\">") == 29);
  CHECK(timeline.find("<details class=\"timeline__milestones\" open") == std::string::npos);
  CHECK(timeline.find("<summary>March 2017: 21 milestones completed, 1 milestone not met by its date</summary>") !=
        std::string::npos);
  CHECK(timeline.find("<summary>March 2018: 2 milestones completed, 1 milestone not met by its date</summary>") !=
        std::string::npos);
  // After the as-at date (21 February 2024) milestones are due, not missed.
  CHECK(timeline.find("<summary>March 2024: 4 milestones due</summary>") != std::string::npos);
  CHECK(timeline.find("<summary>January 2024: 2 milestones not met by their date</summary>") != std::string::npos);
  CHECK(count(timeline, "timeline__event--milestone-met") == 167);
}

TEST_CASE("progress: a recommendation page sums up its milestones and folds their events") {
  TempDir dir;
  const fs::path site = build_replayed_sample(dir);
  // 2023-afi-2 is answered by a37, a38, a40 and a41: 14 milestones, 8 complete, a37's audit
  // overdue as at 21 February 2024, and a38's and a41's next due on 31 March 2024 (a41, 2024.1,
  // first in reading order).
  const std::string afi2 = read_file(site / "recommendations/2023-afi-2.html");
  CHECK(afi2.find("8 of 14 milestones complete; 1 overdue; next due 31 March 2024: Agree a partnership plan "
                  "for restorative practice training.") != std::string::npos);
  CHECK(without_details(afi2).find("timeline__event--milestone") == std::string::npos);
  CHECK(afi2.find("<summary>Every milestone falling due and met (") != std::string::npos);
  CHECK(afi2.find("Partnership conference on neglect") != std::string::npos);
  // The 2016 plan's first recommendation: every milestone complete, nothing overdue or next.
  const std::string r01 = read_file(site / "recommendations/2016-r01.html");
  CHECK(r01.find("milestones complete.</p>") != std::string::npos);
  CHECK(r01.find("overdue;") == std::string::npos);
}
