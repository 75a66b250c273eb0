#include "input_limits.h"

#include <array>
#include <cstdio>
#include <string_view>
#include <vector>

namespace scrutiny {
namespace {

std::string size_in_words(std::uintmax_t bytes) {
  char buf[64];
  if (bytes >= 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  else
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  return buf;
}

std::string limit_in_words(std::uintmax_t bytes) {
  return bytes % (1024 * 1024) == 0 ? std::to_string(bytes / (1024 * 1024)) + " MiB"
                                    : std::to_string(bytes / 1024) + " KiB";
}

std::string too_large(std::uintmax_t size, std::uintmax_t limit, std::string_view what) {
  return "this file is " + size_in_words(size) + " (" + std::to_string(size) + " bytes), over the limit of " +
         limit_in_words(limit) + " for " + std::string(what);
}

// Walks TOML text as toml++ tokenises it, as far as nesting goes: strings and comments are
// skipped (they may hold any bracket or dot), dots count only where a key is expected.
class NestingScan {
 public:
  explicit NestingScan(std::string_view s) : s_(s) {}

  std::optional<int> run() {
    while (i_ < s_.size()) {
      if (frames_.empty() && at_line_start_) {
        statement_start();
      } else {
        // Most of a line is bytes that change nothing here: passed over together, not a call each.
        while (i_ < s_.size() && kPlain[static_cast<unsigned char>(s_[i_])]) ++i_;
        if (i_ == s_.size()) break;
        value_char();
      }
      if (depth() > kMaxTomlNesting) return statement_line_;
    }
    return std::nullopt;
  }

 private:
  // The bytes value_char only steps over, whatever the state: all but those it looks at.
  static constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    plain.fill(true);
    for (unsigned char c : std::string_view("\n\"'#[]{}.=,")) plain[c] = false;
    return plain;
  }();

  // An open [ or { in a value; an inline table counts the parts of the key being written.
  struct Frame {
    bool table;
    bool in_key;
    int key_parts;
  };

  int depth() const {
    int d = header_parts_ + key_parts_;
    for (const Frame& f : frames_) d += f.table ? f.key_parts : 1;
    return d;
  }

  char at(size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

  void newline() {
    ++line_;
    ++i_;
    if (frames_.empty()) {
      at_line_start_ = true;
      key_parts_ = 0;
    }
  }

  void skip_comment() {
    while (i_ < s_.size() && s_[i_] != '\n') ++i_;
  }

  // Skips a string starting at i_ (on its opening quote).
  void skip_string() {
    const char q = s_[i_];
    const bool escapes = q == '"';
    if (at(i_ + 1) == q && at(i_ + 2) == q) {
      i_ += 3;
      while (i_ < s_.size()) {
        char c = s_[i_];
        if (escapes && c == '\\') {
          if (at(i_ + 1) == '\n') ++line_;
          i_ += 2;
        } else if (c == q && at(i_ + 1) == q && at(i_ + 2) == q) {
          i_ += 3;
          // Up to two more quotes belong to the text, before the closing three.
          for (int extra = 0; extra < 2 && at(i_) == q; ++extra) ++i_;
          return;
        } else {
          if (c == '\n') ++line_;
          ++i_;
        }
      }
      return;
    }
    ++i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\n') return;  // unterminated: toml++ stops here with an error
      if (escapes && c == '\\') {
        if (at(i_ + 1) == '\n') return;
        i_ += 2;
        continue;
      }
      ++i_;
      if (c == q) return;
    }
  }

  // At the start of a line outside any value: blank, comment, [table] header or key.
  void statement_start() {
    char c = s_[i_];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i_;
      return;
    }
    if (c == '\n') return newline();
    if (c == '#') return skip_comment();
    at_line_start_ = false;
    statement_line_ = line_;
    if (c == '[') {
      // A header's parts each open a table; [[array]] parts may each add an array as well,
      // which stays within twice this count.
      header_parts_ = 1;
      ++i_;
      if (at(i_) == '[') ++i_;
      while (i_ < s_.size() && s_[i_] != ']' && s_[i_] != '\n') {
        if (s_[i_] == '"' || s_[i_] == '\'') skip_string();
        else {
          if (s_[i_] == '.') ++header_parts_;
          ++i_;
        }
        if (depth() > kMaxTomlNesting) return;
      }
      // The rest of the line may hold only a comment; anything else stops toml++.
      while (i_ < s_.size() && s_[i_] != '\n') {
        if (s_[i_] == '"' || s_[i_] == '\'') skip_string();
        else ++i_;
      }
      return;
    }
    key_parts_ = 1;
    in_key_ = true;
  }

  void value_char() {
    char c = s_[i_];
    if (c == '\n') return newline();
    if (c == '"' || c == '\'') return skip_string();
    if (c == '#') return skip_comment();
    ++i_;
    Frame* top = frames_.empty() ? nullptr : &frames_.back();
    if ((c == ']' || c == '}') && top) {  // `{}` closes while a key is still expected
      frames_.pop_back();
      return;
    }
    bool in_key = top ? top->table && top->in_key : in_key_;
    if (in_key) {
      if (c == '.') {
        if (top) ++top->key_parts;
        else ++key_parts_;
      } else if (c == '=') {
        if (top) top->in_key = false;
        else in_key_ = false;
      }
      return;
    }
    if (c == '[') frames_.push_back({false, false, 0});
    else if (c == '{') frames_.push_back({true, true, 1});
    else if (c == ',' && top && top->table) {
      top->in_key = true;
      top->key_parts = 1;
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  int line_ = 1;
  int statement_line_ = 1;
  bool at_line_start_ = true;
  bool in_key_ = false;
  int header_parts_ = 0;
  int key_parts_ = 0;
  std::vector<Frame> frames_;
};

}  // namespace

std::string document_too_large_message(std::uintmax_t size) {
  return too_large(size, kMaxDocumentBytes, "one document") +
         ": split it into several documents and link them with [[id]] references";
}

std::string portal_settings_too_large_message(std::uintmax_t size) {
  return too_large(size, kMaxPortalSettingsBytes, "portal.toml") +
         ": it needs only the settings docs/content-model.md lists";
}

std::string settings_too_large_message(std::uintmax_t size, const std::string& name) {
  if (name == "portal.toml") return portal_settings_too_large_message(size);
  return too_large(size, kMaxPortalSettingsBytes, name) + ": it needs only the entries docs/content-model.md lists";
}

std::optional<int> find_deep_toml_nesting(std::string_view toml) { return NestingScan(toml).run(); }

std::string deep_toml_nesting_message() {
  return "nested more than " + std::to_string(kMaxTomlNesting) +
         " levels deep (each part of a dotted key such as a.b.c or of a [table] name, and each [ or { "
         "inside a value, is one level): no document needs this many; write the keys as "
         "docs/content-model.md lists them";
}

}  // namespace scrutiny
