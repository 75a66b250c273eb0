#include "content_source.h"

#include <algorithm>

#include "input_boundary.h"

namespace scrutiny {
namespace fs = std::filesystem;

ContentSource read_content(const fs::path& content_dir, Diagnostics& diags) {
  ContentSource out;
  out.root = content_dir;
  std::error_code ec;
  if (!fs::is_directory(content_dir, ec)) {
    diags.error(content_dir.generic_string(), 0, "",
                "content folder not found: pass the folder holding your Markdown documents with "
                "--content DIR");
    return out;
  }
  const InputBoundary boundary = InputBoundary::around_content(content_dir);
  const std::string display = display_join(content_dir, "");

  auto skip = [](const std::string& rel, bool) {
    std::string name = fs::path(rel).filename().string();
    return name.empty() || name[0] == '.' || name[0] == '_' || rel == kThemeOverrideDir;
  };
  for (const InputBoundary::Listed& f : boundary.list_files(content_dir, display, skip, diags)) {
    bool is_portal = f.rel == "portal.toml";
    if (fs::path(f.rel).extension() != ".md" && !is_portal) continue;
    SourceFile file{f.rel, display_join(content_dir, f.rel), ""};
    auto text = boundary.read_file(f.real, file.display_path, diags);
    if (!text) continue;
    file.text = std::move(*text);
    if (is_portal) out.portal = std::move(file);
    else out.documents.push_back(std::move(file));
  }

  // portal.toml is "not found" only when nothing by that name is there; a folder, a refused link
  // or an unreadable folder above it has its own message.
  const fs::path portal = content_dir / "portal.toml";
  if (!out.portal) {
    fs::file_status st = fs::symlink_status(portal, ec);
    if (fs::is_directory(st))
      diags.error(display_join(content_dir, "portal.toml"), 0, "",
                  "this is a folder, but the site settings must be a file: move what the folder holds "
                  "elsewhere and create portal.toml as a file");
    out.portal_refused = fs::exists(st) || (ec && ec != std::errc::no_such_file_or_directory &&
                                            ec != std::errc::not_a_directory);
  }
  std::sort(out.documents.begin(), out.documents.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.source_path < b.source_path; });
  return out;
}

}  // namespace scrutiny
