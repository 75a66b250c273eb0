#pragma once
// The git history of a content folder, read once from HEAD and indexed by file.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "diagnostic.h"
#include "history_snapshot.h"

namespace scrutiny {

// One commit as readers see it.
struct CommitInfo {
  std::string id;                // full 40-hex id
  std::vector<std::string> parents;
  long long author_time = 0;     // seconds since the Unix epoch
  int author_offset = 0;         // minutes east of UTC
  long long commit_time = 0;
  int commit_offset = 0;
  std::string author_name;
  std::string author_email;
  std::string summary;           // first line of the message
  std::string message;           // whole message
  // Older history is not in this copy: a shallow clone's cut-off commit, or one whose parents
  // are missing. What it "adds" may be older than it.
  bool history_cut_off = false;
};

// A commit that changed one file, and where the file was in that commit.
struct FileRevision {
  size_t commit = 0;             // index into HistoryIndex::commits()
  std::string path;              // path relative to the content folder in that commit
  std::string blob;              // 40-hex blob id of the file after the commit; empty if deleted
  char change = 'M';             // 'A' added, 'M' modified, 'D' deleted, 'R' renamed into path,
                                 // 'C' copied into path (in revisions_of only: the source, at
                                 // the next older revision's path, still exists; git log
                                 // --follow follows copies as well as renames)
};

// Every commit reachable from HEAD and, per file, the commits that changed it.
class HistoryIndex {
 public:
  // Walks history once. Outside a repository, with no commits or with a shallow clone it
  // still returns an index (possibly empty) and adds a warning saying what is missing.
  static HistoryIndex open(const std::filesystem::path& content_dir, Diagnostics& diags);
  // The same index, reading from git only the commits `known` (a snapshot of an earlier
  // index, or null) lacks. A snapshot of another repository or content folder is ignored.
  static HistoryIndex open(const std::filesystem::path& content_dir, Diagnostics& diags,
                           const HistorySnapshot* known);

  HistoryIndex();
  ~HistoryIndex();
  HistoryIndex(HistoryIndex&&) noexcept;
  HistoryIndex& operator=(HistoryIndex&&) noexcept;

  bool available() const;        // a repository with at least one commit
  bool shallow() const;          // history is cut short (shallow clone)
  const CommitInfo* head() const;  // nullptr when not available
  // Newest first, in the order `git log` lists them.
  const std::vector<CommitInfo>& commits() const;
  // The commits that changed the file now at `path` (relative to the content folder),
  // newest first, following renames: same members and order as
  // `git log --follow --format=%H -- <path>` run in the content folder.
  std::vector<FileRevision> revisions_of(const std::string& path) const;
  // Paths (relative to the content folder) changed by commit `index`, with their change kinds.
  std::vector<FileRevision> changes_in(size_t commit_index) const;
  // What the next open() may reuse; empty when the history is incomplete (a shallow clone, a
  // missing commit), which is always read again.
  HistorySnapshot snapshot() const;
  // How many commits open() read from git rather than from the snapshot it was given.
  size_t commits_read() const;
  // The bytes of a blob, for rendering an earlier revision.
  std::string read_blob(const std::string& blob_id) const;
  // Closes the repository handles the reading opened, with their caches (trees, blobs, git's
  // own): tens of megabytes at national scale that a build no longer needs once every
  // document's revisions are read. (--follow's blob sketches stay: a few MiB.) Everything the
  // pages and snapshot() read stays; a later call reads git again, through a fresh handle.
  // Not while another call runs.
  void release_caches();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scrutiny
