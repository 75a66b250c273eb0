#pragma once
// Finds and reads the files of a content folder: documents, site settings, theme overrides.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "committed_content.h"
#include "diagnostic.h"

namespace scrutiny {

// One file's bytes and the two names it goes by.
struct SourceFile {
  std::string source_path;   // relative to the content folder, with / separators
  std::string display_path;  // as the user would type it: "content/actions/a01.md"
  std::string text;
  bool uncommitted = false;  // --working-tree: the file differs from HEAD or is not in git yet
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

// What a file of the content folder is to a build, by its path relative to the folder.
enum class ContentFileKind { none, document, settings, theme };
ContentFileKind content_file_kind(const std::string& rel);

// Walks `content_dir`. Names starting with . or _ are skipped, as are the theme override and
// archetypes folders.
// A symbolic link that leads outside the repository holding the content is refused
// (InputBoundary::around_content).
ContentSource read_content(const std::filesystem::path& content_dir, Diagnostics& diags);

// The same files as committed at HEAD (`committed`, opened from `content_dir`), so the same
// commit always gives the same site; messages name the files as read_content's do. A file
// committed as a symbolic link is refused.
ContentSource read_content(const CommittedContent& committed, const std::filesystem::path& content_dir,
                           Diagnostics& diags);

// Of `files`, those a build reads (documents, portal.toml, theme overrides).
std::vector<UncommittedFile> content_inputs(std::vector<UncommittedFile> files);

// Marks each file of `source` that is among `files` as not yet committed.
void mark_uncommitted(ContentSource& source, const std::vector<UncommittedFile>& files);

}  // namespace scrutiny
