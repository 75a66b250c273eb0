#include "content_source.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "input_boundary.h"
#include "input_limits.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

bool skipped_name(const std::string& rel) {
  std::string name = fs::path(rel).filename().string();
  return name.empty() || name[0] == '.' || name[0] == '_';
}

// Walks the content folder, leaving out the theme override and archetypes folders.
bool skipped_in_walk(const std::string& rel, bool) {
  return skipped_name(rel) || rel == kThemeOverrideDir || rel == kArchetypesDir;
}

bool is_markdown(const std::string& rel) {
  // .MD and .Md too, as Hugo reads them: a document must never be skipped in silence.
  std::string ext = fs::path(rel).extension().string();
  return ext.size() == 3 && ext[0] == '.' && (ext[1] | 0x20) == 'm' && (ext[2] | 0x20) == 'd';
}

void sort_documents(ContentSource& out) {
  std::sort(out.documents.begin(), out.documents.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.source_path < b.source_path; });
}

}  // namespace

ContentFileKind content_file_kind(const std::string& rel) {
  if (rel == "portal.toml" || rel == kWithdrawnFile) return ContentFileKind::settings;
  const std::string theme = std::string(kThemeOverrideDir) + "/";
  if (rel.compare(0, theme.size(), theme) == 0) {
    // As the theme loader reads an override folder: templates/*.mustache and assets/*.
    const std::string inner = rel.substr(theme.size());
    if (inner.rfind("templates/", 0) == 0 && fs::path(inner).extension() == ".mustache")
      return ContentFileKind::theme;
    if (inner.rfind("assets/", 0) == 0 && fs::path(inner).filename().string()[0] != '.')
      return ContentFileKind::theme;
    return ContentFileKind::none;
  }
  for (size_t from = 0;;) {  // a skipped folder anywhere on the way skips the file
    size_t slash = rel.find('/', from);
    std::string part = rel.substr(0, slash);
    if (skipped_in_walk(part, slash != std::string::npos)) return ContentFileKind::none;
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  return is_markdown(rel) ? ContentFileKind::document : ContentFileKind::none;
}

std::vector<UncommittedFile> content_inputs(std::vector<UncommittedFile> files) {
  std::erase_if(files, [](const UncommittedFile& f) { return content_file_kind(f.rel) == ContentFileKind::none; });
  return files;
}

void mark_uncommitted(ContentSource& source, const std::vector<UncommittedFile>& files) {
  std::set<std::string_view> changed;
  for (const UncommittedFile& u : files) changed.insert(u.rel);
  for (SourceFile& f : source.documents) f.uncommitted = changed.count(f.source_path) > 0;
}

ContentSource read_content(const CommittedContent& committed, const fs::path& content_dir, Diagnostics& diags) {
  ContentSource out;
  out.root = content_dir;
  if (!committed.has_folder()) {
    diags.error(display_join(content_dir, ""), 0, "",
                "nothing in this folder is committed yet, and only what is committed is published: commit "
                "the documents and portal.toml, or preview them with scrutiny serve (or build --working-tree)");
    out.portal_refused = true;
    return out;
  }
  for (const CommittedContent::Listed& f : committed.list_files("", skipped_in_walk)) {
    const ContentFileKind kind = content_file_kind(f.rel);
    if (kind != ContentFileKind::document && kind != ContentFileKind::settings) continue;
    const bool is_settings = kind == ContentFileKind::settings;
    const bool is_portal = f.rel == "portal.toml";
    SourceFile file{f.rel, display_join(content_dir, f.rel), ""};
    auto too_large = [&](std::uintmax_t size) {
      return is_settings ? settings_too_large_message(size, f.rel) : document_too_large_message(size);
    };
    auto text = committed.read_file(f, file.display_path, is_settings ? kMaxPortalSettingsBytes : kMaxDocumentBytes,
                                    too_large, diags);
    if (!text) {
      out.portal_refused |= is_portal;
      continue;
    }
    file.text = std::move(*text);
    if (is_portal) out.portal = std::move(file);
    else if (is_settings) out.withdrawn = std::move(file);
    else out.documents.push_back(std::move(file));
  }
  if (!out.portal && committed.is_folder("portal.toml")) {
    diags.error(display_join(content_dir, "portal.toml"), 0, "",
                "this is a folder, but the site settings must be a file: move what the folder holds "
                "elsewhere and create portal.toml as a file");
    out.portal_refused = true;
  }
  sort_documents(out);
  return out;
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
  const InputBoundary boundary = InputBoundary::around_content(content_dir);
  const std::string display = display_join(content_dir, "");

  for (const InputBoundary::Listed& f : boundary.list_files(content_dir, display, skipped_in_walk, diags)) {
    bool is_portal = f.rel == "portal.toml";
    bool is_withdrawn = f.rel == kWithdrawnFile;
    if (!is_markdown(f.rel) && !is_portal && !is_withdrawn) continue;
    SourceFile file{f.rel, display_join(content_dir, f.rel), ""};
    // Its size checked before reading, so an oversized file never fills memory.
    const bool is_settings = is_portal || is_withdrawn;
    InputBoundary::ListedText read = boundary.read_listed(
        f, is_settings ? kMaxPortalSettingsBytes : kMaxDocumentBytes, file.display_path, diags);
    if (read.too_large)
      diags.error(file.display_path, 0, "",
                  is_settings ? settings_too_large_message(read.too_large, f.rel)
                              : document_too_large_message(read.too_large));
    if (!read.text) {
      out.portal_refused |= is_portal;
      continue;
    }
    file.text = std::move(*read.text);
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
  sort_documents(out);
  return out;
}

}  // namespace scrutiny
