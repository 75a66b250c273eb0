#include <doctest/doctest.h>

#include <filesystem>
#include <map>

#include "open_data.h"
#include "progress.h"
#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// An RFC 4180 reader, strict about what the writer promises: CRLF after every record,
// quoted fields only where needed.
// Reads a CSV file as spreadsheet programs do, after the UTF-8 byte order mark that every
// file must start with (Excel reads a file without one in the legacy code page).
Rows parse_csv(const std::string& text) {
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
  size_t i = 3;
  while (i < text.size()) {
    if (text[i] == '"') {
      ++i;
      while (i < text.size()) {
        if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          i += 2;
        } else if (text[i] == '"') {
          ++i;
          break;
        } else {
          field += text[i++];
        }
      }
    }
    if (i < text.size() && text[i] == ',') {
      row.push_back(field);
      field.clear();
      ++i;
    } else if (text.compare(i, 2, "\r\n") == 0) {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
      i += 2;
    } else if (i < text.size()) {
      REQUIRE_MESSAGE(text[i] != '\n', "bare LF outside quotes at byte " << i);
      field += text[i++];
    }
  }
  CHECK_MESSAGE(row.empty(), "last record has no CRLF");
  return rows;
}

std::map<std::string, std::string> record(const Rows& rows, size_t r) {
  std::map<std::string, std::string> out;
  for (size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) out[rows[0][c]] = rows[r][c];
  return out;
}

const std::vector<std::string> kActionColumns = {"id", "number", "title", "theme_id", "theme", "owner", "start_date",
                                                 "target_date", "status", "completed", "overdue",
                                                 "recommendation_ids", "url", "owners", "origin", "original_target_date",
                                                 "target_date_moves", "target_date_days_moved"};
const std::vector<std::string> kMilestoneColumns = {"action_id", "action_number", "action_title", "milestone", "owner",
                                                    "target_date", "status", "completed", "overdue", "owners",
                                                    "original_target_date", "target_date_moves",
                                                    "target_date_days_moved"};
const std::vector<std::string> kRecommendationColumns = {"id", "inspection_id", "inspection", "kind", "number",
                                                         "title", "theme_ids", "action_ids", "actions_complete",
                                                         "actions_total", "url"};

std::string file(const std::vector<OpenDataFile>& files, const std::string& path) {
  for (const OpenDataFile& f : files)
    if (f.path == path) return f.content;
  FAIL("no " << path);
  return "";
}

Portal load(const fs::path& content) {
  Diagnostics diags;
  Portal portal = load_portal(content, diags);
  REQUIRE_FALSE(diags.has_errors());
  return portal;
}

}  // namespace

TEST_CASE("open data: the sample portal's exports, read back") {
  const fs::path content = fs::path(SCRUTINY_SOURCE_DIR) / "content";
  TempDir dir;
  const BuildOptions o = build_options(dir, content);
  build_cleanly(o);
  const fs::path data = o.out_dir / "data";
  Portal portal = load(content);
  std::string home = read_file(o.out_dir / "index.html");
  for (const char* f : {"portal.json", "actions.csv", "milestones.csv", "recommendations.csv", "decisions.csv"})
    CHECK_MESSAGE(home.find(std::string("href=\"data/") + f + "\"") != std::string::npos, f);
  CHECK(home.find("href=\"a-z.html\"") != std::string::npos);

  std::string json = read_file(data / "portal.json");
  CHECK(json.rfind("{\n  \"schema_version\": 1,\n  \"title\": \"Children's Services Improvement: Southend-on-Sea\",\n", 0) == 0);
  CHECK(json.find('\r') == std::string::npos);
  // The as-at date the build used, so overdue flags can be checked against the rule.
  std::optional<Date> as_at;
  size_t at = json.find("\n  \"as_at\": ");
  REQUIRE(at != std::string::npos);
  if (json.compare(at + 12, 4, "null") != 0) as_at = Date::parse_iso(json.substr(at + 13, 10));
  size_t urls = 0;
  for (size_t p = json.find("\n      \"url\": "); p != std::string::npos; p = json.find("\n      \"url\": ", p + 1)) ++urls;
  CHECK(urls == portal.documents.size());
  CHECK(json.find("\"id\": \"actions/a14\",\n      \"type\": \"action\",") != std::string::npos);

  Rows actions = parse_csv(read_file(data / "actions.csv"));
  REQUIRE(!actions.empty());
  CHECK(actions[0] == kActionColumns);
  CHECK(actions.size() - 1 == documents_of_type(portal, DocType::action).size());
  CHECK(actions.size() - 1 == 41);
  bool found_a14 = false;
  for (size_t r = 1; r < actions.size(); ++r) {
    CHECK(actions[r].size() == kActionColumns.size());
    auto row = record(actions, r);
    int i = portal.links.find(row["id"]);
    REQUIRE(i >= 0);
    const Document& a = portal.doc(i);
    CHECK(row["status"] == status_value(*a.status));
    CHECK(row["target_date"] == a.target_date->iso());
    CHECK(row["url"] == row["id"] + ".html");
    CHECK(fs::exists(o.out_dir / row["url"]));
    std::string expected_overdue = as_at ? (is_overdue(a, *as_at) ? "true" : "false") : "";
    CHECK_MESSAGE(row["overdue"] == expected_overdue, row["id"]);
    if (row["id"] == "actions/a14") {
      found_a14 = true;
      CHECK(row["number"] == "3.2");
      CHECK(row["title"] == "Give social workers technology to record visits on time");
      CHECK(row["theme_id"] == "plan/themes/a-practice-and-culture");
      CHECK(row["theme"] == "Practice and culture");
      CHECK(row["owner"] == "Group Manager – ICT");
      CHECK(row["start_date"] == "2016-09-01");
      CHECK(row["target_date"] == "2018-03-31");
      CHECK(row["status"] == "complete");
      CHECK(row["completed"] == "2018-03-16");
      CHECK(row["recommendation_ids"] == "recommendations/2016-r03");
    }
  }
  CHECK(found_a14);
  // Plan order, as the actions page lists them.
  CHECK(actions[1][0] == "actions/a01");

  Rows milestones = parse_csv(read_file(data / "milestones.csv"));
  REQUIRE(!milestones.empty());
  CHECK(milestones[0] == kMilestoneColumns);
  size_t expected_milestones = 0;
  for (const Document& d : portal.documents) expected_milestones += d.milestones.size();
  CHECK(milestones.size() - 1 == expected_milestones);
  CHECK(expected_milestones > 100);
  for (size_t r = 1; r < milestones.size(); ++r) {
    CHECK(milestones[r].size() == kMilestoneColumns.size());
    auto row = record(milestones, r);
    if (!as_at) CHECK(row["overdue"].empty());
    else {
      Status s = *parse_status(row["status"]);
      CHECK(row["overdue"] == (is_overdue(*Date::parse_iso(row["target_date"]), s, *as_at) ? "true" : "false"));
    }
  }
  auto first_a14 = std::find_if(milestones.begin(), milestones.end(), [](const auto& r) { return r[0] == "actions/a14"; });
  REQUIRE(first_a14 != milestones.end());
  CHECK((*first_a14)[3] == "Ask practitioners what stops them recording visits on the case management system");
  CHECK((*first_a14)[4] == "Group Managers");
  CHECK((*first_a14)[5] == "2016-09-30");
  CHECK((*first_a14)[7] == "2016-09-29");
  CHECK((*(first_a14 + 4))[4] == "Group Manager – ICT");  // no owner of its own: the action's

  Rows recs = parse_csv(read_file(data / "recommendations.csv"));
  REQUIRE(!recs.empty());
  CHECK(recs[0] == kRecommendationColumns);
  CHECK(recs.size() - 1 == documents_of_type(portal, DocType::recommendation).size());
  for (size_t r = 1; r < recs.size(); ++r) {
    CHECK(recs[r].size() == kRecommendationColumns.size());
    auto row = record(recs, r);
    int i = portal.links.find(row["id"]);
    REQUIRE(i >= 0);
    size_t total = 0, complete = 0;
    for (size_t a : documents_of_type(portal, DocType::action))
      for (const Ref& ref : portal.doc(a).recommendations)
        if (ref.id == row["id"]) {
          ++total;
          if (portal.doc(a).status == Status::complete) ++complete;
        }
    CHECK_MESSAGE(row["actions_total"] == std::to_string(total), row["id"]);
    CHECK_MESSAGE(row["actions_complete"] == std::to_string(complete), row["id"]);
    size_t listed = row["action_ids"].empty() ? 0 : 1 + std::count(row["action_ids"].begin(), row["action_ids"].end(), ' ');
    CHECK(listed == total);
  }
  auto r07 = std::find_if(recs.begin(), recs.end(), [](const auto& r) { return r[0] == "recommendations/2016-r07"; });
  REQUIRE(r07 != recs.end());
  auto row = record(recs, r07 - recs.begin());
  CHECK(row["inspection_id"] == "inspections/2016-ilacs");
  CHECK(row["inspection"] == "Inspection of services for children and review of the LSCB, 2016");
  CHECK(row["kind"] == "recommendation");
  CHECK(row["number"] == "7");
  CHECK(row["theme_ids"] == "plan/themes/b-continuous-improvement plan/themes/c-responsive-intervention");
  CHECK(row["title"] == "Complete child protection enquiries within statutory timescales");
}

TEST_CASE("open data: overdue follows the rule as at the as-at date, and is unknown without one") {
  TempDir dir;
  write_minimal_portal(dir);
  Portal portal = load(dir.path() / "content");
  Diagnostics diags;
  auto files_at = [&](const std::string& iso) {
    portal.as_at = Date::parse_iso(iso);
    return open_data_files(portal, diags);
  };
  // actions/a1: target 2017-03-31, on track; its milestone was due 2016-12-31 and is complete.
  auto overdue_of = [&](const std::string& iso) { return record(parse_csv(file(files_at(iso), "data/actions.csv")), 1)["overdue"]; };
  CHECK(overdue_of("2017-03-30") == "false");
  CHECK(overdue_of("2017-03-31") == "false");  // due today is not overdue
  CHECK(overdue_of("2017-04-01") == "true");
  CHECK(overdue_of("") == "");
  CHECK(record(parse_csv(file(files_at("2030-01-01"), "data/milestones.csv")), 1)["overdue"] == "false");

  std::string late = file(files_at("2017-04-01"), "data/portal.json");
  CHECK(late.find("\"as_at\": \"2017-04-01\"") != std::string::npos);
  CHECK(late.find("\"status\": \"on-track\",\n      \"completed\": null,\n      \"overdue\": true,") != std::string::npos);
  std::string unknown = file(files_at(""), "data/portal.json");
  CHECK(unknown.find("\"as_at\": null") != std::string::npos);
  CHECK(unknown.find("\"overdue\": null") != std::string::npos);
  CHECK(unknown.find("\"overdue\": true") == std::string::npos);
  CHECK(unknown.find("\"overdue\": false") == std::string::npos);
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("open data: portal.json holds every type's fields, references as ids, in id order") {
  TempDir dir;
  write_minimal_portal(dir);
  Portal portal = load(dir.path() / "content");
  Diagnostics diags;
  settle_as_at(portal, AsAtChoice{Date{2017, 1, 1}}, std::nullopt, true);
  std::string json = file(open_data_files(portal, diags), "data/portal.json");
  // Ids in byte order: about, actions/a1, inspections/2016, plan/p, plan/themes/a, recommendations/r1, updates/u1.
  std::vector<size_t> at;
  for (const char* id : {"about", "actions/a1", "inspections/2016", "plan/p", "plan/themes/a", "recommendations/r1", "updates/u1"})
    at.push_back(json.find(std::string("\"id\": \"") + id + "\""));
  for (size_t k = 0; k < at.size(); ++k) {
    CHECK(at[k] != std::string::npos);
    if (k > 0) CHECK(at[k - 1] < at[k]);
  }
  for (const char* fragment : {
           "\"url\": \"actions/a1.html\"",
           "\"theme\": \"plan/themes/a\",\n      \"recommendations\": [\n        \"recommendations/r1\"\n      ],",
           "\"milestones\": [\n        {\n          \"title\": \"First audit\",\n          \"target_date\": \"2016-12-31\",\n"
           "          \"owner\": \"Head of Service\",\n          \"status\": \"complete\",\n"
           "          \"completed\": \"2016-12-20\",\n          \"overdue\": false,\n"
           "          \"owners\": [\n            \"Head of Service\"\n          ],\n"
           // Without history nothing is known of earlier target dates.
           "          \"original_target_date\": null,\n          \"target_date_moves\": null,\n"
           "          \"target_date_days_moved\": null\n        }\n      ],\n"
           "      \"owners\": [\n        \"Head of Service\"\n      ],\n      \"origin\": null",
           "\"overall_judgement\": \"requires-improvement\"",
           "\"kind\": \"ilacs\"",
           "\"inspection\": \"inspections/2016\",\n      \"kind\": \"recommendation\",\n      \"number\": 1,",
           "\"actions\": [\n        \"actions/a1\"\n      ]",
           "\"plan\": \"plan/p\"",
           "      ],\n      \"plan\": \"plan/p\",\n      \"owner\": \"Head of Service\"",  // an action's plan, through its theme
           "\"closed\": null,\n      \"grouping\": \"theme\",\n      \"current\": true,",
           "\"approved\": \"2016-09-20\"",
           "\"reports_on\": [\n        \"recommendations/r1\"\n      ]",
           "\"statuses\": [\n        {\n          \"action\": \"actions/a1\",\n          \"status\": \"on-track\",\n          \"note\": null,\n          \"statement\": null\n        }\n      ]",
           "\"measures\": [],\n      \"paper_url\": null,\n      \"decisions\": []\n    }",
           "\"summary\": null",
           "\"order\": null",
       })
    CHECK_MESSAGE(json.find(fragment) != std::string::npos, fragment);
  CHECK(json.back() == '\n');
}

TEST_CASE("open data: an update's paper, position statements and decisions, in portal.json and decisions.csv") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/updates/u1.md",
            "+++\ntype = \"update\"\ntitle = \"November 2016 update\"\ndate = 2016-11-15\n"
            "meeting = \"People Scrutiny Committee\"\nreports_on = [\"recommendations/r1\"]\n"
            "paper_url = \"https://democracy.example.gov.uk/s1/report.pdf\"\n"
            "[[statuses]]\naction = \"actions/a1\"\nstatus = \"at-risk\"\nnote = \"Audits late.\"\n"
            "statement = \"\"\"\nHalf the audits are done.\n\nThe rest by March.\n\"\"\"\n"
            "[[decisions]]\ntext = \"The committee noted the report.\"\n"
            "[[decisions]]\ntext = \"A further report, with the audit's findings.\"\ndue = \"March 2017\"\n"
            "actions = [\"actions/a1\"]\n+++\nProgress.\n");
  Portal portal = load(dir.path() / "content");
  Diagnostics diags;
  const std::vector<OpenDataFile> files = open_data_files(portal, diags);
  std::string json = file(files, "data/portal.json");
  for (const char* fragment : {
           // The statement is appended to the status report, after the fields it had.
           "\"status\": \"at-risk\",\n          \"note\": \"Audits late.\",\n"
           "          \"statement\": \"Half the audits are done.\\n\\nThe rest by March.\\n\"\n        }",
           "\"paper_url\": \"https://democracy.example.gov.uk/s1/report.pdf\",\n      \"decisions\": [\n"
           "        {\n          \"text\": \"The committee noted the report.\",\n          \"due\": null,\n"
           "          \"actions\": []\n        },\n"
           "        {\n          \"text\": \"A further report, with the audit's findings.\",\n"
           "          \"due\": \"2017-03\",\n          \"actions\": [\n            \"actions/a1\"\n          ]\n        }\n      ]",
       })
    CHECK_MESSAGE(json.find(fragment) != std::string::npos, fragment);

  Rows decisions = parse_csv(file(files, "data/decisions.csv"));
  REQUIRE(decisions.size() == 3);
  CHECK(decisions[0] == std::vector<std::string>{"update_id", "update_date", "meeting", "decision", "due", "action_ids",
                                                 "paper_url", "url"});
  CHECK(decisions[1] == std::vector<std::string>{"updates/u1", "2016-11-15", "People Scrutiny Committee",
                                                 "The committee noted the report.", "", "",
                                                 "https://democracy.example.gov.uk/s1/report.pdf", "updates/u1.html"});
  CHECK(decisions[2][3] == "A further report, with the audit's findings.");
  CHECK(decisions[2][4] == "2017-03");
  CHECK(decisions[2][5] == "actions/a1");
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("open data: text is escaped for JSON and CSV, and guarded against spreadsheet formulas") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/actions/a1.md",
            "+++\ntype = \"action\"\ntitle = \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\"\ntheme = \"plan/themes/a\"\n"
            "recommendations = [\"recommendations/r1\"]\nowner = \"@Head, \\\"of\\\" Service\\nsecond line\"\n"
            "start_date = 2016-09-01\ntarget_date = 2017-03-31\nstatus = \"on-track\"\n"
            "[[milestones]]\ntitle = \"-1+2 </script>\"\ntarget_date = 2016-12-31\nstatus = \"complete\"\n"
            "completed = 2016-12-20\n+++\n");
  Portal portal = load(dir.path() / "content");
  Diagnostics diags;
  auto files = open_data_files(portal, diags);
  std::string csv = file(files, "data/actions.csv");
  auto row = record(parse_csv(csv), 1);
  CHECK(row["title"] == "'=HYPERLINK(\"http://evil\",\"x\")");
  CHECK(row["owner"] == "'@Head, \"of\" Service\nsecond line");
  CHECK(record(parse_csv(file(files, "data/milestones.csv")), 1)["milestone"] == "'-1+2 </script>");
  std::string json = file(files, "data/portal.json");
  CHECK(json.find("\"title\": \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\"") != std::string::npos);
  CHECK(json.find("\"owner\": \"@Head, \\\"of\\\" Service\\nsecond line\"") != std::string::npos);
  CHECK(json.find("\"title\": \"-1+2 \\u003c/script>\"") != std::string::npos);
  // The same input gives the same bytes.
  Diagnostics again;
  auto second = open_data_files(portal, again);
  for (size_t k = 0; k < files.size(); ++k) CHECK(files[k].content == second[k].content);
}
