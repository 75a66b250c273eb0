#pragma once
// A theme's templates and assets: the built-in theme, overridden file by file by a --theme
// folder and then by the content folder's own theme/.

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "committed_content.h"
#include "diagnostic.h"
#include "embedded_file.h"

namespace scrutiny {

// One asset as the site gets it: a file of an override folder, its bytes as committed, or the
// built-in bytes.
struct ThemeAsset {
  std::filesystem::path file;  // resolved, inside its theme folder; empty for other assets
  std::string_view builtin;    // the built-in asset's bytes, when `file` is empty and not committed
  std::optional<std::string> committed;  // the content folder's theme/ file as committed at HEAD
};

// Template sources by name ("action" for templates/action.mustache) and asset files by
// output path ("assets/style.css"), after overrides.
struct Theme {
  std::map<std::string, std::string> templates;
  std::map<std::string, ThemeAsset> assets;
  std::map<std::string, std::string> template_files;  // "page" -> "content/theme/templates/page.mustache"

  const std::string* find_template(const std::string& name) const;
};

// The default theme (themes/default: templates/*.mustache and assets/*), compiled into the
// binary byte for byte, so scrutiny needs nothing installed beside it.
std::span<const EmbeddedFile> builtin_theme_files();

// Starts from the built-in theme, lets `theme_dir` (when not empty: --theme) replace or add any
// file by name, then the content folder's theme/. A --theme that is not a folder is an error,
// as is a symbolic link leading out of the theme folder (for theme_dir) or out of the content
// repository (for the override). With `committed`, the content folder's theme/ is read as
// committed at HEAD, as the documents are, and a link there is refused.
Theme load_theme(const std::filesystem::path& theme_dir, const std::filesystem::path& content_dir,
                 Diagnostics& diags, const CommittedContent* committed = nullptr);

// Each of `names` the theme lacks is an error. The names come from the page registry
// (required_templates in page_kinds.h), so a new kind of page needs no edit here.
void require_templates(const Theme& theme, const std::vector<std::string>& names, Diagnostics& diags);

}  // namespace scrutiny
