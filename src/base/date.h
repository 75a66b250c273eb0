#pragma once
// Calendar dates as content uses them: no time of day, no time zone.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace scrutiny {

// How exactly a plan gave a date: a day, or only a month ("May 2021", "by March 2025").
enum class DatePrecision { day, month };

// A proleptic Gregorian calendar date. A date given as a month holds that month's last day,
// so comparisons and "overdue" read it as "by the end of the month", and shows as the month.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  DatePrecision precision = DatePrecision::day;

  auto operator<=>(const Date&) const = default;

  static bool valid(int year, int month, int day);
  // Accepts exactly YYYY-MM-DD.
  static std::optional<Date> parse_iso(std::string_view text);
  // A date as plans and papers write it: "2021-05-31", "31 May 2021", or a month, "2021-05",
  // "May 2021", "by March 2025", "end of March 2025" (month names in full or as Jan, Sept...).
  static std::optional<Date> parse_written(std::string_view text);
  // The last day of a month, with month precision.
  static Date month_end(int year, int month);
  // The date, in UTC, of a Unix time (seconds) shifted by a UTC offset in minutes.
  static Date from_unix(long long seconds, int offset_minutes = 0);

  std::string iso() const;        // 2016-07-07, or 2016-07 for a month
  std::string long_form() const;  // 7 July 2016, or July 2016 for a month
  std::string month_year() const; // July 2016
  long long days_since_epoch() const;
  // The earliest day the date may mean: the first of the month for a month, else itself.
  Date first_day() const;
  bool is_month() const { return precision == DatePrecision::month; }
};

int days_between(const Date& from, const Date& to);

}  // namespace scrutiny
