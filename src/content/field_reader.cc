#include "field_reader.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace scrutiny {
namespace {

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "text";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "true or false";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date and time";
    case toml::node_type::array: return "a list";
    case toml::node_type::table: return "a table";
    default: return "an empty value";
  }
}

// A number as its author wrote it, such as 1.5.
std::string number_text(const toml::node& n) {
  std::ostringstream out;
  if (auto i = n.value_exact<int64_t>()) out << *i;
  else if (auto f = n.value_exact<double>()) out << *f;
  return out.str();
}

// Why a date written as YYYY-MM-DD is still not a day: toml++ accepts year 0.
std::string impossible_date(int year, const std::string& key) {
  if (year == 0)
    return "not a real date: there is no year 0 (years start at 1): write a day of the full year as "
           "YYYY-MM-DD, such as " + key + " = 2017-03-31";
  return "not a real date: check the year, month and day (YYYY-MM-DD, such as " + key + " = 2017-03-31)";
}

// The year of text shaped YYYY-MM-DD, whatever its numbers; nullopt for any other shape.
std::optional<int> year_of_iso_shape(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int year = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    if (i < 4) year = year * 10 + (s[i] - '0');
  }
  return year;
}

std::vector<std::string_view> status_values() {
  std::vector<std::string_view> v;
  for (Status s : all_statuses()) v.push_back(status_value(s));
  return v;
}

}  // namespace

FieldReader::FieldReader(const std::string& file, const FrontMatter& fm, const toml::table& table,
                         Diagnostics& diags, std::string prefix, int fallback_line)
    : file_(file), fm_(fm), table_(table), diags_(diags), prefix_(std::move(prefix)),
      fallback_line_(fallback_line) {}

void FieldReader::error(const std::string& key, int line, const std::string& message) {
  diags_.error(file_, line, key.empty() ? "" : name(key), message);
}

void FieldReader::warning(const std::string& key, int line, const std::string& message) {
  diags_.warning(file_, line, key.empty() ? "" : name(key), message);
}

int FieldReader::line_of(const std::string& key) const {
  if (const toml::node* n = table_.get(key)) return file_line(fm_, *n);
  return fallback_line_;
}

const toml::node* FieldReader::find(const std::string& key, bool required, std::string_view example) {
  read_.insert(key);
  const toml::node* n = table_.get(key);
  if (!n && required) {
    std::string msg = "missing required field: add a line `" + key + " = " +
                      (example.empty() ? std::string("...") : std::string(example)) + "`";
    if (prefix_.empty()) msg += " to the front matter";
    error(key, fallback_line_, msg);
  }
  return n;
}

std::optional<std::string> FieldReader::text(const std::string& key, bool required, std::string_view example) {
  const toml::node* n = find(key, required, example.empty() ? "\"...\"" : example);
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>()) {
    if (required && s->find_first_not_of(" \t\n") == std::string::npos) {
      error(key, file_line(fm_, *n), "must not be empty");
      return std::nullopt;
    }
    return s;
  }
  if (n->is_number()) {
    // Numbers such as "A1.2" or "3.2" are labels, written as text.
    std::string written = number_text(*n);
    error(key, file_line(fm_, *n), "expected text in quotes, found the number " + written + ": " +
                                       (key == "number" ? "an action's number is a label, such as \"3\", "
                                                          "\"3.2\" or \"A1\", written in quotes: "
                                                        : "") +
                                       "write " + key + " = \"" + written + "\"");
    return std::nullopt;
  }
  error(key, file_line(fm_, *n), "expected text in quotes, found " + type_name(*n));
  return std::nullopt;
}

std::optional<Date> FieldReader::date(const std::string& key, bool required) {
  const toml::node* n = find(key, required, "2017-03-31");
  if (!n) return std::nullopt;
  int line = file_line(fm_, *n);
  if (auto d = n->value<toml::date>()) {
    if (Date::valid(d->year, d->month, d->day)) return Date{d->year, d->month, d->day};
    error(key, line, impossible_date(d->year, key));
    return std::nullopt;
  } else if (auto s = n->value<std::string>()) {
    if (auto parsed = Date::parse_iso(*s)) return parsed;
    if (auto year = year_of_iso_shape(*s)) {
      error(key, line, impossible_date(*year, key));
      return std::nullopt;
    }
    error(key, line, "bad date \"" + *s + "\": write the date as YYYY-MM-DD without quotes, "
                     "for example " + key + " = 2017-03-31");
    return std::nullopt;
  } else if (n->is_date_time()) {
    error(key, line, "expected a date without a time of day: write YYYY-MM-DD, for example " +
                     key + " = 2017-03-31");
    return std::nullopt;
  }
  error(key, line, "bad date: expected YYYY-MM-DD, for example " + key + " = 2017-03-31, found " +
                   type_name(*n));
  return std::nullopt;
}

std::optional<Date> FieldReader::plan_date(const std::string& key, bool required) {
  const toml::node* n = find(key, required, "2017-03-31");
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>()) {
    if (auto parsed = Date::parse_written(*s)) return parsed;
    if (auto year = year_of_iso_shape(*s)) {
      error(key, file_line(fm_, *n), impossible_date(*year, key));
      return std::nullopt;
    }
    error(key, file_line(fm_, *n),
          "cannot read \"" + *s + "\" as a date: write a day as YYYY-MM-DD without quotes (" + key + " = 2021-05-31), "
          "or only a month, in quotes, as " + key + " = \"May 2021\", \"2021-05\" or \"by May 2021\"");
    return std::nullopt;
  }
  return date(key, required);
}

std::optional<long long> FieldReader::integer(const std::string& key) {
  const toml::node* n = find(key, false, "");
  if (!n) return std::nullopt;
  if (auto i = n->value_exact<int64_t>()) return *i;
  if (n->is_floating_point()) {
    error(key, file_line(fm_, *n),
          key + " = " + number_text(*n) + " is not a whole number: " + key + " here is a whole number "
          "without quotes, such as " + key + " = 3" +
              (key == "number" ? "; a number with a point, such as \"3.2\", is a label, which only an "
                                 "action's number can be, written in quotes"
                               : ""));
    return std::nullopt;
  }
  error(key, file_line(fm_, *n), "expected a whole number without quotes, found " + type_name(*n));
  return std::nullopt;
}

std::optional<double> FieldReader::number(const std::string& key, bool required, std::string_view example) {
  const toml::node* n = find(key, required, example);
  if (!n) return std::nullopt;
  if (auto i = n->value_exact<int64_t>()) return static_cast<double>(*i);
  if (auto f = n->value_exact<double>()) {
    if (std::isfinite(*f)) return *f;
    error(key, file_line(fm_, *n), "expected an ordinary number, such as " + key + " = " + std::string(example));
    return std::nullopt;
  }
  if (auto s = n->value<std::string>()) {
    // "28%" or "386 days": the figure goes here, the unit in the measure's `unit`.
    std::string digits;
    for (char c : *s)
      if ((c >= '0' && c <= '9') || c == '.' || c == '-') digits += c;
    if (!digits.empty() && digits.find_first_of("0123456789") != std::string::npos)
      error(key, file_line(fm_, *n), "expected a number without quotes, found the text \"" + *s + "\": write " +
                                         key + " = " + digits + " (the unit, such as % or days, belongs in the "
                                         "measure's `unit` field)");
    else
      error(key, file_line(fm_, *n), "expected a number without quotes, such as " + key + " = " +
                                         std::string(example) + ", found the text \"" + *s + "\"");
    return std::nullopt;
  }
  error(key, file_line(fm_, *n), "expected a number without quotes, such as " + key + " = " + std::string(example) +
                                     ", found " + type_name(*n));
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const std::string& key) {
  const toml::node* n = find(key, false, "");
  if (!n) return std::nullopt;
  if (auto b = n->value_exact<bool>()) return *b;
  error(key, file_line(fm_, *n), "expected true or false, found " + type_name(*n));
  return std::nullopt;
}

std::optional<Status> FieldReader::status(const std::string& key, bool required) {
  auto value = text(key, required, "\"on-track\"");
  if (!value) return std::nullopt;
  if (auto s = parse_status(*value)) return s;
  if (auto s = parse_status_loosely(*value)) {
    diags_.warning(file_, line_of(key), name(key),
                   "read \"" + *value + "\" as \"" + std::string(status_value(*s)) + "\": write status = \"" +
                       std::string(status_value(*s)) + "\", the spelling the content model uses");
    return s;
  }
  if (std::string advice = rag_rating_advice(*value); !advice.empty()) {
    error(key, line_of(key), advice);
    return std::nullopt;
  }
  error(key, line_of(key), "unknown status \"" + *value + "\": use one of " +
                           quoted_list(status_values()));
  return std::nullopt;
}

std::optional<Judgement> FieldReader::judgement(const std::string& key, bool required, const JudgementScale& scale) {
  auto value = text(key, required, scale.words.empty() ? "\"good\"" : "\"" + scale.words.back().value + "\"");
  if (!value) return std::nullopt;
  std::vector<std::string_view> allowed;
  for (const Judgement& j : scale.words) {
    if (j.value == *value) return j;
    allowed.push_back(j.value);
  }
  error(key, line_of(key), "unknown judgement \"" + *value + "\" on the \"" + scale.id + "\" scale: use one of " +
                           quoted_list(allowed));
  return std::nullopt;
}

std::optional<Ref> FieldReader::ref(const std::string& key, bool required) {
  auto value = text(key, required, "\"folder/document-id\"");
  if (!value) return std::nullopt;
  return Ref{*value, line_of(key), name(key)};
}

std::vector<Ref> FieldReader::refs(const std::string& key, bool required) {
  std::vector<Ref> out;
  const toml::node* n = find(key, required, "[\"folder/document-id\"]");
  if (!n) return out;
  int line = file_line(fm_, *n);
  if (auto s = n->value<std::string>()) {
    out.push_back({*s, line, name(key)});
  } else if (const toml::array* arr = n->as_array()) {
    for (const toml::node& item : *arr) {
      if (auto s = item.value<std::string>())
        out.push_back({*s, file_line(fm_, item), name(key)});
      else
        error(key, file_line(fm_, item), "expected document ids in quotes, found " + type_name(item));
    }
    if (required && arr->empty()) error(key, line, "must name at least one document id");
  } else {
    error(key, line, "expected a list of document ids, such as [\"recommendations/2016-r01\"], found " +
                     type_name(*n));
  }
  return out;
}

std::vector<std::string> FieldReader::texts(const std::string& key) {
  std::vector<std::string> out;
  const toml::node* n = find(key, false, "");
  if (!n) return out;
  auto add = [&](const toml::node& item) {
    auto s = item.value<std::string>();
    if (!s || s->find_first_not_of(" \t") == std::string::npos)
      error(key, file_line(fm_, item), "expected text in quotes, such as " + key + " = [\"Head of Service\", \"Principal Social Worker\"]");
    else
      out.push_back(*s);
  };
  if (const toml::array* arr = n->as_array()) {
    for (const toml::node& item : *arr) add(item);
    if (arr->empty()) error(key, file_line(fm_, *n), "must name at least one, such as " + key + " = [\"Head of Service\"]");
  } else {
    add(*n);
  }
  return out;
}

std::vector<std::pair<const toml::table*, int>> FieldReader::tables(const std::string& key) {
  std::vector<std::pair<const toml::table*, int>> out;
  const toml::node* n = find(key, false, "");
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    error(key, file_line(fm_, *n), "expected a list of tables: write each entry under its own "
                                   "[[" + key + "]] line");
    return out;
  }
  for (const toml::node& item : *arr) {
    if (const toml::table* t = item.as_table())
      out.emplace_back(t, file_line(fm_, item));
    else
      error(key, file_line(fm_, item), "expected a table: write each entry under its own [[" +
                                       key + "]] line");
  }
  return out;
}

void FieldReader::forbid(const std::string& key, const std::string& why) {
  read_.insert(key);
  if (const toml::node* n = table_.get(key)) error(key, file_line(fm_, *n), why);
}

void FieldReader::report_unknown_keys() {
  // Listed only for a table that has an unknown key: most have none, and every document and
  // milestone is a table.
  std::string known;
  for (const auto& [k, node] : table_) {
    std::string key(k.str());
    if (read_.count(key)) continue;
    if (known.empty())
      for (const auto& r : read_) known += (known.empty() ? "" : ", ") + r;
    // A misspelt key is easy to make and silently loses data, so say so, but do not
    // stop publishing for it.
    diags_.warning(file_, file_line(fm_, node), name(key),
                   "unknown field, ignored; check the spelling (known fields here: " + known + ")");
  }
}

}  // namespace scrutiny
