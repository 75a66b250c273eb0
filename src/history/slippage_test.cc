#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "document_history.h"
#include "site_builder.h"
#include "slippage.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

std::string action(const std::string& target, const std::string& status_and_completed, const std::string& milestone) {
  return "+++\ntype = \"action\"\ntitle = \"Audit\"\ntheme = \"plan/themes/a\"\n"
         "recommendations = [\"recommendations/r1\"]\nowner = \"Head of Service\"\n"
         "start_date = 2016-09-01\ntarget_date = " + target + "\nstatus = \"" + status_and_completed + "\n"
         "[[milestones]]\ntitle = \"First audit\"\ntarget_date = " + milestone + "\nstatus = \"not-started\"\n"
         "[[milestones]]\ntitle = \"Second audit\"\ntarget_date = 2017-06-30\nstatus = \"not-started\"\n+++\nBody.\n";
}

void commit(const fs::path& repo, const std::string& message, const std::string& date) {
  std::string env = "cd '" + repo.string() + "' && GIT_AUTHOR_NAME=IPO GIT_AUTHOR_EMAIL=ipo@example.org "
                    "GIT_COMMITTER_NAME=IPO GIT_COMMITTER_EMAIL=ipo@example.org GIT_AUTHOR_DATE='" + date +
                    "' GIT_COMMITTER_DATE='" + date + "' git -c commit.gpgsign=false ";
  REQUIRE(std::system((env + "add -A >/dev/null 2>&1 && " + env + "commit -q -m '" + message + "' >/dev/null 2>&1").c_str()) == 0);
}

// A repository whose action a1 moved its target twice (30 June 2017 to 31 March 2018) and
// was completed on 16 March 2018, and whose milestone "First audit" moved once by 31 days.
fs::path slipped_repo(const TempDir& dir) {
  write_minimal_portal(dir, "repo");
  fs::path repo = dir.path() / "repo";
  REQUIRE(std::system(("git init -q -b main '" + repo.string() + "'").c_str()) == 0);
  dir.write("repo/actions/a1.md", action("2017-06-30", "on-track\"", "2016-12-31"));
  commit(repo, "Publish the plan", "2016-09-20T10:00:00+01:00");
  dir.write("repo/actions/a1.md", action("2017-09-30", "off-track\"", "2017-01-31"));
  commit(repo, "Move the audit", "2017-02-01T09:30:00+00:00");
  dir.write("repo/actions/a1.md", action("2018-03-31", "complete\"\ncompleted = 2018-03-16", "2017-01-31"));
  commit(repo, "Move it again and complete it", "2018-03-20T09:30:00+00:00");
  return repo;
}

std::string built(const TempDir& dir, const fs::path& repo, const fs::path& out, bool history, const std::string& page) {
  BuildOptions o = build_options(dir, repo);
  o.out_dir = out;
  o.read_history = history;
  return read_file(build_cleanly(o) / page);
}

}  // namespace

TEST_CASE("slippage: original date, moves and days for an action and a milestone, from the history") {
  TempDir dir;
  fs::path repo = slipped_repo(dir);

  Diagnostics diags;
  Portal portal = load_portal(repo, diags);
  REQUIRE_FALSE(diags.has_errors());
  HistoryIndex index = HistoryIndex::open(repo, diags);
  REQUIRE(index.available());
  WithdrawnRevisions withdrawn(portal, index, diags);
  auto histories = read_histories(portal, index, withdrawn);
  DeadlineSlippage slips(portal, moved_deadlines(portal, index, histories));
  CHECK(slips.known());
  const size_t a1 = static_cast<size_t>(portal.links.find("actions/a1"));

  const Slippage* action_slip = slips.of_action(a1);
  REQUIRE(action_slip);
  CHECK(action_slip->original == Date{2017, 6, 30});
  CHECK(action_slip->current == Date{2018, 3, 31});
  CHECK(action_slip->moves == 2);
  CHECK(action_slip->days() == 274);
  CHECK(action_slip->completed_after_original(Date{2018, 3, 16}) == 259);
  CHECK_FALSE(action_slip->completed_after_original(Date{2017, 6, 1}));  // on time by its first date
  CHECK_FALSE(action_slip->completed_after_original(std::nullopt));

  const Slippage* milestone_slip = slips.of_milestone(a1, "First audit");
  REQUIRE(milestone_slip);
  CHECK(milestone_slip->original == Date{2016, 12, 31});
  CHECK(milestone_slip->current == Date{2017, 1, 31});
  CHECK(milestone_slip->moves == 1);
  CHECK(milestone_slip->days() == 31);
  CHECK_FALSE(slips.of_milestone(a1, "Second audit"));  // never moved

  auto ranked = slips.most_slipped_first();
  REQUIRE(ranked.size() == 2);
  CHECK(ranked[0].milestone.empty());  // 274 days before 31
  CHECK(ranked[1].milestone == "First audit");

  // Without history nothing is known, and nothing has moved.
  DeadlineSlippage none;
  CHECK_FALSE(none.known());
  CHECK_FALSE(none.of_action(a1));
}

TEST_CASE("slippage: shown in words beside the target dates, listed most slipped first, exported") {
  TempDir dir;
  fs::path repo = slipped_repo(dir);
  const fs::path site = dir.path() / "site";
  std::string page = built(dir, repo, site, true, "actions/a1.html");
  CHECK(page.find("<dt>Target date</dt><dd><time datetime=\"2018-03-31\">31 March 2018</time><span class=\"slippage\">"
                  "Originally <time datetime=\"2017-06-30\">30 June 2017</time>; moved twice, 274 days later in all; "
                  "completed 259 days after its original target.</span></dd>") != std::string::npos);
  // The milestone that moved says so in its row, stacked under its label on phones; the one
  // that never moved shows only its date.
  CHECK(page.find("<td data-label=\"Target date\"><time datetime=\"2017-01-31\">31 January 2017</time><span class=\"slippage\">"
                  "Originally <time datetime=\"2016-12-31\">31 December 2016</time>; moved once, 31 days later.</span></td>") !=
        std::string::npos);
  CHECK(page.find("<td data-label=\"Target date\"><time datetime=\"2017-06-30\">30 June 2017</time></td>") != std::string::npos);

  // Lists and the theme page carry it too.
  for (const char* list : {"actions/index.html", "plan/themes/a.html", "recommendations/r1.html", "milestones/index.html"})
    CHECK_MESSAGE(read_file(site / list).find("class=\"slippage\">Originally") != std::string::npos, list);

  // Sorted by slippage, without script: the action (274 days) before its milestone (31 days).
  std::string ranked = read_file(site / "changes/actions-by-slippage.html");
  size_t action_row = ranked.find("<td data-label=\"Slipped by\">274 days later</td>");
  size_t milestone_row = ranked.find("<td data-label=\"Slipped by\">31 days later</td>");
  CHECK(action_row != std::string::npos);
  CHECK(milestone_row != std::string::npos);
  CHECK(action_row < milestone_row);
  CHECK(ranked.find("<td data-label=\"Moved\">twice</td>") != std::string::npos);
  CHECK(ranked.find("259 days after its original target") != std::string::npos);
  CHECK(read_file(site / "actions/index.html").find("href=\"../changes/actions-by-slippage.html\"") != std::string::npos);
  CHECK(read_file(site / "changes/moved-deadlines.html").find("href=\"actions-by-slippage.html\"") != std::string::npos);

  // Open data: appended columns, and the same figures in portal.json.
  std::string actions_csv = read_file(site / "data/actions.csv");
  CHECK(actions_csv.find(",url,owners,origin,original_target_date,target_date_moves,target_date_days_moved\r\n") != std::string::npos);
  CHECK(actions_csv.find("actions/a1.html,Head of Service,,2017-06-30,2,274\r\n") != std::string::npos);
  std::string milestones_csv = read_file(site / "data/milestones.csv");
  CHECK(milestones_csv.find(",overdue,owners,original_target_date,target_date_moves,target_date_days_moved\r\n") != std::string::npos);
  CHECK(milestones_csv.find("First audit,Head of Service,2017-01-31,not-started,,true,Head of Service,2016-12-31,1,31\r\n") != std::string::npos);
  CHECK(milestones_csv.find("Second audit,Head of Service,2017-06-30,not-started,,true,Head of Service,2017-06-30,0,0\r\n") != std::string::npos);
  std::string json = read_file(site / "data/portal.json");
  CHECK(json.find("\"overdue\": false,\n      \"original_target_date\": \"2017-06-30\",\n      \"target_date_moves\": 2,\n"
                  "      \"target_date_days_moved\": 274,\n") != std::string::npos);

  // Without history nothing is known and nothing is said: the current date alone, no page.
  const fs::path quick = dir.path() / "quick";
  std::string plain = built(dir, repo, quick, false, "actions/a1.html");
  CHECK(plain.find("slippage") == std::string::npos);
  CHECK(plain.find("<dt>Target date</dt><dd><time datetime=\"2018-03-31\">31 March 2018</time></dd>") != std::string::npos);
  CHECK_FALSE(fs::exists(quick / "changes/actions-by-slippage.html"));
  CHECK(read_file(quick / "actions/index.html").find("actions-by-slippage") == std::string::npos);
  CHECK(read_file(quick / "data/actions.csv").find("actions/a1.html,Head of Service,,,,\r\n") != std::string::npos);
}

TEST_CASE("glossary: terms have anchors, and an action's status and the Status headings link to them") {
  TempDir dir;
  fs::path repo = slipped_repo(dir);
  dir.write("repo/glossary.md", "# Glossary\n\n**Complete.** Done.\n\n**Status.** Where an action stands: "
                                "[complete](#term-complete).\n");
  commit(repo, "Add the glossary", "2018-03-21T09:30:00+00:00");
  const fs::path site = dir.path() / "site";
  std::string page = built(dir, repo, site, true, "actions/a1.html");
  CHECK(read_file(site / "glossary.html").find("<dfn id=\"term-complete\"><strong>Complete.</strong></dfn>") != std::string::npos);
  CHECK(page.find("<dt>Status</dt><dd><a class=\"tag-link\" href=\"../glossary.html#term-complete\"><strong class=\"tag tag--complete\">Complete</strong></a>") !=
        std::string::npos);
  // The milestones table links its heading once; its rows' statuses are not links.
  CHECK(page.find("<th scope=\"col\"><a href=\"../glossary.html#term-status\">Status</a></th>") != std::string::npos);
  CHECK(page.find("tag-link\" href=\"../glossary.html#term-not-started") == std::string::npos);
  std::string list = read_file(site / "actions/index.html");
  CHECK(list.find("<a href=\"../glossary.html#term-status\">Status</a>") != std::string::npos);
  size_t links = 0;
  for (size_t at = list.find("glossary.html#"); at != std::string::npos; at = list.find("glossary.html#", at + 1)) ++links;
  CHECK(links == 1);
  // A word the glossary does not define is not linked: no Judgement entry here.
  CHECK(read_file(site / "inspections/2016.html").find("#term-") == std::string::npos);
}
