#pragma once
// A theme's templates and assets, with the content folder's own files taking precedence.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "diagnostic.h"

namespace scrutiny {

// Template sources by name ("action" for templates/action.mustache) and asset files by
// output path ("assets/style.css"), after overrides.
struct Theme {
  std::map<std::string, std::string> templates;
  std::map<std::string, std::filesystem::path> assets;  // resolved: inside their theme folder
  std::map<std::string, std::string> template_files;   // "page" -> "content/theme/templates/page.mustache"

  const std::string* find_template(const std::string& name) const;
};

// Loads `theme_dir`, then lets the content folder's theme/ replace any file by name.
// A symbolic link leading out of the theme folder (for theme_dir) or out of the content
// repository (for the override) is an error.
Theme load_theme(const std::filesystem::path& theme_dir, const std::filesystem::path& content_dir,
                 Diagnostics& diags);

// Each of `names` the theme lacks is an error. The names come from the page registry
// (required_templates in page_kinds.h), so a new kind of page needs no edit here.
void require_templates(const Theme& theme, const std::filesystem::path& theme_dir,
                       const std::vector<std::string>& names, Diagnostics& diags);

}  // namespace scrutiny
