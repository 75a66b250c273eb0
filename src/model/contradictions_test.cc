#include <doctest/doctest.h>

#include "contradictions.h"
#include "document_reader.h"

using namespace scrutiny;

namespace {

Document read(const std::string& path, const std::string& front) {
  Diagnostics diags;
  auto d = read_document("content/" + path, path, "+++\n" + front + "+++\nBody.\n", diags);
  REQUIRE_MESSAGE(d, "could not read " << path);
  return *d;
}

const std::string kAction =
    "type = \"action\"\ntitle = \"Audit\"\ntheme = \"plan/t1\"\nrecommendations = [\"recommendations/r1\"]\n"
    "owner = \"Head of Service\"\nstart_date = 2023-07-01\ntarget_date = 2024-03-31\n";

std::string update(const std::string& date, const std::string& status) {
  return "type = \"update\"\ntitle = \"Update\"\ndate = " + date + "\nmeeting = \"Committee\"\n"
         "[[statuses]]\naction = \"actions/a1\"\nstatus = \"" + status + "\"\n";
}

std::vector<Diagnostic> check(const std::vector<Document>& docs) {
  Diagnostics ignored;
  LinkGraph links = LinkGraph::build(docs, std::vector<std::vector<Ref>>(docs.size()), ignored);
  Diagnostics found;
  check_contradictions(docs, links, found);
  return found.sorted();
}

}  // namespace

TEST_CASE("contradictions: the latest update reports a status the action's file does not give") {
  Document action = read("actions/a1.md", kAction + "status = \"on-track\"\n");
  auto p = check({action, read("updates/2023-12.md", update("2023-12-06", "at-risk")),
                  read("updates/2024-02.md", update("2024-02-14", "complete"))});
  REQUIRE(p.size() == 1);
  CHECK(p[0].severity == Severity::warning);
  CHECK(p[0].file == "content/actions/a1.md");
  CHECK(p[0].line == 9);
  CHECK(p[0].key == "status");
  CHECK(p[0].message.find("content/updates/2024-02.md (line 7, 14 February 2024), says \"complete\"") !=
        std::string::npos);
  CHECK(p[0].message.find("add `completed = YYYY-MM-DD`") != std::string::npos);

  // Agreeing with the latest report is fine, whatever earlier updates said.
  CHECK(check({action, read("updates/2023-12.md", update("2023-12-06", "complete")),
               read("updates/2024-02.md", update("2024-02-14", "on-track"))})
            .empty());
  // An action completed after the last meeting that reported it moved on: no contradiction.
  Document done = read("actions/a1.md", kAction + "status = \"complete\"\ncompleted = 2024-03-01\n");
  CHECK(check({done, read("updates/2024-02.md", update("2024-02-14", "on-track"))}).empty());
  CHECK(check({done, read("updates/2024-03.md", update("2024-03-05", "on-track"))}).size() == 1);
}

TEST_CASE("contradictions: completed before the action started, and a plan older than the visit it answers") {
  auto p = check({read("actions/a1.md", kAction +
                                            "status = \"on-track\"\n[[milestones]]\ntitle = \"Audit\"\n"
                                            "target_date = 2023-09-30\nstatus = \"complete\"\ncompleted = 2023-06-30\n")});
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 14);
  CHECK(p[0].key == "milestones[1].completed");
  CHECK(p[0].message.find("before its action started (1 July 2023)") != std::string::npos);
  // A start given as a month begins on its first day.
  std::string by_month = kAction;
  by_month.replace(by_month.find("2023-07-01"), 10, "\"June 2023\"");
  CHECK(check({read("actions/a1.md", by_month + "status = \"on-track\"\n[[milestones]]\ntitle = \"Audit\"\n"
                                               "target_date = 2023-09-30\nstatus = \"complete\"\ncompleted = 2023-06-10\n")})
            .empty());

  Document visit = read("inspections/fv.md",
                        "type = \"inspection\"\ntitle = \"Visit\"\nkind = \"focused-visit\"\nstart_date = 2023-05-23\n"
                        "end_date = 2023-05-24\npublished = 2023-06-28\n");
  std::string plan = "type = \"plan\"\ntitle = \"Plan\"\napproved = 2016-09-20\ninspections = [\"inspections/fv\"]\n";
  p = check({visit, read("plan/p.md", plan)});
  REQUIRE(p.size() == 1);
  CHECK(p[0].file == "content/plan/p.md");
  CHECK(p[0].line == 5);
  CHECK(p[0].message.find("add a [[versions]] entry") != std::string::npos);
  CHECK(check({visit, read("plan/p.md", plan + "[[versions]]\nversion = \"2023\"\ndate = 2023-07-14\n")}).empty());
}

TEST_CASE("contradictions: a completion dated after the date the site stands at") {
  Diagnostics found;
  check_completed_dates({read("actions/a1.md", kAction + "status = \"complete\"\ncompleted = 2024-03-01\n")},
                        Date{2024, 2, 20}, found);
  auto p = found.sorted();
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 10);
  CHECK(p[0].message.find("after the date this site stands at (20 February 2024)") != std::string::npos);
  Diagnostics none;
  check_completed_dates({read("actions/a1.md", kAction + "status = \"complete\"\ncompleted = 2024-03-01\n")},
                        Date{2024, 3, 1}, none);
  CHECK(none.sorted().empty());
}
