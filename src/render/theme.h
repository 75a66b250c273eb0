#pragma once
// A theme's templates and assets, with the content folder's own files taking precedence.

#include <filesystem>
#include <map>
#include <string>

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
// Missing required templates are errors, as is a symbolic link leading out of the theme folder
// (for theme_dir) or out of the content repository (for the override).
Theme load_theme(const std::filesystem::path& theme_dir, const std::filesystem::path& content_dir,
                 Diagnostics& diags);

}  // namespace scrutiny
