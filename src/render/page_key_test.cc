#include <doctest/doctest.h>

#include "page_key.h"

using namespace scrutiny;

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
