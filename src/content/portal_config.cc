#include "portal_config.h"

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

PortalConfig read_portal_config(const std::optional<SourceFile>& file, const std::string& content_display,
                                Diagnostics& diags) {
  PortalConfig c;
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
  c.show_author_emails = f.boolean("show_author_emails").value_or(false);
  f.report_unknown_keys();
  return c;
}

}  // namespace scrutiny
