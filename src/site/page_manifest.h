#pragma once
// The page manifest: each page's key and file as one build wrote them, kept in the build
// cache folder so the next build into the same folder can keep the pages whose keys it finds
// unchanged, rather than build them again.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "output_folder.h"

namespace scrutiny {

// The manifest's file in the cache folder (OutputFolder::cache_folder): the site in place's,
// and the spare site's (spare_site.h), which was the site in place before.
inline constexpr const char* kPageManifestFile = "page-keys";
inline constexpr const char* kSpareManifestFile = "spare-keys";

struct PageManifest {
  struct Page {
    std::string key;    // key_from_inputs or key_from_view (page_key.h)
    FileIdentity file;  // the file it was written to
  };
  // The marker file of the site the manifest describes: it is trusted for that site only.
  FileIdentity site;
  std::unordered_map<std::string, Page> pages;  // by output path

  // The page written at `path`, or null.
  const Page* find(const std::string& path) const {
    auto it = pages.find(path);
    return it == pages.end() ? nullptr : &it->second;
  }
};

// One header line, the site's line, then one line per page in path order.
std::string page_manifest_text(const PageManifest& manifest);
// Nothing when `text` is not exactly such a manifest: it is read as untrusted input, and any
// doubt means building every page, as without one.
std::optional<PageManifest> parse_page_manifest(std::string_view text);

// Reads the manifest in `cache_folder`; nothing when it is missing, too big or not valid.
std::optional<PageManifest> read_page_manifest(const std::filesystem::path& cache_folder,
                                               const char* file = kPageManifestFile);
// Writes it into `cache_folder` (made when missing) in one atomic step: a temporary file
// renamed over the old one. False when it could not be written, which costs the next build
// only time.
bool write_page_manifest(const std::filesystem::path& cache_folder, const PageManifest& manifest,
                         const char* file = kPageManifestFile);

}  // namespace scrutiny
