#pragma once
// Calendar dates as content uses them: no time of day, no time zone.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace scrutiny {

// A proleptic Gregorian calendar date.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  auto operator<=>(const Date&) const = default;

  static bool valid(int year, int month, int day);
  // Accepts exactly YYYY-MM-DD.
  static std::optional<Date> parse_iso(std::string_view text);
  // The date, in UTC, of a Unix time (seconds) shifted by a UTC offset in minutes.
  static Date from_unix(long long seconds, int offset_minutes = 0);

  std::string iso() const;        // 2016-07-07
  std::string long_form() const;  // 7 July 2016
  std::string month_year() const; // July 2016
  long long days_since_epoch() const;
};

int days_between(const Date& from, const Date& to);

}  // namespace scrutiny
