#include "date.h"

#include <array>
#include <cstdio>
#include <vector>

namespace scrutiny {
namespace {

constexpr std::array<const char*, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days.
long long days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

Date civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

// "may", "May", "Sept", "september" -> 5, 9; 0 for anything else.
int month_number(std::string_view word) {
  std::string w;
  for (char c : word) w += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (w == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    std::string name = kMonthNames[m];
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (w == name || (w.size() == 3 && name.compare(0, 3, w) == 0)) return m + 1;
  }
  return 0;
}

std::optional<int> whole_number(std::string_view t) {
  if (t.empty() || t.size() > 4) return std::nullopt;
  int n = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::vector<std::string_view> words_of(std::string_view t) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == ',')) ++i;
    size_t start = i;
    while (i < t.size() && t[i] != ' ' && t[i] != '\t' && t[i] != ',') ++i;
    if (i > start) out.push_back(t.substr(start, i - start));
  }
  return out;
}

bool is_word(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (size_t i = 0; i < w.size(); ++i)
    if (static_cast<char>(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]) != lower[i]) return false;
  return true;
}

}  // namespace

Date Date::month_end(int year, int month) {
  return Date{year, month, days_in_month(year, month), DatePrecision::month};
}

Date Date::first_day() const { return Date{year, month, precision == DatePrecision::month ? 1 : day}; }

std::optional<Date> Date::parse_written(std::string_view t) {
  if (auto d = parse_iso(t)) return d;
  // 2021-05
  if (t.size() == 7 && t[4] == '-') {
    auto y = whole_number(t.substr(0, 4)), m = whole_number(t.substr(5, 2));
    if (y && m && *y >= 1 && *m >= 1 && *m <= 12) return month_end(*y, *m);
    return std::nullopt;
  }
  std::vector<std::string_view> w = words_of(t);
  // "by", "end of", "by the end of": a due date is the end of what it names.
  size_t i = 0;
  if (i < w.size() && is_word(w[i], "by")) ++i;
  if (i < w.size() && is_word(w[i], "the")) ++i;
  if (i + 1 < w.size() && is_word(w[i], "end") && is_word(w[i + 1], "of")) i += 2;
  w.erase(w.begin(), w.begin() + static_cast<long>(i));
  if (w.size() == 2) {
    int m = month_number(w[0]);
    auto y = whole_number(w[1]);
    if (m && y && w[1].size() == 4 && *y >= 1) return month_end(*y, m);
  } else if (w.size() == 3) {
    auto d = whole_number(w[0]);
    int m = month_number(w[1]);
    auto y = whole_number(w[2]);
    if (d && m && y && w[2].size() == 4 && valid(*y, m, *d)) return Date{*y, m, *d};
  } else if (w.size() == 1 && i > 0) {
    if (auto d = parse_written(w[0])) return d;  // "by 2025-03"
  }
  return std::nullopt;
}

bool Date::valid(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::optional<Date> Date::parse_iso(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](size_t pos, size_t n, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  Date date;
  if (!digits(0, 4, date.year) || !digits(5, 2, date.month) || !digits(8, 2, date.day))
    return std::nullopt;
  if (!valid(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

Date Date::from_unix(long long seconds, int offset_minutes) {
  long long shifted = seconds + static_cast<long long>(offset_minutes) * 60;
  long long days = shifted >= 0 ? shifted / 86400 : -((-shifted + 86399) / 86400);
  return civil_from_days(days);
}

std::string Date::iso() const {
  // Written digit by digit: snprintf's format parsing was a visible share of building views,
  // which give every date shown its ISO form.
  if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99) {
    char digits[10] = {static_cast<char>('0' + year / 1000),      static_cast<char>('0' + year / 100 % 10),
                       static_cast<char>('0' + year / 10 % 10),   static_cast<char>('0' + year % 10),
                       '-',
                       static_cast<char>('0' + month / 10),       static_cast<char>('0' + month % 10),
                       '-',
                       static_cast<char>('0' + day / 10),         static_cast<char>('0' + day % 10)};
    return std::string(digits, precision == DatePrecision::month ? 7 : 10);
  }
  char buf[16];
  if (precision == DatePrecision::month) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::long_form() const {
  if (month < 1 || month > 12) return iso();
  if (precision == DatePrecision::month) return month_year();
  return std::to_string(day) + " " + kMonthNames[month - 1] + " " + std::to_string(year);
}

std::string Date::month_year() const {
  if (month < 1 || month > 12) return iso();
  return std::string(kMonthNames[month - 1]) + " " + std::to_string(year);
}

long long Date::days_since_epoch() const {
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

int days_between(const Date& from, const Date& to) {
  return static_cast<int>(to.days_since_epoch() - from.days_since_epoch());
}

}  // namespace scrutiny
