#include "front_matter.h"

#include <algorithm>
#include <cctype>

#include "input_limits.h"

namespace scrutiny {
namespace {

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "+++";
}

// A line of the form `key = value`, as front matter holds.
bool looks_like_toml_key_value(std::string_view line) {
  size_t eq = line.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  std::string_view key = line.substr(0, eq);
  while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.remove_suffix(1);
  if (key.empty()) return false;
  for (char c : key)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

// A file that starts with `key = value` lines and then a +++ line lost its opening +++
// (read as a page, it would only be told it has no heading).
bool lost_opening_fence(std::string_view text) {
  size_t pos = 0;
  bool saw_key = false;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    if (is_fence(l)) return saw_key;
    std::string_view trimmed = l.substr(std::min(l.size(), l.find_first_not_of(" \t")));
    if (looks_like_toml_key_value(trimmed)) saw_key = true;
    // Comments, table headings, and the lines of a list or text running over several lines.
    else if (!trimmed.empty() && std::string_view("#[]\"'").find(trimmed[0]) == std::string_view::npos) return false;
    else if (trimmed.rfind("# ", 0) == 0 && !saw_key) return false;  // a Markdown heading
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return false;
}

// A `key = value` line whose value is one TOML writes: quoted text, a list, a number, a
// date or true/false. Prose such as "Attendance = 94%" rarely opens a file, and a page must
// open with its heading anyway.
bool looks_like_toml_setting(std::string_view line) {
  if (!looks_like_toml_key_value(line)) return false;
  std::string_view value = line.substr(line.find('=') + 1);
  value.remove_prefix(std::min(value.size(), value.find_first_not_of(" \t")));
  if (value.empty()) return false;
  if (std::string_view("\"'[{").find(value[0]) != std::string_view::npos) return true;
  if (std::isdigit(static_cast<unsigned char>(value[0]))) return true;
  return value == "true" || value == "false";
}

// A file that opens with front matter lines (`type = "action"`) and has no +++ line at all:
// both fences are missing, so the whole file would be read as a page with no heading.
bool lost_both_fences(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    std::string_view trimmed = l.substr(std::min(l.size(), l.find_first_not_of(" \t")));
    if (!trimmed.empty()) return looks_like_toml_setting(trimmed);
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return false;
}

std::string_view line_text(std::string_view text, int line) {
  size_t pos = 0;
  for (int l = 1; l < line && pos != std::string_view::npos; ++l) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  if (pos == std::string_view::npos || pos > text.size()) return {};
  size_t end = text.find('\n', pos);
  return text.substr(pos, end == std::string_view::npos ? end : end - pos);
}

// Curly quotes used where TOML needs straight ones: opening a value (after =, [ or ,).
// Inside straight quotes they are fine. The byte offset of the first such quote, or npos.
size_t curly_quote_at(std::string_view line) {
  size_t first = std::string_view::npos;
  for (std::string_view q : {"\u201C", "\u201D", "\u2018", "\u2019", "\u201E", "\u201A"}) {
    for (size_t at = line.find(q); at != std::string_view::npos; at = line.find(q, at + 1)) {
      size_t before = line.find_last_not_of(" \t", at == 0 ? std::string_view::npos : at - 1);
      // Nothing before it on the line: an item of a list running over several lines.
      if (at == 0 || before == std::string_view::npos || line[before] == '=' || line[before] == '[' ||
          line[before] == ',')
        first = std::min(first, at);
    }
  }
  return first;
}

// The column an editor shows for a byte offset: characters, not bytes, counted from 1.
size_t column_of(std::string_view line, size_t offset) {
  size_t column = 1;
  for (size_t i = 0; i < offset && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  return column;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// Text whose closing quote is missing: which quote to end it with, or that the one at the
// end is a curly quote, which TOML does not count.
std::string unclosed_text(std::string_view line) {
  std::string_view trimmed = line.substr(0, line.find_last_not_of(" \t") + 1);
  for (std::string_view q : {"\u201D", "\u2019", "\u201C"})
    if (trimmed.size() >= q.size() && trimmed.substr(trimmed.size() - q.size()) == q)
      return "this text ends with a curly quote " + std::string(q) + " at column " +
             std::to_string(column_of(line, trimmed.size() - q.size())) +
             " (as a word processor types them), which does not close it: retype it as a straight "
             "quote, the same as the one the text starts with";
  size_t eq = line.find('=');
  size_t open = line.find_first_not_of(" \t", eq == std::string_view::npos ? 0 : eq + 1);
  std::string_view quote = "\"";
  if (open != std::string_view::npos) {
    if (line.substr(open, 3) == "\"\"\"" || line.substr(open, 3) == "'''") quote = line.substr(open, 3);
    else if (line[open] == '\'') quote = "'";
  }
  if (quote.size() == 3)
    return "this text starts with " + std::string(quote) + " but never ends: add a line holding " +
           std::string(quote) + " after its last line, before the closing +++";
  return "this text has no closing quote: end it with " + std::string(quote) + " on the same line (text "
         "that runs over several lines goes between \"\"\" and \"\"\")";
}

// The line (in the TOML text) of a """ or ''' that opens text never closed, or 0. toml++
// reports such text at the end of the front matter, far from the line to change.
int unclosed_multiline_text(std::string_view toml_text) {
  for (std::string_view fence : {"\"\"\"", "'''"}) {
    size_t count = 0, last = 0;
    for (size_t at = toml_text.find(fence); at != std::string_view::npos; at = toml_text.find(fence, at + 3)) {
      ++count;
      last = at;
    }
    if (count % 2 == 1) return static_cast<int>(std::count(toml_text.begin(), toml_text.begin() + last, '\n')) + 1;
  }
  return 0;
}

}  // namespace

std::string explain_toml_error(std::string_view description, std::string_view line) {
  if (size_t at = curly_quote_at(line); at != std::string_view::npos)
    return "curly quotes \u201C\u2026\u201D or \u2018\u2026\u2019 (as a word processor types them, "
           "pasted from a document) at column " + std::to_string(column_of(line, at)) +
           ": TOML needs straight quotes \"\u2026\": retype the quotes around the text as \"";
  if (contains(description, "control characters") || (contains(description, "string") && contains(description, "end-of-file")))
    return unclosed_text(line);
  if (contains(description, "could not determine value type"))
    return "the value after = is not understood: put text in straight double quotes (\"...\"), write "
           "dates as YYYY-MM-DD, numbers as digits and true or false in lower case";
  if (contains(description, "parsing boolean")) return "write true or false in lower case, without quotes";
  if (contains(description, "cannot redefine"))
    return "this key is given a second time: keep one of the lines and delete the other";
  if (contains(description, "expected '='"))
    return "expected a line of the form key = value, such as title = \"...\" (keys use letters, digits, _ "
           "and - without spaces)";
  if (contains(description, "expected value"))
    return "there is no value after =: add one, such as \"...\" for text";
  if (contains(description, "parsing date"))
    return "not a real date: write dates as YYYY-MM-DD with a real month and day, such as 2017-03-31";
  if (contains(description, "parsing array"))
    return "a list is not written correctly: put its items between [ and ], separated by commas, such "
           "as [\"a\", \"b\"]";
  if (contains(description, "table header"))
    return "a table heading is not written correctly: write it on its own line, such as [[milestones]]";
  if (contains(description, "escape sequence"))
    return "a backslash \\ in text starts a special character: write \\\\ for a backslash, or put "
           "the text between single quotes '...'";
  return std::string("malformed TOML in front matter: ") + std::string(description) +
         ". Check quotes around text, = between key and value, and dates written YYYY-MM-DD";
}

FrontMatter parse_front_matter(const std::string& file, std::string_view text, Diagnostics& diags) {
  FrontMatter fm;
  size_t first_end = text.find('\n');
  if (!is_fence(text.substr(0, first_end))) {
    if (lost_opening_fence(text)) {
      fm.present = true;
      diags.error(file, 1, "", "the front matter has no opening +++ line: add +++ as the first line");
      return fm;
    }
    if (lost_both_fences(text)) {
      fm.present = true;
      diags.error(file, 1, "",
                  "this file starts with front matter lines such as `type = \"...\"` but no +++ line "
                  "above them, so it would be read as a page: put them between two lines holding "
                  "only +++, one as the first line and one after the last front matter line");
      return fm;
    }
    fm.body = std::string(text);
    return fm;
  }
  fm.present = true;
  fm.toml_line_offset = 1;

  // Find the closing fence.
  size_t pos = first_end == std::string_view::npos ? text.size() : first_end + 1;
  int line = 2;
  size_t toml_begin = pos;
  size_t toml_end = std::string_view::npos;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    if (is_fence(l)) {
      toml_end = pos;
      pos = end == std::string_view::npos ? text.size() : end + 1;
      break;
    }
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line;
  }
  if (toml_end == std::string_view::npos) {
    diags.error(file, 1, "",
                "front matter is not closed: add a line holding only +++ after the last "
                "front matter line");
    return fm;
  }
  fm.body = std::string(text.substr(pos));
  fm.body_line = line + 1;

  std::string_view toml_text = text.substr(toml_begin, toml_end - toml_begin);
  // toml++ recurses once per level, building and freeing the tables: bound it first.
  if (auto deep = find_deep_toml_nesting(toml_text)) {
    diags.error(file, *deep + fm.toml_line_offset, "", "front matter is " + deep_toml_nesting_message());
    return fm;
  }
  try {
    fm.table = toml::parse(toml_text, file);
    fm.valid = true;
  } catch (const toml::parse_error& e) {
    int toml_line = static_cast<int>(e.source().begin.line);
    if (int opened = unclosed_multiline_text(toml_text); opened > 0 && contains(e.description(), "end-of-file"))
      toml_line = opened;
    diags.error(file, toml_line + fm.toml_line_offset, "",
                explain_toml_error(e.description(), line_text(toml_text, toml_line)));
  }
  return fm;
}

int file_line(const FrontMatter& fm, const toml::node& node) {
  auto l = node.source().begin.line;
  return l > 0 ? static_cast<int>(l) + fm.toml_line_offset : 1;
}

}  // namespace scrutiny
