#include <doctest/doctest.h>

#include "document_reader.h"
#include "link_graph.h"

using namespace scrutiny;

namespace {

Document doc(const std::string& id, DocType type) {
  Document d;
  d.id = id;
  d.type = type;
  d.title = id;
  d.display_path = "content/" + id + ".md";
  return d;
}

}  // namespace

TEST_CASE("links: references resolve and backlinks point back") {
  std::vector<Document> docs = {doc("inspections/i", DocType::inspection), doc("recommendations/r", DocType::recommendation),
                                doc("actions/a", DocType::action), doc("updates/u", DocType::update)};
  docs[1].inspection = {"inspections/i", 3, "inspection"};
  docs[2].recommendations = {{"recommendations/r", 4, "recommendations"}};
  docs[3].statuses = {{{"actions/a", 5, "statuses[1].action"}, Status::on_track, "", ""}};
  std::vector<std::vector<Ref>> body = {{}, {}, {}, {{"recommendations/r", 12, ""}}};
  Diagnostics diags;
  LinkGraph g = LinkGraph::build(docs, body, diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(g.referrers(0, DocType::recommendation) == std::vector<size_t>{1});
  CHECK(g.referrers(1, DocType::action) == std::vector<size_t>{2});
  CHECK(g.referrers(1, DocType::update) == std::vector<size_t>{3});
  CHECK(g.referrers(2, DocType::update) == std::vector<size_t>{3});
  CHECK(g.references(3).size() == 2);
}

TEST_CASE("links: unknown ids, wrong types and duplicate ids are errors with file:line") {
  std::vector<Document> docs = {doc("inspections/i", DocType::inspection), doc("recommendations/r", DocType::recommendation),
                                doc("actions/a", DocType::action), doc("actions/a", DocType::action)};
  docs[1].inspection = {"actions/a", 3, "inspection"};
  docs[2].recommendations = {{"recommendations/rr", 4, "recommendations"}};
  std::vector<std::vector<Ref>> body = {{{"nowhere/x", 9, ""}}, {}, {}, {}};
  Diagnostics diags;
  LinkGraph::build(docs, body, diags);
  auto all = diags.sorted();
  REQUIRE(all.size() == 4);
  CHECK(all[0].file == "content/actions/a.md");  // the duplicate
  CHECK(all[0].message.find("duplicate id") != std::string::npos);
  CHECK(all[1].line == 4);
  CHECK(all[1].message.find("did you mean \"recommendations/r\"") != std::string::npos);
  CHECK(all[2].file == "content/inspections/i.md");
  CHECK(all[2].line == 9);
  CHECK(all[3].line == 3);
  CHECK(all[3].message.find("is an action, but this field needs an inspection") != std::string::npos);
}

TEST_CASE("did you mean: numbers and starts of ids first, then spelling with swaps as one slip") {
  std::vector<Document> docs = {doc("actions/a01", DocType::action), doc("actions/a08", DocType::action),
                                doc("actions/a17", DocType::action),
                                doc("actions/a18-ehe-business-case", DocType::action)};
  docs[3].title = "Elective home education business case";
  CHECK(closest_id("actions/a18", docs) == "actions/a18-ehe-business-case");
  CHECK(closest_id("actions/a018-old-name", docs) == "actions/a18-ehe-business-case");
  CHECK(closest_id("actions/a71", docs) == "actions/a17");
  // Failing spelling, the words of a title.
  CHECK(closest_id("actions/business-case-for-education", docs) == "actions/a18-ehe-business-case");
  CHECK(closest_id("actions/something-else-entirely", docs).empty());
}

TEST_CASE("links: references to a file that failed to parse are not reported as unknown ids") {
  std::vector<Document> docs = {doc("actions/a04", DocType::action), doc("updates/u", DocType::update)};
  docs[1].statuses = {{{"actions/a14", 5, "statuses[1].action"}, Status::on_track, "", ""}};
  std::vector<std::vector<Ref>> body = {{}, {{"actions/a14", 12, ""}}};
  Diagnostics diags;
  LinkGraph::build(docs, body, diags, {"actions/a14"});
  CHECK(diags.sorted().empty());
  // Without knowing of it, the advice would point at another document.
  Diagnostics blind;
  LinkGraph::build(docs, body, blind);
  CHECK(blind.error_count() == 2);
}

TEST_CASE("links: a duplicate id is reported at the `id =` line that set it") {
  std::vector<Document> docs = {doc("actions/a", DocType::action), doc("actions/b", DocType::action)};
  docs[1].id = "actions/a";
  docs[1].id_line = 4;
  Diagnostics diags;
  LinkGraph::build(docs, {{}, {}}, diags);
  auto all = diags.sorted();
  REQUIRE(all.size() == 1);
  CHECK(all[0].file == "content/actions/b.md");
  CHECK(all[0].line == 4);
  // Also when the file with the explicit id sorts first.
  std::swap(docs[0], docs[1]);
  Diagnostics again;
  LinkGraph::build(docs, {{}, {}}, again);
  REQUIRE(again.sorted().size() == 1);
  CHECK(again.sorted()[0].file == "content/actions/b.md");
  CHECK(again.sorted()[0].line == 4);
}

TEST_CASE("relations: each reference is typed by the field that made it, both ways, in reading order") {
  std::vector<Document> docs = {doc("inspections/i", DocType::inspection), doc("recommendations/r", DocType::recommendation),
                                doc("actions/a10", DocType::action), doc("actions/a2", DocType::action),
                                doc("plan/themes/t", DocType::theme), doc("updates/u", DocType::update)};
  docs[1].inspection = {"inspections/i", 3, "inspection"};
  docs[1].themes = {{"plan/themes/t", 4, "themes"}};
  docs[2].number_label = "A10";
  docs[3].number_label = "A2";
  // a10 names the recommendation twice; a2 also mentions it in its body, which is no answer.
  docs[2].recommendations = {{"recommendations/r", 4, "recommendations"}, {"recommendations/r", 5, "recommendations"}};
  docs[3].recommendations = {{"recommendations/r", 4, "recommendations"}};
  docs[2].theme = docs[3].theme = {"plan/themes/t", 3, "theme"};
  docs[5].statuses = {{{"actions/a2", 5, "statuses[1].action"}, Status::on_track, "", ""}};
  std::vector<std::vector<Ref>> body = {{}, {}, {}, {{"recommendations/r", 9, ""}}, {}, {{"actions/a10", 12, ""}}};
  Diagnostics diags;
  LinkGraph g = LinkGraph::build(docs, body, diags);
  REQUIRE_FALSE(diags.has_errors());
  // Answers: each action once, A2 before A10 (plan order, not document order).
  CHECK(g.referrers(1, Relation::answers) == std::vector<size_t>{3, 2});
  CHECK(g.references(2, Relation::answers) == std::vector<size_t>{1});
  CHECK(g.referrers(1, Relation::mentions) == std::vector<size_t>{3});
  CHECK(g.referrers(0, Relation::made_by) == std::vector<size_t>{1});
  CHECK(g.referrers(4, Relation::in_theme) == std::vector<size_t>{3, 2});
  CHECK(g.referrers(4, Relation::in_themes) == std::vector<size_t>{1});
  // Reported in: only the action whose status the update reports; a10 is only mentioned.
  CHECK(g.referrers(3, Relation::reports_status) == std::vector<size_t>{5});
  CHECK(g.referrers(2, Relation::reports_status).empty());
  CHECK(g.referrers(2, Relation::mentions) == std::vector<size_t>{5});
  CHECK(g.in_reading_order(DocType::action) == std::vector<size_t>{3, 2});
  CHECK(g.reading_rank(3) < g.reading_rank(2));
}

TEST_CASE("relations: a reference of the wrong type makes no relation") {
  std::vector<Document> docs = {doc("actions/a", DocType::action), doc("actions/b", DocType::action)};
  docs[1].recommendations = {{"actions/a", 4, "recommendations"}};
  Diagnostics diags;
  LinkGraph g = LinkGraph::build(docs, {{}, {}}, diags);
  CHECK(diags.has_errors());
  CHECK(g.referrers(0, Relation::answers).empty());
}

TEST_CASE("reading order: an inspection's findings by kind in report order, then number (issue 12.4)") {
  // A focused visit numbers its areas for priority action and areas for improvement from 1
  // each; they must not interleave (AFI 1, PA 1, AFI 2, PA 2).
  auto finding = [](const std::string& id, const std::string& kind, int number) {
    std::string text = "+++\ntype = \"recommendation\"\ntitle = \"" + id + "\"\ninspection = \"inspections/fv\"\nkind = \"" +
                       kind + "\"\nnumber = " + std::to_string(number) + "\n+++\n";
    Diagnostics diags;
    std::optional<Document> d = read_document("content/" + id + ".md", id + ".md", text, diags);
    REQUIRE(d);
    REQUIRE_FALSE(diags.has_errors());
    return *d;
  };
  std::vector<Document> docs = {doc("inspections/fv", DocType::inspection),
                                finding("recommendations/afi-1", "area-for-improvement", 1),
                                finding("recommendations/pa-1", "priority-action", 1),
                                finding("recommendations/afi-2", "area-for-improvement", 2),
                                finding("recommendations/pa-2", "priority-action", 2),
                                finding("recommendations/r-1", "recommendation", 1)};
  Diagnostics diags;
  LinkGraph g = LinkGraph::build(docs, {}, diags);
  REQUIRE_FALSE(diags.has_errors());
  const std::vector<size_t> expected = {2, 4, 1, 3, 5};
  CHECK(g.in_reading_order(DocType::recommendation) == expected);
  CHECK(g.referrers(0, Relation::made_by) == expected);
}

TEST_CASE("did you mean: an action's number counts as much as its id") {
  std::vector<Document> docs = {doc("actions/a01", DocType::action), doc("actions/audit-decisions", DocType::action),
                                doc("actions/early-help", DocType::action)};
  docs[0].number_label = "1";
  docs[1].number_label = "17";
  docs[2].number_label = "A1.2";
  // The action numbered 17, by its number and by a slip of two digits, before a01.
  CHECK(closest_id("actions/a17", docs) == "actions/audit-decisions");
  CHECK(closest_id("actions/a71", docs) == "actions/audit-decisions");
  CHECK(closest_id("actions/a1.2", docs) == "actions/early-help");
  // Numbers only match within the same folder.
  CHECK(closest_id("recommendations/r17", docs).empty());
}

TEST_CASE("links: a copy that kept its original's `id =` line is told to be deleted, once") {
  std::vector<Document> docs = {doc("actions/a17 - copy", DocType::action), doc("actions/a17", DocType::action)};
  for (Document& d : docs) {
    d.id = "actions/audit";
    d.id_line = 4;
  }
  docs[0].source_path = "actions/a17 - Copy.md";
  docs[0].display_path = "content/actions/a17 - Copy.md";
  docs[1].source_path = "actions/a17.md";
  Diagnostics diags;
  LinkGraph::build(docs, {{}, {}}, diags);
  auto all = diags.sorted();
  REQUIRE(all.size() == 1);
  CHECK(all[0].file == "content/actions/a17 - Copy.md");
  CHECK(all[0].line == 4);
  CHECK(all[0].message.find("looks like a copy of content/actions/a17.md") != std::string::npos);
  CHECK(all[0].message.find("delete the copy") != std::string::npos);
}
