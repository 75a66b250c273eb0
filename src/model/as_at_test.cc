#include <doctest/doctest.h>

#include "as_at.h"
#include "portal.h"

using namespace scrutiny;

TEST_CASE("as at: --as-at takes today or YYYY-MM-DD, and nothing else") {
  std::optional<AsAtChoice> chosen = parse_as_at("2026-03-31");
  REQUIRE(chosen);
  CHECK(chosen->date == Date{2026, 3, 31});
  CHECK(chosen->basis == AsAtBasis::chosen);
  std::optional<AsAtChoice> today = parse_as_at("today");
  REQUIRE(today);
  CHECK(today->basis == AsAtBasis::build_date);
  CHECK(today->date == today_by_the_clock());
  for (const char* bad : {"", "now", "TODAY", "2026-02-29", "2026-3-31", "31-03-2026", "2026-03-31T00:00"})
    CHECK_FALSE(parse_as_at(bad));
}

TEST_CASE("as at: a chosen date, else the commit's, else (without history) the content's latest") {
  Portal portal;
  Document action;
  action.type = DocType::action;
  action.target_date = Date{2017, 3, 31};
  action.completed = Date{2017, 2, 1};
  portal.documents.push_back(action);
  const Date head{2024, 5, 1};

  settle_as_at(portal, AsAtChoice{Date{2020, 1, 2}, AsAtBasis::chosen}, head, true);
  CHECK(portal.as_at == Date{2020, 1, 2});
  CHECK(portal.as_at_basis == AsAtBasis::chosen);
  settle_as_at(portal, std::nullopt, head, true);
  CHECK(portal.as_at == head);
  CHECK(portal.as_at_basis == AsAtBasis::latest_commit);
  settle_as_at(portal, std::nullopt, std::nullopt, false);
  CHECK(portal.as_at == Date{2017, 2, 1});  // recorded dates only: a target is not one
  CHECK(portal.as_at_basis == AsAtBasis::latest_content);
  // History was asked for but there is no commit: no date, so nothing is called overdue.
  settle_as_at(portal, std::nullopt, std::nullopt, true);
  CHECK_FALSE(portal.as_at);
}
