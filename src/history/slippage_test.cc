#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "document_history.h"
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

}  // namespace

TEST_CASE("slippage: original date, moves and days for an action and a milestone, from the history") {
  TempDir dir;
  write_minimal_portal(dir, "repo");
  fs::path repo = dir.path() / "repo";
  REQUIRE(std::system(("git init -q -b main '" + repo.string() + "'").c_str()) == 0);
  dir.write("repo/actions/a1.md", action("2017-06-30", "on-track\"", "2016-12-31"));
  commit(repo, "Publish the plan", "2016-09-20T10:00:00+01:00");
  dir.write("repo/actions/a1.md", action("2017-09-30", "off-track\"", "2017-01-31"));
  commit(repo, "Move the audit", "2017-02-01T09:30:00+00:00");
  dir.write("repo/actions/a1.md", action("2018-03-31", "complete\"\ncompleted = 2018-03-16", "2017-01-31"));
  commit(repo, "Move it again and complete it", "2018-03-20T09:30:00+00:00");

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
