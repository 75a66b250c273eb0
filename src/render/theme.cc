#include "theme.h"

#include <limits>

#include "content_source.h"
#include "input_boundary.h"
#include "input_limits.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

// A partial is used inline, so the newline that ends its file is not part of it.
void add_template(Theme& theme, const std::string& name, std::string text, const std::string& display_path) {
  if (!name.empty() && name[0] == '_' && !text.empty() && text.back() == '\n') text.pop_back();
  theme.templates[name] = std::move(text);
  theme.template_files[name] = display_path;
}

void load_builtin(Theme& theme) {
  for (const EmbeddedFile& f : builtin_theme_files()) {
    fs::path rel(f.path);
    if (f.path.starts_with("templates/"))
      add_template(theme, rel.stem().string(), std::string(f.bytes), "built-in theme: " + std::string(f.path));
    else
      theme.assets[std::string(f.path)] = ThemeAsset{{}, f.bytes, {}};
  }
}

// Loads the templates and assets of one theme folder (`display` as the user names it), every
// file and every link on the way to it checked against `boundary`.
void load_dir(const fs::path& dir, const std::string& display, const InputBoundary& boundary, Theme& theme,
              Diagnostics& diags) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) return;
  std::optional<fs::path> real = boundary.resolve(dir, display, diags);
  if (!real) return;
  const std::string templates_display = display_join(display, "templates");
  if (fs::exists(fs::symlink_status(*real / "templates", ec))) {
    auto only_templates = [](const std::string& rel, bool is_folder) {
      return is_folder || fs::path(rel).extension() != ".mustache";
    };
    for (const auto& f : boundary.list_files(*real / "templates", templates_display, only_templates, diags)) {
      std::string display_path = display_join(templates_display, f.rel);
      auto text = boundary.read_file(f.real, display_path, diags);
      if (!text) continue;
      add_template(theme, fs::path(f.rel).stem().string(), std::move(*text), display_path);
    }
  }
  if (fs::exists(fs::symlink_status(*real / "assets", ec))) {
    auto hidden_file = [](const std::string& rel, bool is_folder) {
      std::string name = fs::path(rel).filename().string();
      return !is_folder && !name.empty() && name[0] == '.';
    };
    for (const auto& f : boundary.list_files(*real / "assets", display_join(display, "assets"), hidden_file, diags))
      theme.assets["assets/" + f.rel] = ThemeAsset{f.real, {}, {}};
  }
}

// The content folder's theme/ as committed at HEAD: the same files load_dir would read.
void load_committed(const CommittedContent& committed, const fs::path& content_dir, Theme& theme,
                    Diagnostics& diags) {
  const std::string dir = kThemeOverrideDir;
  auto none_skipped = [](const std::string&, bool) { return false; };
  for (const CommittedContent::Listed& f : committed.list_files(dir, none_skipped)) {
    const std::string rel = dir + "/" + f.rel;
    if (content_file_kind(rel) != ContentFileKind::theme) continue;
    const std::string display = display_join(content_dir, rel);
    // No size limit, as on disk: an asset may be a large image, and templates are the council's own.
    auto bytes = committed.read_file(f, display, std::numeric_limits<std::uintmax_t>::max(),
                                     document_too_large_message, diags);
    if (!bytes) continue;
    if (f.rel.starts_with("templates/")) add_template(theme, fs::path(f.rel).stem().string(), std::move(*bytes), display);
    else theme.assets[f.rel] = ThemeAsset{{}, {}, std::move(*bytes)};
  }
}

}  // namespace

const std::string* Theme::find_template(const std::string& name) const {
  auto it = templates.find(name);
  return it == templates.end() ? nullptr : &it->second;
}

Theme load_theme(const fs::path& theme_dir, const fs::path& content_dir, Diagnostics& diags,
                 const CommittedContent* committed) {
  Theme theme;
  load_builtin(theme);
  std::error_code ec;
  if (!theme_dir.empty()) {
    if (!fs::is_directory(theme_dir, ec)) {
      diags.error(theme_dir.generic_string(), 0, "",
                  "theme not found: pass a folder holding templates/ or assets/ with --theme DIR, or leave "
                  "--theme out to use the built-in theme");
      return theme;
    }
    // --theme is the user's own choice and may be anywhere, but nothing in it may lead out of it.
    load_dir(theme_dir, display_join(theme_dir, ""), InputBoundary(theme_dir, "the theme folder"), theme, diags);
  }
  if (committed) load_committed(*committed, content_dir, theme, diags);
  else
    load_dir(content_dir / kThemeOverrideDir, display_join(content_dir, kThemeOverrideDir),
             InputBoundary::around_content(content_dir), theme, diags);
  return theme;
}

void require_templates(const Theme& theme, const std::vector<std::string>& names, Diagnostics& diags) {
  // The built-in theme has every built-in kind's template, so a missing one is either a kind
  // added without its template or a binary built from an incomplete source tree.
  for (const std::string& name : names)
    if (!theme.find_template(name))
      diags.error("templates/" + name + ".mustache", 0, "",
                  "required template is missing from the built-in theme: rebuild scrutiny from a complete "
                  "source tree, or add the template to the theme");
}

}  // namespace scrutiny
