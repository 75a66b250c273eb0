#include "content_source.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "input_limits.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string display_join(const fs::path& content_dir, const std::string& rel) {
  std::string base = content_dir.generic_string();
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  return base == "." ? rel : base + "/" + rel;
}

}  // namespace

fs::path containment_root(const fs::path& content_dir) {
  std::error_code ec;
  fs::path dir = fs::canonical(content_dir, ec);
  if (ec) return content_dir;
  for (fs::path p = dir;; p = p.parent_path()) {
    if (fs::exists(p / ".git", ec)) return p;
    if (p == p.parent_path()) break;
  }
  return dir;
}

bool is_within(const fs::path& root, const fs::path& target) {
  auto r = root.begin(), t = target.begin();
  for (; r != root.end(); ++r, ++t) {
    if (t == target.end() || *r != *t) return false;
  }
  return true;
}

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
  const fs::path root = containment_root(content_dir);
  const fs::path canonical_content = fs::canonical(content_dir, ec);

  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(content_dir, fs::directory_options::none, ec), end;
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    fs::path rel = p.lexically_relative(content_dir);
    if (name.empty() || name[0] == '.' || name[0] == '_' ||
        (it.depth() == 0 && name == kThemeOverrideDir)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec)) {
      fs::path target = fs::canonical(p, ec);
      if (ec || !is_within(root, target)) {
        diags.error(display_join(content_dir, rel.generic_string()), 0, "",
                    "symbolic link points outside the repository (" +
                        fs::read_symlink(p, ec).generic_string() +
                        "): copy the file into the content folder instead");
        ec.clear();
        continue;
      }
      if (fs::is_directory(target, ec)) {
        diags.warning(display_join(content_dir, rel.generic_string()), 0, "",
                      "symbolic link to a folder is not followed: move the folder here instead");
        continue;
      }
    }
    if (it->is_regular_file(ec)) files.push_back(p);
  }
  if (ec) diags.error(content_dir.generic_string(), 0, "", "cannot read the content folder: " + ec.message());

  for (const fs::path& p : files) {
    std::string rel = p.lexically_relative(content_dir).generic_string();
    // .MD and .Md too, as Hugo reads them: a document must never be skipped in silence.
    std::string ext = p.extension().string();
    bool is_md = ext.size() == 3 && ext[0] == '.' && (ext[1] | 0x20) == 'm' && (ext[2] | 0x20) == 'd';
    bool is_portal = rel == "portal.toml";
    if (!is_md && !is_portal) continue;
    SourceFile f{rel, display_join(content_dir, rel), ""};
    // Checked before reading, so an oversized file never fills memory.
    std::error_code size_ec;
    const std::uintmax_t size = fs::file_size(p, size_ec);
    if (!size_ec && size > (is_portal ? kMaxPortalSettingsBytes : kMaxDocumentBytes)) {
      diags.error(f.display_path, 0, "",
                  is_portal ? portal_settings_too_large_message(size) : document_too_large_message(size));
      out.portal_refused |= is_portal;
      continue;
    }
    auto text = read_file(p);
    if (!text) {
      diags.error(f.display_path, 0, "", "cannot read this file: check its permissions");
      out.portal_refused |= is_portal;
      continue;
    }
    f.text = std::move(*text);
    if (is_portal) out.portal = std::move(f);
    else out.documents.push_back(std::move(f));
  }
  std::sort(out.documents.begin(), out.documents.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.source_path < b.source_path; });
  (void)canonical_content;
  return out;
}

}  // namespace scrutiny
