#include <doctest/doctest.h>

#include "document_reader.h"
#include "front_matter.h"
#include "input_limits.h"
#include "test_support.h"

using namespace scrutiny;
using scrutiny::test::kNumberedAction;
using scrutiny::test::replace_first;

namespace {

// Reads one file's text and returns the diagnostics as "line: key: message" strings.
std::vector<Diagnostic> problems(const std::string& text) {
  Diagnostics diags;
  read_document("content/actions/a1.md", "actions/a1.md", text, diags);
  return diags.sorted();
}



}  // namespace

TEST_CASE("front matter: a valid action is read with every field") {
  Diagnostics diags;
  auto d = read_document("content/actions/a1.md", "actions/a1.md", kNumberedAction, diags);
  REQUIRE(d);
  CHECK_FALSE(diags.has_errors());
  CHECK(d->id == "actions/a1");
  CHECK(d->type == DocType::action);
  CHECK(d->title == "Audit decisions");
  CHECK(d->recommendations.size() == 1);
  CHECK(d->recommendations[0].id == "recommendations/r1");
  CHECK(d->recommendations[0].line == 5);
  CHECK(d->target_date == Date{2017, 3, 31});
  CHECK(d->status == Status::on_track);
  CHECK(d->body == "Body text.\n");
  CHECK(d->body_line == 11);
  CHECK(d->number_line == 0);
  d = read_document("content/actions/a1.md", "actions/a1.md",
                    replace_first(kNumberedAction, "+++\nBody", "number = \"A1.2\"\n+++\nBody"), diags);
  REQUIRE(d);
  CHECK(d->number_label == "A1.2");
  CHECK(d->number_line == 10);
}

TEST_CASE("front matter: CRLF line ends and a byte order mark are accepted") {
  std::string text = "\xEF\xBB\xBF";
  for (char c : kNumberedAction) text += c == '\n' ? std::string("\r\n") : std::string(1, c);
  Diagnostics diags;
  auto d = read_document("f.md", "actions/a1.md", text, diags);
  REQUIRE(d);
  CHECK_FALSE(diags.has_errors());
  CHECK(d->owner == "Head of Service");
}

TEST_CASE("CRLF line ends become LF; a lone CR stays, as does one ending the file") {
  for (const std::string& end : {std::string("\n"), std::string("\r\n")}) {
    std::string text;
    for (char c : kNumberedAction) text += c == '\n' ? end : std::string(1, c);
    text += "one\r\ntwo\rthree\r\n\r\nfour\r";
    Diagnostics diags;
    auto d = read_document("f.md", "actions/a1.md", text, diags);
    REQUIRE(d);
    CHECK_FALSE(diags.has_errors());
    CHECK(d->body.find("\r\n") == std::string::npos);
    CHECK(d->body.find("one\ntwo\rthree\n\nfour\r") != std::string::npos);
  }
}

TEST_CASE("front matter errors name the file, the line and the key") {
  SUBCASE("unknown type") {
    auto p = problems(replace_first(kNumberedAction, "type = \"action\"", "type = \"actoin\""));
    REQUIRE(p.size() == 1);
    CHECK(p[0].file == "content/actions/a1.md");
    CHECK(p[0].line == 2);
    CHECK(p[0].key == "type");
    CHECK(p[0].message.find("unknown type \"actoin\"") != std::string::npos);
  }
  SUBCASE("unknown status") {
    auto p = problems(replace_first(kNumberedAction, "status = \"on-track\"", "status = \"done\""));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 9);
    CHECK(p[0].key == "status");
    CHECK(p[0].message.find("\"on-track\"") != std::string::npos);
  }
  SUBCASE("missing required field") {
    auto p = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"\n", ""));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 1);
    CHECK(p[0].key == "owner");
    CHECK(p[0].message.find("missing required field") != std::string::npos);
  }
  SUBCASE("bad date written as text") {
    auto p = problems(replace_first(kNumberedAction, "target_date = 2017-03-31", "target_date = \"31/03/2017\""));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 8);
    CHECK(p[0].key == "target_date");
    CHECK(p[0].message.find("YYYY-MM-DD") != std::string::npos);
  }
  SUBCASE("impossible date is malformed TOML") {
    auto p = problems(replace_first(kNumberedAction, "target_date = 2017-03-31", "target_date = 2017-02-30"));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 8);
  }
  SUBCASE("malformed TOML") {
    auto p = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"", "owner = Head of Service"));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 6);
    CHECK(p[0].message.find("the value after = is not understood: put text in straight double quotes") !=
          std::string::npos);
  }
  SUBCASE("unclosed front matter") {
    auto p = problems("+++\ntype = \"page\"\ntitle = \"x\"\n\nBody\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 1);
    CHECK(p[0].message.find("not closed") != std::string::npos);
  }
  SUBCASE("invalid UTF-8") {
    auto p = problems(replace_first(kNumberedAction, "Body text.", "Body \xC3\x28 text."));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 11);
    CHECK(p[0].message.find("UTF-8") != std::string::npos);
  }
  SUBCASE("complete without a completion date") {
    auto p = problems(replace_first(kNumberedAction, "status = \"on-track\"", "status = \"complete\""));
    REQUIRE(p.size() == 1);
    CHECK(p[0].key == "completed");
  }
  SUBCASE("milestone errors carry the milestone's position") {
    auto p = problems(replace_first(kNumberedAction, "+++\nBody",
                              "[[milestones]]\ntitle = \"m\"\ntarget_date = 2017-01-01\nstatus = \"late\"\n+++\nBody"));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 13);
    CHECK(p[0].key == "milestones[1].status");
  }
  SUBCASE("several problems in one file are all reported") {
    auto p = problems(replace_first(replace_first(kNumberedAction, "status = \"on-track\"", "status = \"done\""),
                              "target_date = 2017-03-31", "target_date = \"soon\""));
    CHECK(p.size() == 2);
  }
  SUBCASE("an id that would leave the output folder") {
    auto p = problems(replace_first(kNumberedAction, "type = \"action\"", "type = \"action\"\nid = \"../../etc/passwd\""));
    REQUIRE(p.size() == 1);
    CHECK(p[0].key == "id");
  }
  SUBCASE("a focused visit with a judgement") {
    auto p = problems("+++\ntype = \"inspection\"\ntitle = \"Visit\"\nkind = \"focused-visit\"\n"
                      "start_date = 2023-05-01\nend_date = 2023-05-02\npublished = 2023-06-01\n"
                      "overall_judgement = \"good\"\n+++\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 8);
    CHECK(p[0].key == "overall_judgement");
  }
}

TEST_CASE("front matter: report_url is https:// only, as the docs say") {
  const std::string visit = "+++\ntype = \"inspection\"\ntitle = \"Visit\"\nkind = \"focused-visit\"\n"
                            "start_date = 2023-05-01\nend_date = 2023-05-02\npublished = 2023-06-01\n"
                            "report_url = \"URL\"\n+++\n";
  CHECK(problems(replace_first(visit, "URL", "https://reports.ofsted.gov.uk/provider/44/80512")).empty());
  auto p = problems(replace_first(visit, "URL", "http://reports.ofsted.gov.uk/provider/44/80512"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 8);
  CHECK(p[0].key == "report_url");
  CHECK(p[0].message.find("must start with https://, not http://") != std::string::npos);
}

TEST_CASE("front matter: an unknown key is a warning, not an error") {
  auto p = problems(replace_first(kNumberedAction, "owner =", "onwer = \"x\"\nowner ="));
  REQUIRE(p.size() == 1);
  CHECK(p[0].severity == Severity::warning);
  CHECK(p[0].key == "onwer");
  CHECK(p[0].line == 6);
}

TEST_CASE("a file without front matter is a page titled by its first heading") {
  Diagnostics diags;
  auto d = read_document("content/Glossary.md", "Glossary.md", "\n# Glossary of terms\n\nILACS: ...\n", diags);
  REQUIRE(d);
  CHECK_FALSE(diags.has_errors());
  CHECK(d->type == DocType::page);
  CHECK(d->title == "Glossary of terms");
  CHECK(d->id == "glossary");
  CHECK(d->body.find("Glossary of terms") == std::string::npos);
  CHECK(d->body_line == 3);

  Diagnostics none;
  CHECK_FALSE(read_document("content/x.md", "x.md", "No heading here.\n", none));
  CHECK(none.sorted().at(0).line == 1);
}

TEST_CASE("ids: defaults from the path, and unsafe ids are refused") {
  CHECK(default_id("actions/A01.md") == "actions/a01");
  CHECK(id_problem("actions/a01").empty());
  CHECK_FALSE(id_problem("../x").empty());
  CHECK_FALSE(id_problem("/etc/x").empty());
  CHECK_FALSE(id_problem("a//b").empty());
  CHECK_FALSE(id_problem("a/b c").empty());
  CHECK_FALSE(id_problem("assets/style").empty());
  CHECK(id_problem("actions/index") == "its page would be actions/index.html, the generator's list of all actions");
  CHECK(id_problem("index").find("index.html, the site's home page") != std::string::npos);
  // Elsewhere an index is an ordinary page, served as its folder's address (as in Hugo).
  CHECK(id_problem("guides/index").empty());
  CHECK(id_problem("actions/guides/index").empty());
  CHECK(default_id("guides/Notes.MD") == "guides/notes");
  CHECK(default_id("guides/Notes.Md") == "guides/notes");
  CHECK_FALSE(id_problem("a/<script>").empty());
}

TEST_CASE("front matter: a 50,000-part dotted key or table name is refused at its line, not parsed") {
  std::string parts;
  for (int i = 0; i < 50000; ++i) parts += "a.";
  for (const std::string& line : {"x." + parts + "a = 1", "[" + parts + "a]"}) {
    auto p = problems(replace_first(kNumberedAction, "status = \"on-track\"\n", "status = \"on-track\"\n" + line + "\n"));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 10);
    CHECK(p[0].message.find("nested more than 32 levels") != std::string::npos);
  }
}

TEST_CASE("front matter: a document over the size limit is refused before it is parsed") {
  // As read from git history, where read_content's check on disk does not apply.
  std::string big = kNumberedAction + std::string(kMaxDocumentBytes, 'x');
  auto p = problems(big);
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 0);
  CHECK(p[0].message.find("over the limit of 1 MiB for one document") != std::string::npos);
  std::string fits = kNumberedAction + std::string(kMaxDocumentBytes - kNumberedAction.size(), 'x');
  CHECK(problems(fits).empty());
}

TEST_CASE("mistakes explained: front matter without its opening +++") {
  auto p = problems("type = \"page\"\ntitle = \"About\"\n+++\n\nBody.\n");
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 1);
  CHECK(p[0].message == "the front matter has no opening +++ line: add +++ as the first line");
  p = problems("type = \"action\"\nrecommendations = [\n  \"r/1\",\n]\n\n[[milestones]]\ntitle = \"m\"\n+++\nBody.\n");
  REQUIRE(p.size() == 1);
  CHECK(p[0].message.find("no opening +++ line") != std::string::npos);
  // A page whose body merely holds a +++ line is still a page.
  Diagnostics diags;
  auto d = read_document("content/x.md", "x.md", "# Notes\n\nSome text.\n\n+++\n", diags);
  REQUIRE(d);
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("mistakes explained: an action's own keys written below its first [[milestones]]") {
  auto text = replace_first(replace_first(kNumberedAction, "theme = \"plan/themes/a\"\n", ""), "+++\nBody",
                      "[[milestones]]\ntitle = \"m\"\ntarget_date = 2017-01-01\nstatus = \"on-track\"\n"
                      "theme = \"plan/themes/a\"\n+++\nBody");
  auto p = problems(text);
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 13);
  CHECK(p[0].key == "milestones[1].theme");
  CHECK(p[0].message.find("above the first [[milestones]]") != std::string::npos);
}

TEST_CASE("unknown fields are warned of, each with the whole list of the fields known there") {
  auto text = replace_first(kNumberedAction, "+++\nBody",
                            "[[milestones]]\ntitle = \"m\"\ntarget_date = 2017-01-01\nstatus = \"on-track\"\n"
                            "colour = \"red\"\nsize = 3\n+++\nBody");
  auto p = problems(replace_first(text, "type = \"action\"\n", "type = \"action\"\nflavour = \"x\"\n"));
  REQUIRE(p.size() == 3);
  std::vector<std::string> lists;
  for (const Diagnostic& d : p) {
    CHECK(d.severity == Severity::warning);
    size_t at = d.message.find("(known fields here: ");
    REQUIRE(at != std::string::npos);
    lists.push_back(d.message.substr(at));
  }
  CHECK(p[0].key == "flavour");
  CHECK(lists[0].find("owner, ") != std::string::npos);
  // A milestone's list names the action's own fields it refuses, and is whole for each key.
  CHECK(p[1].key == "milestones[1].colour");
  CHECK(p[2].key == "milestones[1].size");
  CHECK(lists[1] == lists[2]);
  CHECK(lists[1].find("theme, ") != std::string::npos);
  CHECK(lists[1].find("title") != std::string::npos);
}

TEST_CASE("mistakes explained: TOML errors in plain words, at their line") {
  SUBCASE("curly quotes from a word processor") {
    auto p = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"", "owner = \u201CHead of Service\u201D"));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 6);
    CHECK(p[0].message.find("curly quotes") != std::string::npos);
    CHECK(p[0].message.find("straight quotes") != std::string::npos);
    // Also with a straight apostrophe in the text, and in a list.
    p = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"", "owner = \u201CHead of Children's Services\u201D"));
    REQUIRE(p.size() == 1);
    CHECK(p[0].message.find("curly quotes") != std::string::npos);
    p = problems(replace_first(kNumberedAction, "[\"recommendations/r1\"]", "[\u201Crecommendations/r1\u201D]"));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 5);
    CHECK(p[0].message.find("curly quotes") != std::string::npos);
  }
  SUBCASE("a string with no closing quote") {
    auto p = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"", "owner = \"Head of Service"));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 6);
    CHECK(p[0].message.find("no closing quote") != std::string::npos);
    CHECK(p[0].message.find("control characters") == std::string::npos);
  }
  SUBCASE("a key given twice") {
    auto p = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"", "owner = \"A\"\nowner = \"B\""));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 7);
    CHECK(p[0].message.find("second time") != std::string::npos);
  }
  // Descriptions without plainer words keep the library's own.
  CHECK(explain_toml_error("something new", "x = 1").find("something new") != std::string::npos);
}

TEST_CASE("mistakes explained: statuses as labels and red/amber/green ratings") {
  for (std::string written : {"On track", "ON_TRACK", "on track"}) {
    Diagnostics diags;
    auto d = read_document("content/actions/a1.md", "actions/a1.md",
                           replace_first(kNumberedAction, "\"on-track\"", "\"" + written + "\""), diags);
    REQUIRE(d);
    CHECK(d->status == Status::on_track);
    auto p = diags.sorted();
    REQUIRE(p.size() == 1);
    CHECK(p[0].severity == Severity::warning);
    CHECK(p[0].line == 9);
    CHECK(p[0].message.find("write status = \"on-track\"") != std::string::npos);
  }
  auto p = problems(replace_first(kNumberedAction, "\"on-track\"", "\"Amber\""));
  REQUIRE(p.size() == 1);
  CHECK(p[0].severity == Severity::error);
  CHECK(p[0].message.find("red/amber/green rating") != std::string::npos);
  CHECK(p[0].message.find("\"at-risk\"") != std::string::npos);
  CHECK(rag_rating_advice("Red").find("status = \"off-track\"") != std::string::npos);
  CHECK(rag_rating_advice("Green").find("status = \"on-track\"") != std::string::npos);
  CHECK(rag_rating_advice("late").empty());
}

TEST_CASE("mistakes explained: impossible dates and numbers that are not whole") {
  auto p = problems(replace_first(kNumberedAction, "target_date = 2017-03-31", "target_date = 0000-01-01"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 8);
  CHECK(p[0].message.find("years start at 1") != std::string::npos);

  const std::string rec = "+++\ntype = \"recommendation\"\ntitle = \"R\"\ninspection = \"inspections/i\"\n"
                          "number = 1.5\n+++\n";
  p = problems(rec);
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 5);
  CHECK(p[0].message.find("number = 1.5 is not a whole number") != std::string::npos);

  // An action's number is a label: a bare 1.5 is told to be quoted.
  p = problems(replace_first(kNumberedAction, "status = \"on-track\"", "status = \"on-track\"\nnumber = 1.5"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 10);
  CHECK(p[0].message.find("write number = \"1.5\"") != std::string::npos);
}

TEST_CASE("ids: an explicit id remembers its line, and unreadable files still claim theirs") {
  Diagnostics diags;
  auto d = read_document("content/actions/a1.md", "actions/a1.md",
                         replace_first(kNumberedAction, "title =", "id = \"actions/audit\"\ntitle ="), diags);
  REQUIRE(d);
  CHECK(d->id_line == 3);
  CHECK(claimed_id("actions/A14.md", "+++\ntype = \"action\"\nowner = \u201Cx\u201D\n+++\n") == "actions/a14");
  CHECK(claimed_id("actions/a14.md", "+++\nid = \"actions/a14-audit\"\nowner = \"x\n+++\n") == "actions/a14-audit");
  CHECK(claimed_id("actions/a14.md", "+++\n[[milestones]]\nid = \"m\"\n+++\n") == "actions/a14");
}

TEST_CASE("copies: a file manager's copy whose name cannot be an id is told to be deleted") {
  Diagnostics diags;
  CHECK_FALSE(read_document("content/actions/a17 (1).md", "actions/a17 (1).md", kNumberedAction, diags));
  auto p = diags.sorted();
  REQUIRE(p.size() == 1);
  CHECK(p[0].message.find("looks like a copy of content/actions/a17.md made by a file manager") != std::string::npos);
  CHECK(p[0].message.find("delete the copy") != std::string::npos);
}

TEST_CASE("owners: a lead and supporting owners, the old single owner still valid (issue 12.2)") {
  Diagnostics diags;
  auto d = read_document("content/actions/a1.md", "actions/a1.md",
                         replace_first(kNumberedAction, "owner = \"Head of Service\"",
                                 "owners = [\"Head of Service\", \"Principal Social Worker\"]") +
                             "",
                         diags);
  REQUIRE(d);
  CHECK_FALSE(diags.has_errors());
  CHECK(d->owner == "Head of Service");
  CHECK(d->owners == std::vector<std::string>{"Head of Service", "Principal Social Worker"});
  d = read_document("content/actions/a1.md", "actions/a1.md", kNumberedAction, diags);
  REQUIRE(d);
  CHECK(d->owners == std::vector<std::string>{"Head of Service"});

  // A milestone takes the action's owners unless it names its own.
  std::string milestones = replace_first(kNumberedAction, "+++\nBody",
                                   "[[milestones]]\ntitle = \"M1\"\ntarget_date = 2016-12-31\nstatus = \"on-track\"\n"
                                   "[[milestones]]\ntitle = \"M2\"\ntarget_date = 2016-12-31\nstatus = \"on-track\"\n"
                                   "owners = [\"Team Manager\", \"Practice Lead\"]\n+++\nBody");
  d = read_document("content/actions/a1.md", "actions/a1.md",
                    replace_first(milestones, "owner = \"Head of Service\"", "owners = [\"Head of Service\", \"Principal Social Worker\"]"),
                    diags);
  REQUIRE(d);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(d->milestones.size() == 2);
  CHECK(d->milestones[0].owners == d->owners);
  CHECK(d->milestones[1].owner == "Team Manager");
  CHECK(d->milestones[1].owners.size() == 2);
}

TEST_CASE("owners: owner and owners together is an error at the owners line") {
  auto all = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"\n",
                              "owner = \"Head of Service\"\nowners = [\"Head of Service\", \"Principal Social Worker\"]\n"));
  REQUIRE(all.size() == 1);
  CHECK(all[0].line == 7);
  CHECK(all[0].key == "owners");
  CHECK(all[0].message.find("both `owner` and `owners` are given: keep one") != std::string::npos);
  CHECK(all[0].message.find("(line 6)") != std::string::npos);
  all = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"\n", "owners = [\"A\", \"A\"]\n"));
  REQUIRE(all.size() == 1);
  CHECK(all[0].message.find("named twice") != std::string::npos);
  all = problems(replace_first(kNumberedAction, "owner = \"Head of Service\"\n", ""));
  REQUIRE(all.size() == 1);
  CHECK(all[0].key == "owner");
  CHECK(all[0].message.find("owners = [") != std::string::npos);
}

TEST_CASE("origin: an action that answers no finding says where it comes from instead (issue 12.1)") {
  Diagnostics diags;
  auto d = read_document("content/actions/a1.md", "actions/a1.md",
                         replace_first(kNumberedAction, "recommendations = [\"recommendations/r1\"]", "origin = \"Council priority\""),
                         diags);
  REQUIRE(d);
  CHECK_FALSE(diags.has_errors());
  CHECK(d->recommendations.empty());
  CHECK(d->origin == "Council priority");
  // With neither, the message offers both.
  auto all = problems(replace_first(kNumberedAction, "recommendations = [\"recommendations/r1\"]\n", ""));
  REQUIRE(all.size() == 1);
  CHECK(all[0].key == "recommendations");
  CHECK(all[0].message.find("origin = \"Council priority\"") != std::string::npos);
  // An empty list is not a way to say "none".
  all = problems(replace_first(kNumberedAction, "[\"recommendations/r1\"]", "[]"));
  REQUIRE(all.size() == 1);
  CHECK(all[0].line == 5);
  CHECK(all[0].message.find("origin") != std::string::npos);
}

TEST_CASE("dates as plans give them: no start date, and target dates given as a month") {
  Diagnostics diags;
  std::string text = replace_first(kNumberedAction, "start_date = 2016-09-01\n", "");
  text = replace_first(text, "target_date = 2017-03-31", "target_date = \"by March 2017\"");
  text = replace_first(text, "+++\nBody",
                 "[[milestones]]\ntitle = \"First audit\"\ntarget_date = \"2017-01\"\nstatus = \"on-track\"\n+++\nBody");
  auto d = read_document("content/actions/a1.md", "actions/a1.md", text, diags);
  REQUIRE(d);
  CHECK_FALSE(diags.has_errors());
  CHECK_FALSE(d->start_date);
  REQUIRE(d->target_date);
  CHECK(d->target_date->is_month());
  CHECK(d->target_date->long_form() == "March 2017");
  REQUIRE(d->milestones.size() == 1);
  CHECK(d->milestones[0].target_date == Date::month_end(2017, 1));

  SUBCASE("a start given as a month is not after a target in that month") {
    Diagnostics more;
    read_document("content/actions/a1.md", "actions/a1.md",
                  replace_first(kNumberedAction, "start_date = 2016-09-01", "start_date = \"March 2017\""), more);
    CHECK_FALSE(more.has_errors());
  }
  SUBCASE("an unreadable date names its line and what is accepted") {
    auto p = problems(replace_first(kNumberedAction, "target_date = 2017-03-31", "target_date = \"Mar-2017\""));
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 8);
    CHECK(p[0].key == "target_date");
    CHECK(p[0].message.find("\"May 2021\"") != std::string::npos);
    CHECK(p[0].message.find("2021-05-31") != std::string::npos);
  }
}

TEST_CASE("updates: position statements, what the meeting decided, and the paper it came from") {
  const std::string text =
      "+++\n"                                                   // 1
      "type = \"update\"\n"                                     // 2
      "title = \"Scrutiny, July 2022\"\n"                       // 3
      "date = 2022-07-11\n"                                     // 4
      "meeting = \"People Scrutiny Committee\"\n"               // 5
      "paper_url = \"https://democracy.example.gov.uk/p1.pdf\"\n"  // 6
      "[[statuses]]\n"                                          // 7
      "action = \"actions/a1\"\n"                               // 8
      "status = \"at-risk\"\n"                                  // 9
      "statement = \"\"\"\n"                                    // 10
      "Recruitment is slower than planned.\n"                   // 11
      "\n"                                                      // 12
      "See [[actions/a2]] for the **agency** cover.\n"          // 13
      "\"\"\"\n"                                                // 14
      "[[decisions]]\n"                                         // 15
      "text = \"A further report in November 2022\"\n"          // 16
      "due = \"November 2022\"\n"                               // 17
      "actions = [\"actions/a1\"]\n"                            // 18
      "+++\n";
  Diagnostics diags;
  auto d = read_document("content/updates/u.md", "updates/u.md", text, diags);
  REQUIRE(d);
  CHECK(diags.sorted().empty());
  CHECK(d->paper_url == "https://democracy.example.gov.uk/p1.pdf");
  REQUIRE(d->statuses.size() == 1);
  CHECK(d->statuses[0].statement.find("\n\nSee [[actions/a2]]") != std::string::npos);
  CHECK(d->statuses[0].statement_line == 11);
  REQUIRE(d->decisions.size() == 1);
  CHECK(d->decisions[0].text == "A further report in November 2022");
  CHECK(d->decisions[0].due == Date::month_end(2022, 11));
  REQUIRE(d->decisions[0].actions.size() == 1);
  CHECK(d->decisions[0].actions[0].line == 18);

  auto p = problems(replace_first(text, "https://democracy.example.gov.uk/p1.pdf", "javascript:alert(1)"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 6);
  CHECK(p[0].key == "paper_url");
  CHECK(p[0].message.find("https://") != std::string::npos);
  p = problems(replace_first(text, "text = \"A further report in November 2022\"\n", ""));
  REQUIRE(p.size() == 1);
  CHECK(p[0].key == "decisions[1].text");
}

TEST_CASE("mistakes explained: two milestones of one action with the same title") {
  const std::string milestone = "[[milestones]]\ntitle = \"Audit\"\ntarget_date = 2017-01-01\nstatus = \"on-track\"\n";
  auto text = replace_first(kNumberedAction, "+++\nBody", milestone + milestone + "+++\nBody");
  auto p = problems(text);
  REQUIRE(p.size() == 1);
  CHECK(p[0].severity == Severity::warning);
  CHECK(p[0].line == 15);  // the second milestone's title (its [[milestones]] is line 14)
  CHECK(p[0].key == "milestones[2].title");
  CHECK(p[0].message.find("milestone 1 of this action has the same title, \"Audit\"") != std::string::npos);
  CHECK(p[0].message.find("Give each milestone its own title") != std::string::npos);
  // Both are still read: the warning leaves the site as it was.
  Diagnostics diags;
  auto d = read_document("content/actions/a1.md", "actions/a1.md", text, diags);
  REQUIRE(d);
  CHECK(d->milestones.size() == 2);
  CHECK(problems(replace_first(text, "title = \"Audit\"", "title = \"Audit, first part\"")).empty());
}
