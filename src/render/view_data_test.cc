#include "view_data.h"

#include <doctest/doctest.h>

#include "page_views.h"

using namespace scrutiny;

TEST_CASE("view data: set and push_back move what they are given, deep inside lists and objects") {
  ViewData row;
  row.set("title", std::string(100, 't'));
  const std::string* title = &row.get("title")->string_value();

  ViewData list{ViewData::type::list};
  list.push_back(std::move(row));
  CHECK(row.is_invalid());  // moved from, not copied
  // The list grows well past its first allocation; its items are moved each time, not copied.
  for (int i = 0; i < 100; ++i) list.push_back(ViewData(std::to_string(i)));
  REQUIRE(list.list_value().size() == 101);
  CHECK(&list.list_value()[0].get("title")->string_value() == title);
  CHECK(list.list_value()[100].string_value() == "99");

  ViewData page;
  page.set("rows", std::move(list));
  CHECK(&page.get("rows")->list_value()[0].get("title")->string_value() == title);

  // Set again: the new value replaces the old, as kainjow's set does.
  page.set("rows", false);
  CHECK(page.get("rows")->is_false());
  // Neither does anything to data of another type, as kainjow's own do not.
  ViewData text("text");
  text.set("x", true);
  text.push_back(true);
  CHECK(text.string_value() == "text");
}

TEST_CASE("view data: list_of moves the items in, and an lvalue set is a copy that leaves the original") {
  std::vector<ViewData> items(3);
  items[0].set("n", "0");
  const std::string* n = &items[0].get("n")->string_value();
  ViewData list = list_of(std::move(items));
  CHECK(&list.list_value()[0].get("n")->string_value() == n);

  ViewData kept;
  kept.set("a", "b");
  ViewData holder;
  holder.set("kept", kept);
  CHECK(kept.get("a")->string_value() == "b");
  CHECK(holder.get("kept")->get("a")->string_value() == "b");
}

TEST_CASE("view data: object_of lists an object's entries, and nothing for other data") {
  ViewData v;
  v.set("a", "1");
  v.set("b", true);
  const kainjow::mustache::object* entries = ViewData::object_of(v);
  REQUIRE(entries);
  CHECK(entries->size() == 2);
  CHECK(entries->count("a") == 1);
  CHECK(ViewData::object_of(ViewData("x")) == nullptr);
}

TEST_CASE("view data: a string given up by its owner is moved in, one still owned is copied") {
  std::string body(1000, 'b');
  const char* bytes = body.data();
  ViewData page;
  page.set("body", std::move(body));
  CHECK(page.get("body")->string_value().data() == bytes);

  const std::string kept(1000, 'k');
  page.set("kept", kept);
  CHECK(page.get("kept")->string_value() == kept);
  CHECK(page.get("kept")->string_value().data() != kept.data());
}

TEST_CASE("view data: status_view gives each status's value and label, a view of its own each time") {
  for (Status s : all_statuses()) {
    ViewData v = status_view(s);
    REQUIRE(v.get("value"));
    REQUIRE(v.get("label"));
    CHECK(v.get("value")->string_value() == status_value(s));
    CHECK(v.get("label")->string_value() == status_label(s));
    CHECK(ViewData::object_of(v)->size() == 2);
    // A page adds to the status it is given (a count, a term): the next is as new.
    v.set("count", std::string("3"));
    v.set("value", std::string("changed"));
    ViewData again = status_view(s);
    CHECK(again.get("count") == nullptr);
    CHECK(again.get("value")->string_value() == status_value(s));
  }
}

TEST_CASE("view data: date_view gives a date's ISO form and words, a view of its own each time") {
  const Date day = *Date::parse_iso("2016-07-31");
  const Date month = Date::month_end(2016, 7);  // the same day, given as its month
  for (int round = 0; round < 2; ++round) {  // built, then as kept
    ViewData d = date_view(day);
    ViewData m = date_view(month);
    CHECK(d.get("iso")->string_value() == "2016-07-31");
    CHECK(d.get("text")->string_value() == "31 July 2016");
    CHECK(m.get("iso")->string_value() == "2016-07");
    CHECK(m.get("text")->string_value() == "July 2016");
    CHECK(ViewData::object_of(d)->size() == 2);
    // A page may add to or change the view it is given: the next is as new.
    d.set("text", std::string("changed"));
    d.set("extra", true);
  }
  for (int y = 1000; y <= 9999; ++y) {  // past the dates kept, built each time
    const Date d = *Date::parse_iso(std::to_string(y) + "-01-02");
    CHECK(date_view(d).get("text")->string_value() == "2 January " + std::to_string(y));
  }
}
