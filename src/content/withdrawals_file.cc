#include "withdrawals_file.h"

#include "field_reader.h"
#include "front_matter.h"
#include "input_limits.h"
#include "utf8.h"

namespace scrutiny {
namespace {

bool is_commit_id(const std::string& s) {
  if (s.size() < 7 || s.size() > 40) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// A path as git names it, relative to the content folder, that cannot climb out of it.
bool is_content_path(const std::string& p) {
  if (p.empty() || p[0] == '/' || p.find('\\') != std::string::npos) return false;
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = p.find('/', start);
    if (end == std::string::npos) end = p.size();
    std::string part = p.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::vector<Withdrawal> read_withdrawals(const std::optional<SourceFile>& file, Diagnostics& diags) {
  std::vector<Withdrawal> out;
  if (!file) return out;
  const std::string& name = file->display_path;
  if (auto bad = find_invalid_utf8(file->text)) {
    diags.error(name, line_at(file->text, *bad), "", "the file is not valid UTF-8 text: save it as UTF-8");
    return out;
  }
  if (auto deep = find_deep_toml_nesting(file->text)) {
    diags.error(name, *deep, "", "this entry is " + deep_toml_nesting_message());
    return out;
  }
  FrontMatter fm;
  try {
    fm.table = toml::parse(file->text, name);
  } catch (const toml::parse_error& e) {
    diags.error(name, static_cast<int>(e.source().begin.line), "",
                std::string("malformed TOML: ") + std::string(e.description()));
    return out;
  }
  FieldReader top(name, fm, fm.table, diags);
  size_t n = 0;
  for (const auto& [table, line] : top.tables("withdrawn")) {
    FieldReader f = top.nested(*table, "withdrawn[" + std::to_string(++n) + "].", line);
    Withdrawal w;
    w.file = name;
    w.line = line;
    bool ok = true;
    if (auto commit = f.text("commit", true, "\"3f2a9c1\"")) {
      w.commit = lower(*commit);
      if (!is_commit_id(w.commit)) {
        f.error("commit", f.line_of("commit"),
                "\"" + *commit + "\" is not a commit id: copy at least its first 7 characters (0-9 and a-f) "
                "from `git log` or from the revision's page, such as commit = \"3f2a9c1\"");
        ok = false;
      }
    } else {
      ok = false;
    }
    if (auto document = f.text("document", false)) {
      w.document = *document;
      if (!is_content_path(w.document)) {
        f.error("document", f.line_of("document"),
                "must be the document's file path inside the content folder, such as "
                "document = \"updates/2024-02-board.md\"");
        ok = false;
      }
    }
    if (auto date = f.date("date", true)) w.date = *date;
    else ok = false;
    if (auto reason = f.text("reason", true, "\"It named a child by mistake.\"")) w.reason = *reason;
    else ok = false;
    f.report_unknown_keys();
    if (ok) out.push_back(std::move(w));
  }
  top.report_unknown_keys();
  return out;
}

}  // namespace scrutiny
