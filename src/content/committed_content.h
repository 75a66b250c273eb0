#pragma once
// The content folder as committed at HEAD, read from git instead of the disk, so the same
// commit always gives the same site and nothing uncommitted goes live with a committed date.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.h"

namespace scrutiny {

// A file of the content folder whose working-tree state is not what HEAD holds.
struct UncommittedFile {
  enum class Change { modified, added, deleted };
  std::string rel;  // relative to the content folder, with / separators
  Change change = Change::modified;
};

// The tree of HEAD at the content folder's place in its repository, and the files of the work
// tree that differ from it.
class CommittedContent {
 public:
  // Nothing when `content_dir` is not in a git work tree or its repository has no commit yet:
  // then there is nothing committed, and the files on disk are all there is.
  static std::optional<CommittedContent> open(const std::filesystem::path& content_dir);

  CommittedContent(CommittedContent&&) noexcept;
  CommittedContent& operator=(CommittedContent&&) noexcept;
  ~CommittedContent();

  // The full id of the commit the files are read from.
  const std::string& commit_id() const;
  // Whether HEAD holds the content folder at all (a folder not yet committed does not).
  bool has_folder() const;

  // One file of the committed tree.
  struct Listed {
    std::string rel;       // relative to the content folder, with / separators
    std::string blob;      // 40-hex blob id
    bool link = false;     // a symbolic link, committed as the text of its target
  };
  // Every file under `dir` (relative to the content folder; "" for all of it), in path order;
  // `skip(rel, is_folder)` leaves out a file or a whole folder, as InputBoundary::list_files.
  // Submodules are not listed.
  std::vector<Listed> list_files(const std::string& dir,
                                 const std::function<bool(const std::string& rel, bool is_folder)>& skip) const;
  // Whether `rel` (relative to the content folder) is a folder in the committed tree.
  bool is_folder(const std::string& rel) const;
  // The committed bytes of `file`. A symbolic link, or a blob larger than `max_bytes` (reported
  // with `too_large(size)`), is an error on `display` and gives nothing.
  std::optional<std::string> read_file(const Listed& file, const std::string& display, std::uintmax_t max_bytes,
                                       const std::function<std::string(std::uintmax_t)>& too_large,
                                       Diagnostics& diags) const;

  // Files under the content folder that are changed, new (untracked or only staged) or deleted
  // in the work tree compared with HEAD, in path order; ignored files are not among them.
  std::vector<UncommittedFile> uncommitted_files() const;

 private:
  struct Impl;
  explicit CommittedContent(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One warning naming the `files` (relative to `content_dir`) a committed build leaves out,
// and saying how to publish them (commit) or preview them (--working-tree). Nothing when none.
void warn_uncommitted(const std::vector<UncommittedFile>& files, const std::filesystem::path& content_dir,
                      Diagnostics& diags);

}  // namespace scrutiny
