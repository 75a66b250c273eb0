#include "portal_config.h"

#include <algorithm>

#include "field_reader.h"
#include "front_matter.h"
#include "input_limits.h"
#include "utf8.h"

namespace scrutiny {

std::string normalise_base_url(const std::string& url, const std::string& file, int line, Diagnostics& diags) {
  if (url.empty()) return url;
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
    diags.error(file, line, "base_url",
                "must be an absolute web address such as https://example.org/improvement/");
    return "";
  }
  for (char c : url) {
    if (c == '"' || c == '<' || c == '>' || c == ' ' || c == '\'' || c == '`') {
      diags.error(file, line, "base_url", "must not contain spaces, quotes or angle brackets");
      return "";
    }
  }
  return url.back() == '/' ? url : url + "/";
}

namespace {

// [author_roles], default_author_role and show_author_names; show_author_emails is gone, as
// emails are never published.
void read_author_settings(FieldReader& f, const FrontMatter& fm, PortalConfig& c, Diagnostics& diags) {
  if (auto role = f.text("default_author_role", false)) {
    if (role->find_first_not_of(" \t") == std::string::npos)
      f.error("default_author_role", f.line_of("default_author_role"),
              "must not be empty: write the role readers see for a change, such as "
              "default_author_role = \"Council officer\"");
    else
      c.default_author_role = *role;
  }
  c.show_author_names = f.boolean("show_author_names").value_or(false);
  if (f.any("show_author_emails")) {
    diags.warning(c.file, f.line_of("show_author_emails"), "show_author_emails",
                  "email addresses are never published any more: remove this line, and list "
                  "authors under [author_roles] to show the role of each");
  }
  const toml::node* roles = f.any("author_roles");
  if (!roles) return;
  const toml::table* table = roles->as_table();
  if (!table) {
    f.error("author_roles", file_line(fm, *roles),
            "expected a table: write [author_roles] on a line of its own, at the end of the file, "
            "then one line per author, such as \"improvement@example.org\" = \"Programme Office\"");
    return;
  }
  for (const auto& [key, node] : *table) {
    std::string author(key.str());
    int line = file_line(fm, node);
    auto role = node.value<std::string>();
    if (!role || role->find_first_not_of(" \t") == std::string::npos) {
      diags.error(c.file, line, "author_roles." + author,
                  "expected the role to show for this author in quotes, such as \"" + author +
                      "\" = \"Programme Office\"");
      continue;
    }
    c.author_roles.push_back({author, *role, line});
  }
  // In the order written (a TOML table keeps its keys sorted), so messages follow the file.
  std::stable_sort(c.author_roles.begin(), c.author_roles.end(),
                   [](const AuthorRole& a, const AuthorRole& b) { return a.line < b.line; });
}

}  // namespace

PortalConfig read_portal_config(const std::optional<SourceFile>& file, const std::string& content_display,
                                Diagnostics& diags) {
  PortalConfig c;
  c.file = file ? file->display_path : content_display + "/portal.toml";
  if (!file) {
    diags.error(content_display + "/portal.toml", 0, "",
                "site settings file not found: create portal.toml in the content folder with "
                "title = \"...\" and authority = \"...\"");
    return c;
  }
  if (file->text.size() > kMaxPortalSettingsBytes) {
    diags.error(file->display_path, 0, "", portal_settings_too_large_message(file->text.size()));
    return c;
  }
  if (auto bad = find_invalid_utf8(file->text)) {
    diags.error(file->display_path, line_at(file->text, *bad), "", "the file is not valid UTF-8 text: save it as UTF-8");
    return c;
  }
  if (auto deep = find_deep_toml_nesting(file->text)) {
    diags.error(file->display_path, *deep, "", "this setting is " + deep_toml_nesting_message());
    return c;
  }
  FrontMatter fm;
  try {
    fm.table = toml::parse(file->text, file->display_path);
  } catch (const toml::parse_error& e) {
    diags.error(file->display_path, static_cast<int>(e.source().begin.line), "",
                std::string("malformed TOML: ") + std::string(e.description()));
    return c;
  }
  FieldReader f(file->display_path, fm, fm.table, diags);
  c.title = f.text("title", true, "\"Children's services improvement\"").value_or("");
  c.authority = f.text("authority", true, "\"Example Council\"").value_or("");
  c.language = f.text("language", false).value_or("en-GB");
  c.base_url = normalise_base_url(f.text("base_url", false).value_or(""), file->display_path,
                                  f.line_of("base_url"), diags);
  c.description = f.text("description", false).value_or("");
  c.contact_email = f.text("contact_email", false).value_or("");
  read_author_settings(f, fm, c, diags);
  for (const char* key : {"judgement_scales", "inspection_kinds", "finding_kinds"}) f.any(key);
  extend_inspection_vocabulary(c.vocabulary, fm.table, fm, file->display_path, diags);
  f.report_unknown_keys();
  return c;
}

}  // namespace scrutiny
