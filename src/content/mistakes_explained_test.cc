// Officers' mistakes, each told at the line to change with what to do (issue 12).
#include <doctest/doctest.h>

#include "document_reader.h"
#include "status.h"
#include "test_support.h"

using namespace scrutiny;
using scrutiny::test::kNumberedAction;
using scrutiny::test::replace_first;

namespace {

std::vector<Diagnostic> problems(const std::string& text) {
  Diagnostics diags;
  read_document("content/actions/a1.md", "actions/a1.md", text, diags);
  return diags.sorted();
}

bool says(const Diagnostic& d, const std::string& part) { return d.message.find(part) != std::string::npos; }



}  // namespace

TEST_CASE("mistakes explained: front matter with neither +++ line is not told it lacks a heading") {
  auto p = problems("type = \"action\"\ntitle = \"Audit\"\n\nBody text.\n");
  REQUIRE(p.size() == 1);
  CHECK(p[0].file == "content/actions/a1.md");
  CHECK(p[0].line == 1);
  CHECK(says(p[0], "no +++ line above them"));
  CHECK_FALSE(says(p[0], "no title"));
  // Prose that happens to hold an = is still a page without a heading.
  p = problems("The target = most children seen.\n");
  REQUIRE(p.size() == 1);
  CHECK(says(p[0], "no title"));
}

TEST_CASE("mistakes explained: a lone closing +++ in a file read as a page") {
  auto p = problems("Some notes\n+++\nBody.\n");
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 1);
  CHECK(says(p[0], "Line 2 holds only +++"));
  CHECK(says(p[0], "add +++ as the first line"));
}

TEST_CASE("mistakes explained: curly quotes are named with their line and column") {
  auto p = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"", "owner = \u201CHead of Service\u201D"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 6);
  CHECK(says(p[0], "at column 9"));
  CHECK(says(p[0], "word processor"));
  // Single curly quotes, counted in characters after an earlier curly one inside straight quotes.
  p = problems(replace_first(kNumberedAction, "title = \"Audit decisions\"", "title = \u2018Audit \u201Cdecisions\u201D\u2019"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 3);
  CHECK(says(p[0], "at column 9"));
  // An item of a list written over several lines.
  p = problems(replace_first(kNumberedAction, "[\"recommendations/r1\"]", "[\n  \u201Crecommendations/r1\u201D,\n]"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 6);
  CHECK(says(p[0], "at column 3"));
}

TEST_CASE("mistakes explained: a quoted year 0 date is explained, not called the wrong shape") {
  auto p = problems(replace_first(kNumberedAction, "target_date = 2017-03-31", "target_date = \"0000-01-01\""));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 8);
  CHECK(says(p[0], "there is no year 0"));
  CHECK(says(p[0], "target_date = 2017-03-31"));
  p = problems(replace_first(kNumberedAction, "target_date = 2017-03-31", "target_date = 0000-01-01"));
  REQUIRE(p.size() == 1);
  CHECK(says(p[0], "there is no year 0"));
  p = problems(replace_first(kNumberedAction, "target_date = 2017-03-31", "target_date = \"2017-02-30\""));
  REQUIRE(p.size() == 1);
  CHECK(says(p[0], "not a real date: check the year, month and day"));
}

TEST_CASE("mistakes explained: a number that is not whole says what numbers may be") {
  auto p = problems("+++\ntype = \"recommendation\"\ntitle = \"R\"\ninspection = \"inspections/i\"\nnumber = 1.5\n+++\n");
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 5);
  CHECK(says(p[0], "number = 1.5 is not a whole number"));
  CHECK(says(p[0], "such as number = 3"));
  CHECK(says(p[0], "\"3.2\""));
  p = problems(replace_first(kNumberedAction, "status = \"on-track\"", "status = \"on-track\"\nnumber = 1.5"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 10);
  CHECK(says(p[0], "an action's number is a label"));
  CHECK(says(p[0], "write number = \"1.5\""));
}

TEST_CASE("mistakes explained: red/amber/green ratings point to the how-to") {
  auto p = problems(replace_first(kNumberedAction, "\"on-track\"", "\"Amber\""));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 9);
  CHECK(says(p[0], "status = \"at-risk\""));
  CHECK(says(p[0], "\"Map a RAG rating onto statuses\" in docs/content-model.md"));
  for (std::string rating : {"RAG", "Amber/Red", "red-amber"}) {
    p = problems(replace_first(kNumberedAction, "\"on-track\"", "\"" + rating + "\""));
    REQUIRE(p.size() == 1);
    CHECK(says(p[0], "is not a status"));
    CHECK(says(p[0], "Map a RAG rating onto statuses"));
  }
  CHECK(says({Severity::error, "", 0, "", rag_rating_advice("R")}, "status = \"off-track\""));
}

TEST_CASE("mistakes explained: an action's status, owner or target date below [[milestones]]") {
  auto text = replace_first(replace_first(kNumberedAction, "status = \"on-track\"\n", ""), "+++\nBody",
                      "\n[[milestones]]\ntitle = \"m\"\ntarget_date = 2017-01-01\nowner = \"x\"\n"
                      "completed = 2017-01-01\nstatus = \"complete\"\n+++\nBody");
  auto p = problems(text);
  // The action's own status went into the milestone: told at that line, not as missing at line 1.
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 15);
  CHECK(p[0].key == "status");
  CHECK(says(p[0], "move it up, above the first [[milestones]]"));
}

TEST_CASE("mistakes explained: text with no closing quote says which quote ends it") {
  auto p = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"", "owner = 'Head of Service"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 6);
  CHECK(says(p[0], "end it with ' on the same line"));
  CHECK_FALSE(says(p[0], "control characters"));
  // Opened straight, closed curly, as a word processor's autocorrect leaves it.
  p = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"", "owner = \"Head of Service\u201D"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 6);
  CHECK(says(p[0], "ends with a curly quote \u201D at column 25"));
  p = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"", "owner = \"\"\"Head of Service"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 6);  // where it starts, not where the front matter ends
  CHECK(says(p[0], "starts with \"\"\" but never ends"));
}

TEST_CASE("mistakes explained: check and build print the same messages, at the same lines") {
  test::TempDir dir;
  test::write_minimal_portal(dir);
  std::string action = test::read_file(dir.path() / "content/actions/a1.md");
  dir.write("content/actions/a1 (1).md", action);
  dir.write("content/actions/a1.md", replace_first(action, "status = \"on-track\"", "status = \"Amber\""));
  dir.write("content/plan/themes/a.md", "type = \"theme\"\ntitle = \"Practice\"\nplan = \"plan/p\"\n+++\n");
  std::string content = (dir.path() / "content").string();
  test::Run check = test::run({"check", "--content", content});
  test::Run build = test::run({"build", "--content", content, "--out", (dir.path() / "site").string()});
  auto errors = [](const std::string& err) {
    std::string out;
    for (size_t pos = 0, end; pos < err.size(); pos = end + 1) {
      end = std::min(err.find('\n', pos), err.size());
      std::string line = err.substr(pos, end - pos);
      if (line.find(": error: ") != std::string::npos) out += line + "\n";
    }
    return out;
  };
  std::string found = errors(check.err);
  CHECK(found == errors(build.err));
  CHECK(found.find("content/actions/a1 (1).md:1: error: this file looks like a copy of " + content +
                   "/actions/a1.md") != std::string::npos);
  CHECK(found.find("content/actions/a1.md:9: error: status: \"Amber\" is a red/amber/green rating") != std::string::npos);
  CHECK(found.find("content/plan/themes/a.md:1: error: the front matter has no opening +++ line") != std::string::npos);
  // The theme's references are not reported as unknown: its own error says why.
  CHECK(found.find("unknown id \"plan/themes/a\"") == std::string::npos);
}
