#include "date.h"

#include <doctest/doctest.h>

using namespace scrutiny;

TEST_CASE("dates written as plans write them: a day, or a month standing for its last day") {
  CHECK(Date::parse_written("2021-05-04") == Date{2021, 5, 4});
  CHECK(Date::parse_written("4 May 2021") == Date{2021, 5, 4});
  CHECK(Date::parse_written("by 31 March 2025") == Date{2025, 3, 31});
  for (const char* month : {"2021-05", "May 2021", "may 2021", "by May 2021", "by the end of May 2021",
                            "end of May 2021", "by end of May 2021", "by 2021-05"}) {
    CAPTURE(month);
    auto d = Date::parse_written(month);
    REQUIRE(d);
    CHECK(d->is_month());
    CHECK(*d == Date::month_end(2021, 5));
    CHECK(d->day == 31);
  }
  CHECK(Date::parse_written("Feb 2024")->day == 29);
  CHECK(Date::parse_written("Sept 2023")->month == 9);
  CHECK(Date::parse_written("by March 2025")->month == 3);
  for (const char* bad : {"", "Mai 2021", "2021-13", "2021", "March 25", "31 February 2021", "soon", "by"}) {
    CAPTURE(bad);
    CHECK_FALSE(Date::parse_written(bad));
  }
}

TEST_CASE("a month shows as the month, not as a made-up day") {
  Date may = Date::month_end(2021, 5);
  CHECK(may.long_form() == "May 2021");
  CHECK(may.iso() == "2021-05");
  CHECK(may.first_day() == Date{2021, 5, 1});
  CHECK(Date{2021, 5, 31}.long_form() == "31 May 2021");
  // Due by the end of the month: not overdue until the month is over.
  CHECK_FALSE(may < Date{2021, 5, 31});
  CHECK(may < Date{2021, 6, 1});
  CHECK(days_between(may, Date{2021, 6, 10}) == 10);
}

TEST_CASE("a date's ISO form is zero-padded, as printf's %04d-%02d-%02d gives it, for any year") {
  CHECK(Date{2024, 2, 9}.iso() == "2024-02-09");
  CHECK(Date{987, 12, 31}.iso() == "0987-12-31");
  CHECK(Date{0, 1, 1}.iso() == "0000-01-01");
  CHECK(Date::month_end(2021, 10).iso() == "2021-10");
  // Outside four digits, as printf widens it.
  CHECK(Date{12345, 1, 2}.iso() == "12345-01-02");
  CHECK(Date{-1, 1, 2}.iso() == "-001-01-02");
}
