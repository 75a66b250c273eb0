#pragma once
// The one check every input file passes: a symbolic link may not lead out of the folder the
// input belongs to, so a committed link can never publish a file of the build machine.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.h"

namespace scrutiny {

// A folder that input files, and every symbolic link on the way to them, must stay inside.
class InputBoundary {
 public:
  // `folder` and everything under it; `name` says what it is in messages ("the repository").
  InputBoundary(const std::filesystem::path& folder, std::string name);

  // The repository holding `content_dir` (its git work tree), or the content folder itself.
  static InputBoundary around_content(const std::filesystem::path& content_dir);

  const std::filesystem::path& root() const { return root_; }

  // Where `path` really is, when that is inside the boundary and exists; otherwise an error on
  // `display` (the path as the user names it) saying why: a link leading outside, into .git,
  // to nothing, or round in a loop.
  std::optional<std::filesystem::path> resolve(const std::filesystem::path& path, const std::string& display,
                                               Diagnostics& diags) const;

  // The bytes of the regular file at `path`, after resolve(); a folder or unreadable file is an
  // error naming `display`.
  std::optional<std::string> read_file(const std::filesystem::path& path, const std::string& display,
                                       Diagnostics& diags) const;

  // Every regular file under `dir` (named `display_dir` in messages), resolved, by path under
  // `dir` in order. `skip(rel, is_folder)` leaves out a file or a whole folder. A folder that
  // cannot be read is named in an error and the rest is still listed; a link to a folder is not
  // followed (warning), so a link cannot make the walk loop.
  struct Listed {
    std::string rel;                    // relative to `dir`, with / separators
    std::filesystem::path real;         // resolved, inside the boundary
  };
  std::vector<Listed> list_files(const std::filesystem::path& dir, const std::string& display_dir,
                                 const std::function<bool(const std::string& rel, bool is_folder)>& skip,
                                 Diagnostics& diags) const;

  // What read_listed found: the bytes, or the size of a file over the limit (nothing read), or
  // neither when an error was reported.
  struct ListedText {
    std::optional<std::string> text;
    std::uintmax_t too_large = 0;  // the file's size when it holds more than the limit
  };
  // The bytes of a file list_files gave, through one descriptor: the walk has already resolved
  // its folder and any link on the way, so it is not resolved again (read_file's realpath and
  // three stats cost more than the read, thousands of times over, on the build's one thread
  // that reads). A file over `max_bytes` is not read. Errors as read_file's, on `display`.
  ListedText read_listed(const Listed& file, std::uintmax_t max_bytes, const std::string& display,
                         Diagnostics& diags) const;

 private:
  std::filesystem::path root_;  // canonical
  std::string name_;
};

// `folder` and `rel` joined as the user would type them ("content" + "a.md" = "content/a.md").
std::string display_join(const std::filesystem::path& folder, const std::string& rel);

}  // namespace scrutiny
