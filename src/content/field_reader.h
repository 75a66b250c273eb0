#pragma once
// Typed, checked access to one TOML table of front matter, reporting problems with file:line.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "date.h"
#include "diagnostic.h"
#include "document.h"
#include "front_matter.h"
#include "inspection_vocabulary.h"

namespace scrutiny {

// Reads fields of one table (the front matter, or one [[milestones]] entry) and remembers
// which keys were read, so unknown keys can be reported.
class FieldReader {
 public:
  // `prefix` names the table in messages ("milestones[2]."); `fallback_line` is used for
  // problems with no better place, such as a missing key.
  FieldReader(const std::string& file, const FrontMatter& fm, const toml::table& table,
              Diagnostics& diags, std::string prefix = "", int fallback_line = 1);

  std::optional<std::string> text(const std::string& key, bool required, std::string_view example = "");
  std::optional<Date> date(const std::string& key, bool required);
  // A date a plan sets: a day, or a month as plans give it ("May 2021", "2021-05", "by March 2025").
  std::optional<Date> plan_date(const std::string& key, bool required);
  std::optional<long long> integer(const std::string& key);
  // A whole or decimal number, such as a measure's value (24 or 51.3).
  std::optional<double> number(const std::string& key, bool required, std::string_view example = "24.5");
  std::optional<bool> boolean(const std::string& key);
  std::optional<Status> status(const std::string& key, bool required);
  // A word of `scale`; an unknown word is reported with the words the scale has.
  std::optional<Judgement> judgement(const std::string& key, bool required, const JudgementScale& scale);
  // One text or a list of texts ("Head of Service" or ["Head of Service", "Principal Social Worker"]).
  std::vector<std::string> texts(const std::string& key);
  std::optional<Ref> ref(const std::string& key, bool required);
  // A single id or an array of ids.
  std::vector<Ref> refs(const std::string& key, bool required);
  // An array of tables ([[key]] in TOML), each with its line.
  std::vector<std::pair<const toml::table*, int>> tables(const std::string& key);

  // A reader for one entry of an array of tables, reporting with the same file and offsets.
  FieldReader nested(const toml::table& table, const std::string& prefix, int line) const {
    return FieldReader(file_, fm_, table, diags_, prefix, line);
  }

  void forbid(const std::string& key, const std::string& why);
  // The value of `key` whatever its type, or nullptr; the caller checks it.
  const toml::node* any(const std::string& key) { return find(key, false, ""); }
  // Reports every key that was never read as unknown, suggesting `allowed`.
  void report_unknown_keys();

  int line_of(const std::string& key) const;
  int line_of_node(const toml::node& node) const { return file_line(fm_, node); }
  int fallback_line() const { return fallback_line_; }
  const toml::table& table() const { return table_; }
  const std::string& file() const { return file_; }
  void error(const std::string& key, int line, const std::string& message);
  void warning(const std::string& key, int line, const std::string& message);

 private:
  const toml::node* find(const std::string& key, bool required, std::string_view example);
  std::string name(const std::string& key) const { return prefix_ + key; }

  const std::string& file_;
  const FrontMatter& fm_;
  const toml::table& table_;
  Diagnostics& diags_;
  std::string prefix_;
  int fallback_line_;
  std::set<std::string> read_;
};

}  // namespace scrutiny
