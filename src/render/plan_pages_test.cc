#include <doctest/doctest.h>

#include <filesystem>

#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

// The minimal portal's 2016 plan, closed in 2018, and a 2023 plan of workstreams with one
// workstream (number 2) holding action b1 and action b2 in the plan directly. Built as at
// 21 February 2024, without history.
fs::path build_two_plans(const TempDir& dir, const std::string& as_at = "2024-02-21") {
  write_minimal_portal(dir);
  dir.write("content/plan/p.md", "+++\ntype = \"plan\"\ntitle = \"Plan 2016\"\napproved = 2016-09-20\nclosed = 2018-09-25\n+++\n");
  dir.write("content/plan/q.md", "+++\ntype = \"plan\"\ntitle = \"Plan 2023\"\napproved = 2023-07-14\ngrouping = \"workstream\"\n+++\n");
  dir.write("content/plan/w/front-door.md",
            "+++\ntype = \"theme\"\ntitle = \"Front door\"\nplan = \"plan/q\"\nnumber = 2\n+++\n");
  dir.write("content/actions/b1.md", action_document("Action b1", "theme = \"plan/w/front-door\"", "at-risk"));
  dir.write("content/actions/b2.md", action_document("Action b2", "plan = \"plan/q\"", "off-track"));
  BuildOptions o = build_options(dir);
  o.read_history = false;
  o.as_at = AsAtChoice{*Date::parse_iso(as_at)};
  return build_cleanly(o);
}

}  // namespace

TEST_CASE("plans: the home page counts the current plan's actions only, with the earlier plan one link away") {
  TempDir dir;
  const fs::path site = build_two_plans(dir);
  const std::string home = read_file(site / "index.html");
  // The 2016 plan's one action (on track, a1) is not counted: 2 actions, 1 at risk, 1 off track.
  CHECK(home.find(">The current plan's 2 actions by status:</p>") != std::string::npos);
  CHECK(home.find("<strong class=\"tag tag--on-track\">On track</strong> 0</li>") != std::string::npos);
  CHECK(home.find("About the current plan, <a href=\"plan/q.html\">Plan 2023</a>, approved <time datetime=\"2023-07-14\">") != std::string::npos);
  CHECK(home.find("Earlier plan: <a href=\"plan/p.html\">Plan 2016</a>, approved <time datetime=\"2016-09-20\">20 September 2016</time>, "
                  "closed <time datetime=\"2018-09-25\">25 September 2018</time>.") != std::string::npos);

  // The lists and charts are the current plan's too; the earlier plan's page keeps its own.
  CHECK(read_file(site / "actions/index.html").find("2 shown") != std::string::npos);
  CHECK(read_file(site / "actions/status/on-track.html").find("0 shown") != std::string::npos);
  const std::string p = read_file(site / "plan/p.html");
  CHECK(p.find("<dt>Closed</dt>") != std::string::npos);
  CHECK(p.find("The 1 action of Plan 2016") != std::string::npos);
  CHECK(p.find("href=\"../actions/a1.html\"") != std::string::npos);

  // As at 2017 the 2023 plan did not exist yet and the 2016 plan was current.
  TempDir before;
  const std::string home_2017 = read_file(build_two_plans(before, "2017-06-01") / "index.html");
  CHECK(home_2017.find("The current plan's 1 action by status") != std::string::npos);
  CHECK(home_2017.find("About the current plan, <a href=\"plan/p.html\">Plan 2016</a>") != std::string::npos);
}

TEST_CASE("plans: an earlier plan's theme and owner pages stay at their addresses, about that plan") {
  TempDir dir;
  build_two_plans(dir);
  // The 2016 plan's action gets an owner of its own; Head of Service owns the 2023 plan's too.
  dir.write("content/actions/a1.md",
            "+++\ntype = \"action\"\ntitle = \"Audit decisions\"\ntheme = \"plan/themes/a\"\n"
            "recommendations = [\"recommendations/r1\"]\nowner = \"Audit Manager\"\n"
            "start_date = 2016-09-01\ntarget_date = 2017-03-31\nstatus = \"complete\"\ncompleted = 2017-03-01\n"
            "[[milestones]]\ntitle = \"First audit\"\ntarget_date = 2016-12-31\nowner = \"Head of Service\"\n"
            "status = \"complete\"\ncompleted = 2016-12-20\n+++\nWe will audit decisions.\n");
  BuildOptions o = build_options(dir);
  o.read_history = false;
  o.as_at = AsAtChoice{Date{2024, 2, 21}};
  const fs::path site = build_cleanly(o);

  // Written while the 2016 plan was the only one, these pages list its actions still.
  for (const char* path : {"actions/theme/plan-themes-a.html", "actions/owner/audit-manager.html"}) {
    INFO(path);
    const std::string page = read_file(site / path);
    CHECK(page.find("About an earlier plan, <a href=\"../../plan/p.html\">Plan 2016</a>") != std::string::npos);
    CHECK(page.find("href=\"../a1.html\">Audit decisions</a>") != std::string::npos);
    CHECK(page.find("b1.html") == std::string::npos);
    CHECK(page.find("All of Plan 2016 (1)") != std::string::npos);
  }
  const std::string milestones = read_file(site / "milestones/theme/plan-themes-a.html");
  CHECK(milestones.find("First audit") != std::string::npos);
  CHECK(milestones.find("About an earlier plan") != std::string::npos);
  // An address the current plan uses stays the current plan's: Head of Service owns b1 and b2.
  const std::string shared = read_file(site / "actions/owner/head-of-service.html");
  CHECK(shared.find("About the current plan") != std::string::npos);
  CHECK(shared.find("href=\"../b1.html\"") != std::string::npos);
  CHECK(shared.find("href=\"../a1.html\"") == std::string::npos);
  // The current plan's menus do not offer them.
  CHECK(read_file(site / "actions/index.html").find("plan-themes-a.html") == std::string::npos);
  CHECK(broken_internal_links(site).empty());
}

TEST_CASE("plans: a plan's own word for its groups is used in headings, labels and filters, with the group's number") {
  TempDir dir;
  const fs::path site = build_two_plans(dir);
  const std::string group = read_file(site / "plan/w/front-door.html");
  CHECK(group.find("<span class=\"caption\">Workstream 2</span>") != std::string::npos);
  CHECK(group.find("Actions in this workstream") != std::string::npos);
  CHECK(group.find("Plan theme") == std::string::npos);
  CHECK(read_file(site / "plan/q.html").find("<h2 id=\"themes-heading\">Workstreams</h2>") != std::string::npos);
  const std::string progress = read_file(site / "progress.html");
  CHECK(progress.find("Actions by status in each workstream") != std::string::npos);
  CHECK(progress.find("<th scope=\"row\">Not in a workstream</th>") != std::string::npos);
  const std::string actions = read_file(site / "actions/index.html");
  CHECK(actions.find("<h2 class=\"filters__heading\">Workstream</h2>") != std::string::npos);
  CHECK(actions.find("<th scope=\"col\">Workstream</th>") != std::string::npos);
  const std::string b1 = read_file(site / "actions/b1.html");
  CHECK(b1.find("<dt>Workstream</dt>") != std::string::npos);
  const std::string b2 = read_file(site / "actions/b2.html");
  CHECK(b2.find("<dt>Plan</dt><dd><a href=\"../plan/q.html\">Plan 2023</a>") != std::string::npos);
  const std::string search = read_file(site / "search.html");
  CHECK(search.find("Improvement plan: Plan 2023, with its workstreams</a>") != std::string::npos);
  CHECK(search.find("Actions by status, workstream and owner</a>") != std::string::npos);
  // The 2016 plan keeps "theme".
  CHECK(read_file(site / "plan/themes/a.html").find("Actions in this theme") != std::string::npos);
}
