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
  docs[3].statuses = {{{"actions/a", 5, "statuses[1].action"}, Status::on_track, ""}};
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
