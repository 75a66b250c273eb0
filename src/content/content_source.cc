#include "content_source.h"

#include <algorithm>

#include "input_boundary.h"
#include "input_limits.h"

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
    return name.empty() || name[0] == '.' || name[0] == '_' || rel == kThemeOverrideDir || rel == kArchetypesDir;
  };
  for (const InputBoundary::Listed& f : boundary.list_files(content_dir, display, skip, diags)) {
    bool is_portal = f.rel == "portal.toml";
    bool is_withdrawn = f.rel == kWithdrawnFile;
    // .MD and .Md too, as Hugo reads them: a document must never be skipped in silence.
    std::string ext = fs::path(f.rel).extension().string();
    bool is_md = ext.size() == 3 && ext[0] == '.' && (ext[1] | 0x20) == 'm' && (ext[2] | 0x20) == 'd';
    if (!is_md && !is_portal && !is_withdrawn) continue;
    SourceFile file{f.rel, display_join(content_dir, f.rel), ""};
    // Checked before reading, so an oversized file never fills memory.
    std::error_code size_ec;
    const std::uintmax_t size = fs::file_size(f.real, size_ec);
    const bool is_settings = is_portal || is_withdrawn;
    if (!size_ec && size > (is_settings ? kMaxPortalSettingsBytes : kMaxDocumentBytes)) {
      diags.error(file.display_path, 0, "",
                  is_settings ? settings_too_large_message(size, f.rel) : document_too_large_message(size));
      out.portal_refused |= is_portal;
      continue;
    }
    auto text = boundary.read_file(f.real, file.display_path, diags);
    if (!text) {
      out.portal_refused |= is_portal;
      continue;
    }
    file.text = std::move(*text);
    if (is_portal) out.portal = std::move(file);
    else if (is_withdrawn) out.withdrawn = std::move(file);
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
