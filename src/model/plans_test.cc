#include <doctest/doctest.h>

#include "as_at.h"
#include "portal.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;

namespace {

// The minimal portal (plan/p, approved 20 September 2016, closed when `closed` is given) with
// a second plan, plan/q, approved 14 July 2023, whose one action a2 names the plan directly.
void write_two_plans(const TempDir& dir, const std::string& closed) {
  write_minimal_portal(dir);
  dir.write("content/plan/p.md", "+++\ntype = \"plan\"\ntitle = \"Plan 2016\"\napproved = 2016-09-20\n" +
                                     (closed.empty() ? std::string() : "closed = " + closed + "\n") + "+++\n");
  dir.write("content/plan/q.md",
            "+++\ntype = \"plan\"\ntitle = \"Plan 2023\"\napproved = 2023-07-14\ngrouping = \"priority area\"\n+++\n");
  dir.write("content/actions/a2.md", action_document("Sharper plans", "plan = \"plan/q\""));
}

std::string current_title(const Portal& p) { return p.plans.current < 0 ? "" : p.doc(p.plans.current).title; }

}  // namespace

TEST_CASE("plans: the current plan is the latest approved that is not closed as at the portal's date") {
  TempDir dir;
  write_two_plans(dir, "2018-09-25");
  Diagnostics diags;
  Portal portal = load_portal(dir.path() / "content", diags);
  REQUIRE_FALSE(diags.has_errors());
  settle_as_at(portal, AsAtChoice{Date{2024, 2, 21}}, std::nullopt, true);
  CHECK(current_title(portal) == "Plan 2023");
  REQUIRE(portal.plans.earlier.size() == 1);
  CHECK(portal.doc(portal.plans.earlier[0]).title == "Plan 2016");
  CHECK(portal.plans.later.empty());

  // In 2017 the 2023 plan was not yet approved and the 2016 plan was running.
  settle_as_at(portal, AsAtChoice{Date{2017, 6, 1}}, std::nullopt, true);
  CHECK(current_title(portal) == "Plan 2016");
  REQUIRE(portal.plans.later.size() == 1);
  CHECK(portal.doc(portal.plans.later[0]).title == "Plan 2023");
}

TEST_CASE("plans: when every plan is closed, the latest approved is current; a plan open after its closing date is not") {
  TempDir dir;
  write_two_plans(dir, "");
  dir.write("content/plan/q.md", "+++\ntype = \"plan\"\ntitle = \"Plan 2023\"\napproved = 2023-07-14\nclosed = 2024-01-31\n+++\n");
  Diagnostics diags;
  Portal portal = load_portal(dir.path() / "content", diags);
  REQUIRE_FALSE(diags.has_errors());
  // The 2023 plan closed in January 2024 while the 2016 plan, never closed, still runs.
  settle_as_at(portal, AsAtChoice{Date{2024, 2, 21}}, std::nullopt, true);
  CHECK(current_title(portal) == "Plan 2016");
  // Before its closing date, the 2023 plan is the current one.
  settle_as_at(portal, AsAtChoice{Date{2023, 12, 1}}, std::nullopt, true);
  CHECK(current_title(portal) == "Plan 2023");

  dir.write("content/plan/p.md", "+++\ntype = \"plan\"\ntitle = \"Plan 2016\"\napproved = 2016-09-20\nclosed = 2018-09-25\n+++\n");
  portal = load_portal(dir.path() / "content", diags);
  settle_as_at(portal, AsAtChoice{Date{2024, 2, 21}}, std::nullopt, true);
  CHECK(current_title(portal) == "Plan 2023");
}

TEST_CASE("plans: an action names its plan when it has no theme, and belongs to it") {
  TempDir dir;
  write_two_plans(dir, "2018-09-25");
  Diagnostics diags;
  Portal portal = load_portal(dir.path() / "content", diags);
  REQUIRE_FALSE(diags.has_errors());
  const int a1 = portal.links.find("actions/a1"), a2 = portal.links.find("actions/a2");
  const int p = portal.links.find("plan/p"), q = portal.links.find("plan/q");
  CHECK(portal.plan_of[a1] == p);  // through its theme
  CHECK(portal.plan_of[a2] == q);  // named directly
  CHECK(portal.plan_of[portal.links.find("plan/themes/a")] == p);
  CHECK(actions_of_plan(portal, static_cast<size_t>(q)) == std::vector<size_t>{static_cast<size_t>(a2)});
  settle_as_at(portal, AsAtChoice{Date{2024, 2, 21}}, std::nullopt, true);
  CHECK(current_plan_actions(portal) == std::vector<size_t>{static_cast<size_t>(a2)});
  // Each plan's own word for its groups.
  CHECK(grouping_words(portal, a2).plural == "priority areas");
  CHECK(grouping_words(portal, a1).singular == "theme");
}

TEST_CASE("plans: an action whose theme is in another plan than its `plan` is an error at the plan line") {
  TempDir dir;
  write_two_plans(dir, "");
  dir.write("content/actions/a2.md",
            action_document("Sharper plans", "theme = \"plan/themes/a\"\nplan = \"plan/q\""));
  Diagnostics diags;
  load_portal(dir.path() / "content", diags);
  std::vector<Diagnostic> found = diags.sorted();
  REQUIRE(found.size() == 1);
  CHECK(found[0].file == (dir.path() / "content/actions/a2.md").generic_string());
  CHECK(found[0].line == 5);
  CHECK(found[0].key == "plan");
  CHECK(found[0].message.find("its theme \"plan/themes/a\" is part of \"plan/p\"") != std::string::npos);
  CHECK(found[0].message.find("set `plan = \"plan/p\"`") != std::string::npos);
}

TEST_CASE("plans: an action must name a theme or a plan") {
  TempDir dir;
  write_two_plans(dir, "");
  dir.write("content/actions/a2.md", action_document("Sharper plans", ""));
  Diagnostics diags;
  load_portal(dir.path() / "content", diags);
  std::vector<Diagnostic> found = diags.sorted();
  REQUIRE(found.size() == 1);
  CHECK(found[0].key == "theme");
  CHECK(found[0].message.find("when it is in none, `plan = \"plan/...\"` naming its plan") != std::string::npos);
}

TEST_CASE("plans: a plan's grouping word, plural and closing date are read, and closing before approval is an error") {
  TempDir dir;
  write_two_plans(dir, "");
  dir.write("content/plan/q.md", "+++\ntype = \"plan\"\ntitle = \"Plan 2023\"\napproved = 2023-07-14\n"
                                 "grouping = \"workstream\"\n+++\n");
  dir.write("content/plan/p.md", "+++\ntype = \"plan\"\ntitle = \"Plan 2016\"\napproved = 2016-09-20\n"
                                 "grouping = \"enabler\"\ngrouping_plural = \"enabling themes\"\nclosed = 2016-01-01\n+++\n");
  Diagnostics diags;
  Portal portal = load_portal(dir.path() / "content", diags);
  const Document& q = portal.doc(portal.links.find("plan/q"));
  CHECK(q.grouping == "workstream");
  CHECK(q.grouping_plural == "workstreams");
  const Document& p = portal.doc(portal.links.find("plan/p"));
  CHECK(p.grouping_plural == "enabling themes");
  std::vector<Diagnostic> found = diags.sorted();
  REQUIRE(found.size() == 1);
  CHECK(found[0].key == "closed");
  CHECK(found[0].line == 7);
  CHECK(first_letter_upper("priority area") == "Priority area");
}
