#include <doctest/doctest.h>

#include "page_key.h"
#include "portal.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;

namespace {

std::string key_of(const ViewData& data) {
  PageKeyHasher h;
  h.add(data);
  return h.key();
}

}  // namespace

TEST_CASE("page key: the same data gives the same key, whatever order its keys were set in") {
  ViewData a;
  a.set("title", "Audit decisions");
  a.set("overdue", true);
  ViewData b;
  b.set("overdue", true);
  b.set("title", "Audit decisions");
  CHECK(key_of(a).size() == 32);
  CHECK(key_of(a) == key_of(b));

  // Each difference a template could show gives another key.
  ViewData c = a;
  c.set("overdue", false);
  ViewData d = a;
  d.set("title", "Audit decisions ");
  ViewData e = a;
  e.set("summary", false);
  ViewData f = a;
  f.set("title", ViewData(ViewData::type::list));
  for (const ViewData* other : {&c, &d, &e, &f}) CHECK(key_of(*other) != key_of(a));

  ViewData list_ab{ViewData::type::list}, list_ba{ViewData::type::list};
  list_ab.push_back(ViewData("a"));
  list_ab.push_back(ViewData("b"));
  list_ba.push_back(ViewData("b"));
  list_ba.push_back(ViewData("a"));
  CHECK(key_of(list_ab) != key_of(list_ba));
}

TEST_CASE("page key: pieces are taken with their lengths, and code cannot be digested") {
  PageKeyHasher ab_c, a_bc;
  ab_c.add("ab");
  ab_c.add("c");
  a_bc.add("a");
  a_bc.add("bc");
  CHECK(ab_c.key() != a_bc.key());

  ViewData with_lambda;
  with_lambda.set("title", "x");
  with_lambda.set("shout", kainjow::mustache::lambda{[](const std::string& s) { return s; }});
  CHECK(key_of(with_lambda).empty());
}

TEST_CASE("page key: a body's references lead to their documents' titles, or when unsure to every title") {
  TempDir dir;
  write_minimal_portal(dir);
  Diagnostics diags;
  Portal portal = load_portal(dir.path() / "content", diags);
  REQUIRE_FALSE(diags.has_errors());
  auto links_key = [&](std::string_view markdown, const std::string& all_links) {
    PageKeyHasher h;
    add_links_to_key(portal, markdown, all_links, h);
    return h.key();
  };
  const std::string body = "Answers [[recommendations/r1|the recommendation]] and [[nothing/here]].";
  const std::string plain = links_key(body, "titles, before");
  // What a reference shows is in the key; the titles of documents it does not name are not.
  CHECK(plain == links_key(body, "titles, after"));
  const size_t r1 = static_cast<size_t>(portal.links.find("recommendations/r1"));
  portal.documents[r1].title = "Improve the oversight of managers";
  CHECK(links_key(body, "titles, after") != plain);

  // Markdown could make a reference the plain scan does not see (an escaped bracket, an
  // entity), or one it cannot read as an id (split by emphasis): then every title counts.
  for (std::string_view unsure : {"See \\[\\[actions/a1]].", "See &#91;&#91;actions/a1]].", "See [[*actions/a1*]]."}) {
    INFO(unsure);
    CHECK(links_key(unsure, "titles, before") != links_key(unsure, "titles, after"));
  }
  CHECK(links_key("See [[actions/a1]].", "titles, before") == links_key("See [[actions/a1]].", "titles, after"));
}
