#include "theme.h"

#include <fstream>
#include <sstream>

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

const char* const kRequiredTemplates[] = {"layout", "home", "inspection", "recommendation", "plan",
                                          "theme", "action", "update", "page", "list", "not_found",
                                          "history", "revision", "changes", "commit", "moved_deadlines",
                                          "filtered", "progress", "overdue", "timeline", "search", "a_z"};

void load_dir(const fs::path& dir, Theme& theme, Diagnostics& diags) {
  std::error_code ec;
  if (fs::is_directory(dir / "templates")) {
    for (const auto& e : fs::directory_iterator(dir / "templates", ec)) {
      if (e.path().extension() != ".mustache") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      std::string name = e.path().stem().string(), text = ss.str();
      // A partial is used inline, so the newline that ends its file is not part of it.
      if (!name.empty() && name[0] == '_' && !text.empty() && text.back() == '\n') text.pop_back();
      theme.templates[name] = std::move(text);
    }
  }
  if (fs::is_directory(dir / "assets")) {
    for (auto it = fs::recursive_directory_iterator(dir / "assets", ec); it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (ec) break;
      if (!it->is_regular_file(ec)) continue;
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') continue;
      theme.assets["assets/" + it->path().lexically_relative(dir / "assets").generic_string()] = it->path();
    }
  }
  if (ec) diags.error(dir.generic_string(), 0, "", "cannot read theme folder: " + ec.message());
}

}  // namespace

const std::string* Theme::find_template(const std::string& name) const {
  auto it = templates.find(name);
  return it == templates.end() ? nullptr : &it->second;
}

Theme load_theme(const fs::path& theme_dir, const fs::path& override_dir, Diagnostics& diags) {
  Theme theme;
  std::error_code ec;
  if (!fs::is_directory(theme_dir / "templates", ec)) {
    diags.error(theme_dir.generic_string(), 0, "",
                "theme not found: pass the folder holding templates/ and assets/ with --theme DIR");
    return theme;
  }
  load_dir(theme_dir, theme, diags);
  load_dir(override_dir, theme, diags);
  for (const char* name : kRequiredTemplates)
    if (!theme.find_template(name))
      diags.error((theme_dir / "templates" / (std::string(name) + ".mustache")).generic_string(), 0, "",
                  "required template is missing: restore it from themes/default/templates");
  return theme;
}

}  // namespace scrutiny
