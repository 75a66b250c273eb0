// The content model's answers to issue 12 as a reader sees them: whole builds of small portals.
#include <doctest/doctest.h>

#include <filesystem>

#include "site_builder.h"
#include "site_path.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

fs::path build(const TempDir& dir) { return build_cleanly(build_options(dir)); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kAction2 =
    "+++\ntype = \"action\"\ntitle = \"Open a family hub\"\ntheme = \"plan/themes/a\"\n"
    "origin = \"Council priority\"\nowner = \"Head of Early Help\"\n"
    "start_date = 2016-09-01\ntarget_date = 2017-03-31\nstatus = \"on-track\"\n+++\n";

}  // namespace

TEST_CASE("site: an action that answers no finding says so, and no finding claims it (issue 12.1)") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/actions/a2.md", kAction2);
  fs::path site = build(dir);
  std::string page = read_file(site / "actions/a2.html");
  CHECK(has(page, "Council priority; answers no inspection finding."));
  CHECK(has(page, "<dt>Comes from</dt><dd>Council priority</dd>"));
  // The one finding is still answered by its one action, not two.
  CHECK(has(read_file(site / "inspections/2016.html"), "answered by 1 action"));
  CHECK(has(read_file(site / "recommendations/index.html"), "answered by 1 action"));
  std::string csv = read_file(site / "data/actions.csv");
  CHECK(has(csv.substr(0, csv.find('\n')), ",recommendation_ids,url,owners,origin"));
  CHECK(has(csv, ",Head of Early Help,Council priority"));
}

TEST_CASE("site: a lead with a supporting owner; one owner page each, none for the pair (issue 12.2)") {
  TempDir dir;
  write_minimal_portal(dir);
  std::string a1 = read_file(dir.path() / "content/actions/a1.md");
  a1.replace(a1.find("owner = \"Head of Service\""), std::string("owner = \"Head of Service\"").size(),
             "owners = [\"Head of Service\", \"Principal Social Worker\"]");
  dir.write("content/actions/a1.md", a1);
  fs::path site = build(dir);
  CHECK(has(read_file(site / "actions/a1.html"), "<dt>Owners</dt><dd>Lead: Head of Service; with Principal Social Worker</dd>"));
  size_t owner_pages = 0;
  for (const auto& e : fs::directory_iterator(site / "actions/owner")) {
    ++owner_pages;
    CHECK_FALSE(has(e.path().filename().string(), "social-worker-"));  // no "head-of-service-principal-..."
  }
  CHECK(owner_pages == 2);
  auto names = page_names({"Head of Service", "Principal Social Worker"});
  std::string lead = read_file(site / ("actions/owner/" + names["Head of Service"] + ".html"));
  std::string support = read_file(site / ("actions/owner/" + names["Principal Social Worker"] + ".html"));
  CHECK(has(lead, "Audit decisions"));
  CHECK(has(lead, "(leads)"));
  CHECK(has(support, "Audit decisions"));
  CHECK(has(support, "(supports)"));
  // The milestone, owning nothing of its own, has both too.
  CHECK(has(read_file(site / ("milestones/owner/" + names["Principal Social Worker"] + ".html")), "First audit"));
  std::string csv = read_file(site / "data/actions.csv");
  CHECK(has(csv, ",Head of Service,2016-09-01"));  // `owner` stays the lead
  CHECK(has(csv, ",Head of Service; Principal Social Worker,"));
}

TEST_CASE("site: a focused visit's findings in the report's order, each by its own label (issue 12.4)") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/inspections/2022.md",
            "+++\ntype = \"inspection\"\ntitle = \"Focused visit 2022\"\nkind = \"focused-visit\"\n"
            "start_date = 2022-03-23\nend_date = 2022-03-24\npublished = 2022-05-09\n+++\n");
  auto finding = [&](const std::string& id, const std::string& kind, int n) {
    dir.write("content/recommendations/" + id + ".md",
              "+++\ntype = \"recommendation\"\ntitle = \"Finding " + id + "\"\ninspection = \"inspections/2022\"\nkind = \"" +
                  kind + "\"\nnumber = " + std::to_string(n) + "\n+++\n");
  };
  finding("afi-1", "area-for-improvement", 1);
  finding("pa-1", "priority-action", 1);
  finding("afi-2", "area-for-improvement", 2);
  finding("pa-2", "priority-action", 2);
  fs::path site = build(dir);
  // (progress.html charts only the findings the current plan's actions answer: none here.)
  for (const char* page : {"recommendations/index.html", "inspections/2022.html", "data/recommendations.csv"}) {
    INFO(page);
    std::string text = read_file(site / page);
    size_t pa1 = text.find("Finding pa-1"), pa2 = text.find("Finding pa-2"), afi1 = text.find("Finding afi-1"),
           afi2 = text.find("Finding afi-2");
    REQUIRE(afi2 != std::string::npos);
    CHECK(pa1 < pa2);
    CHECK(pa2 < afi1);
    CHECK(afi1 < afi2);
  }
  // No list numbers findings by position: the label is the report's own.
  std::string list = read_file(site / "recommendations/index.html");
  CHECK_FALSE(has(list, "<ol class=\"item-list\">"));
  CHECK(has(list, "Area for priority action 2; answered by 0 actions"));
  CHECK_FALSE(has(read_file(site / "inspections/2022.html"), "<ol class=\"item-list\">"));
}

TEST_CASE("site: a peer review's findings are answered like an inspection's, and it is called a review (issue 12.5)") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/inspections/2017-peer-review.md",
            "+++\ntype = \"inspection\"\ntitle = \"LGA peer review 2017\"\nkind = \"lga-peer-review\"\n"
            "start_date = 2017-01-10\nend_date = 2017-01-12\npublished = 2017-02-01\n+++\n");
  dir.write("content/recommendations/peer-1.md",
            "+++\ntype = \"recommendation\"\ntitle = \"Strengthen supervision\"\ninspection = \"inspections/2017-peer-review\"\n+++\n");
  std::string a1 = read_file(dir.path() / "content/actions/a1.md");
  a1.replace(a1.find("[\"recommendations/r1\"]"), std::string("[\"recommendations/r1\"]").size(),
             "[\"recommendations/r1\", \"recommendations/peer-1\"]");
  dir.write("content/actions/a1.md", a1);
  fs::path site = build(dir);
  std::string review = read_file(site / "inspections/2017-peer-review.html");
  CHECK(has(review, "LGA peer review"));
  CHECK(has(review, "<dt>Carried out by</dt><dd>Local Government Association</dd>"));
  CHECK(has(review, "A review, not an inspection: it makes no judgements."));
  CHECK(has(review, "What the review asked for"));
  CHECK(has(review, "answered by 1 action"));
  CHECK(has(read_file(site / "inspections/index.html"), "and reviews by others"));
  CHECK(has(read_file(site / "recommendations/peer-1.html"), "Review report published"));
  CHECK_FALSE(has(read_file(site / "recommendations/peer-1.html"), "Inspection report published"));
  // The home page's latest inspection is the latest inspection, not the newer review.
  std::string home = read_file(site / "index.html");
  std::string latest = home.substr(home.find("latest-inspection-heading"), 600);
  CHECK(has(latest, "Inspection 2016"));
  CHECK_FALSE(has(latest, "LGA peer review 2017"));
}
