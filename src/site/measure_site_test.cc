#include <doctest/doctest.h>

#include <filesystem>

#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

BuildOptions options_for(const TempDir& dir) {
  BuildOptions o = build_options(dir);
  o.read_history = false;
  return o;
}

void write_measure(const TempDir& dir) {
  dir.write("content/measures/repeat-plans.md",
            "+++\ntype = \"measure\"\ntitle = \"Repeat child protection plans\"\n"
            "summary = \"New plans for children who had one before.\"\nunit = \"%\"\nbetter = \"lower\"\n"
            "target = 18\nsource = \"Children in need census\"\n"
            "evidences = [\"plan/themes/a\", \"actions/a1\", \"recommendations/r1\"]\n"
            "[[comparators]]\nname = \"Similar authorities\"\nvalue = 18\n"
            "[[comparators]]\nname = \"England\"\nvalue = 17\n"
            "[[values]]\ndate = 2016-03-31\nvalue = 22.6\nnote = \"Baseline at inspection\"\n+++\n"
            "How it is counted.\n");
  dir.write("content/updates/u1.md",
            "+++\ntype = \"update\"\ntitle = \"November 2016 update\"\ndate = 2016-11-15\n"
            "meeting = \"People Scrutiny Committee\"\nreports_on = [\"recommendations/r1\"]\n"
            "[[statuses]]\naction = \"actions/a1\"\nstatus = \"on-track\"\n"
            "[[measures]]\nmeasure = \"measures/repeat-plans\"\nvalue = 19.5\n+++\n"
            "Progress on [[actions/a1]] is good.\n");
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("measure pages: chart, table and trend in words; linked both ways; in the navigation and open data") {
  TempDir dir;
  write_minimal_portal(dir);
  write_measure(dir);
  const fs::path site = build_cleanly(options_for(dir));

  std::string page = read_file(site / "measures/repeat-plans.html");
  CHECK(has(page, "Down from 22.6% to 19.5% since March 2016, better (lower is better); target 18%, not yet met; "
                  "Similar authorities 18%; England 17%."));
  CHECK(has(page, "<svg class=\"chart\""));
  CHECK(has(page, "role=\"img\""));
  CHECK(has(page, "<td>22.6%</td>"));
  CHECK(has(page, "<td>19.5%</td>"));
  CHECK(has(page, "<td>19.5%</td><td>Reported in <a href=\"../updates/u1.html\">November 2016 update</a>"));
  CHECK(has(page, "<th scope=\"row\">England</th><td>17%</td>"));
  CHECK(has(page, "Theme: <a href=\"../plan/themes/a.html\">Practice</a>"));
  CHECK(has(page, "Finding: <a href=\"../recommendations/r1.html\">"));
  CHECK(has(page, "A lower figure is better"));
  CHECK(has(page, "href=\"index.html\">Measures</a>"));  // breadcrumb

  // The pages it evidences list it with its latest value; the update lists what it reported.
  for (const char* p : {"plan/themes/a.html", "actions/a1.html", "recommendations/r1.html"}) {
    std::string evidenced = read_file(site / p);
    INFO(p);
    CHECK(has(evidenced, "Measures that evidence this"));
    CHECK(has(evidenced, "Repeat child protection plans</a> <span class=\"item-list__meta\">latest 19.5%"));
  }
  std::string update = read_file(site / "updates/u1.html");
  CHECK(has(update, "Measures reported"));
  CHECK(has(update, "Repeat child protection plans</a>: 19.5%, <time datetime=\"2016-11-15\">"));

  std::string list = read_file(site / "measures/index.html");
  CHECK(has(list, "<a href=\"repeat-plans.html\">Repeat child protection plans</a>"));
  CHECK(has(read_file(site / "index.html"), "href=\"measures/index.html\">Measures</a>"));

  std::string csv = read_file(site / "data/measures.csv");
  CHECK(has(csv, "measure_id,measure,unit,better,date,value,note,reported_in,target,target_date,url\r\n"));
  CHECK(has(csv, "measures/repeat-plans,Repeat child protection plans,%,lower,2016-03-31,22.6,Baseline at inspection,,18,,"
                 "measures/repeat-plans.html\r\n"));
  CHECK(has(csv, "measures/repeat-plans,Repeat child protection plans,%,lower,2016-11-15,19.5,,updates/u1,18,,"
                 "measures/repeat-plans.html\r\n"));
  std::string json = read_file(site / "data/portal.json");
  CHECK(has(json, "\"better\": \"lower\""));
  CHECK(has(json, "\"reported_in\": \"updates/u1\""));
  CHECK(has(json, "\"value\": 22.6"));

  for (const char* p : {"measures/repeat-plans.html", "measures/index.html", "updates/u1.html"}) {
    INFO(p);
    CHECK(html_wellformedness_problems(read_file(site / p)).empty());
  }
  auto broken = broken_internal_links(site);
  for (const auto& b : broken) MESSAGE(b);
  CHECK(broken.empty());
}

TEST_CASE("measure pages: a portal without measures has no measures list and no navigation entry for one") {
  TempDir dir;
  write_minimal_portal(dir);
  const fs::path site = build_cleanly(options_for(dir));
  CHECK_FALSE(fs::exists(site / "measures/index.html"));
  CHECK_FALSE(has(read_file(site / "index.html"), ">Measures</a>"));
  // measures.csv has its header, so scripts reading it need not special-case its absence.
  CHECK(read_file(site / "data/measures.csv") ==
        "\xEF\xBB\xBFmeasure_id,measure,unit,better,date,value,note,reported_in,target,target_date,url\r\n");
}
