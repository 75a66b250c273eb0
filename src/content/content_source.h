#pragma once
// Finds and reads the files of a content folder: documents, site settings, theme overrides.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.h"

namespace scrutiny {

// One file's bytes and the two names it goes by.
struct SourceFile {
  std::string source_path;   // relative to the content folder, with / separators
  std::string display_path;  // as the user would type it: "content/actions/a01.md"
  std::string text;
};

// Everything read from a content folder, in path order.
struct ContentSource {
  std::filesystem::path root;
  std::vector<SourceFile> documents;  // every .md file
  std::optional<SourceFile> portal;   // portal.toml
  bool portal_refused = false;        // portal.toml is there but could not be read: already reported
  std::optional<SourceFile> withdrawn;  // withdrawn.toml (withdrawals_file.h), when there is one
};

// The file at the content folder's top that lists withdrawn revisions.
inline constexpr const char* kWithdrawnFile = "withdrawn.toml";

// Folder (under the content folder) whose files override the theme's, file by file.
inline constexpr const char* kThemeOverrideDir = "theme";
// Folder (under the content folder) of the portal's own archetypes for `scrutiny new`.
inline constexpr const char* kArchetypesDir = "archetypes";

// Walks `content_dir`. Names starting with . or _ are skipped, as are the theme override and
// archetypes folders.
// A symbolic link that leads outside the repository holding the content is refused
// (InputBoundary::around_content).
ContentSource read_content(const std::filesystem::path& content_dir, Diagnostics& diags);

}  // namespace scrutiny
