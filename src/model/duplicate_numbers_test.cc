#include <doctest/doctest.h>

#include "duplicate_numbers.h"

using namespace scrutiny;

namespace {

Document action(const std::string& path, const std::string& number, const std::string& title) {
  Document d;
  d.type = DocType::action;
  d.source_path = path;
  d.display_path = "content/" + path;
  d.id = path.substr(0, path.size() - 3);
  d.title = title;
  d.number_label = number;
  d.number_line = number.empty() ? 0 : 5;
  d.theme = {"plan/t1", 3, "theme"};
  return d;
}

std::vector<Diagnostic> check(const std::vector<Document>& docs) {
  Diagnostics diags;
  LinkGraph links = LinkGraph::build(docs, std::vector<std::vector<Ref>>(docs.size()), diags);
  Diagnostics found;
  check_duplicate_numbers(docs, links, found);
  return found.sorted();
}

}  // namespace

TEST_CASE("copies: a copied action is an error naming both files") {
  auto p = check({action("actions/a17 - Copy.md", "17", "Audit"), action("actions/a17.md", "17", "Audit")});
  REQUIRE(p.size() == 1);
  CHECK(p[0].severity == Severity::error);
  CHECK(p[0].file == "content/actions/a17 - Copy.md");
  CHECK(p[0].message.find("copy of content/actions/a17.md") != std::string::npos);
  CHECK(p[0].message.find("delete the copy") != std::string::npos);
  // Without a number, the same title gives the copy away.
  p = check({action("actions/a17.md", "", "Audit"), action("actions/a17 copy.md", "", "Audit")});
  REQUIRE(p.size() == 1);
  CHECK(p[0].file == "content/actions/a17 copy.md");
}

TEST_CASE("duplicate numbers: two actions or recommendations numbered alike in one plan or inspection") {
  auto p = check({action("actions/a17.md", "17", "Audit"), action("actions/b17.md", "17", "Other")});
  REQUIRE(p.size() == 1);
  CHECK(p[0].file == "content/actions/b17.md");
  CHECK(p[0].line == 5);
  CHECK(p[0].message.find("number 17 is also used by content/actions/a17.md") != std::string::npos);
  // Other plans, and the same title without a copy's name, are fine.
  auto other = action("actions/b17.md", "17", "Audit");
  other.theme.id = "plan2/t1";
  CHECK(check({action("actions/a17.md", "17", "Audit"), other}).empty());

  Document r1, r2, r3;
  for (Document* r : {&r1, &r2, &r3}) {
    r->type = DocType::recommendation;
    r->inspection = {"inspections/fv", 3, "inspection"};
    r->number = 1;
    r->kind = "area-for-improvement";
  }
  r1.id = "r/1"; r1.display_path = "content/r/1.md";
  r2.id = "r/2"; r2.display_path = "content/r/2.md";
  r3.id = "r/3"; r3.display_path = "content/r/3.md";
  r3.kind = "priority-action";  // numbered on its own
  p = check({r1, r2, r3});
  REQUIRE(p.size() == 1);
  CHECK(p[0].file == "content/r/2.md");
}

TEST_CASE("copies: two files with the same number and title are a copy, whatever their names") {
  auto p = check({action("actions/a17.md", "17", "Audit"), action("actions/a17-audit.md", "17", "Audit")});
  REQUIRE(p.size() == 1);
  CHECK(p[0].file == "content/actions/a17-audit.md");
  CHECK(p[0].line == 5);
  CHECK(p[0].message.find("this file and content/actions/a17.md are the same action") != std::string::npos);
  CHECK(p[0].message.find("delete the copy") != std::string::npos);
}

TEST_CASE("copies: a copy that shares its original's id is left to the duplicate id error") {
  auto copy = action("actions/a17 - Copy.md", "17", "Audit");
  auto original = action("actions/a17.md", "17", "Audit");
  copy.id = original.id = "actions/audit";
  CHECK(check({copy, original}).empty());
}
