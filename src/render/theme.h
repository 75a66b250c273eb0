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
  std::map<std::string, std::filesystem::path> assets;

  const std::string* find_template(const std::string& name) const;
};

// Loads `theme_dir`, then lets `override_dir` (content/theme/) replace any file by name.
// Missing required templates are errors.
Theme load_theme(const std::filesystem::path& theme_dir, const std::filesystem::path& override_dir,
                 Diagnostics& diags);

}  // namespace scrutiny
