#pragma once
// The records a HistorySnapshot holds: shared by history_index.cc, which makes and reuses them,
// and history_snapshot.cc, which writes and reads them. Not for other stages.

#include <git2/oid.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "history_index.h"
#include "history_snapshot.h"

namespace scrutiny {

// One path changed by one commit. For a commit with one parent (or none) this is the plain
// diff; for a merge, paths that differ from every parent (as `git show` lists).
struct HistoryChange {
  uint32_t commit = 0;
  uint32_t path = 0;          // index into the path table, relative to the repository root
  char status = 'M';          // A, M, D
  bool renamed_away = false;  // a D folded into a rename, for changes_in
  int32_t renamed_from = -1;  // for an A: the index of the D it was renamed from
  uint32_t old_mode = 0, new_mode = 0;
  git_oid old_id{}, new_id{};
};

// Where `git log --follow` went when `path` was created by commit `commit`: found or not, and
// the source. Costly to find (every file of the parent commit is a candidate) and fixed by the
// commit, so kept too.
struct HistoryFollow {
  uint32_t commit = 0;      // index into commits
  std::string path;         // relative to the repository root
  bool found = false;
  std::string source;       // relative to the repository root
  bool source_deleted = false;
};

struct HistorySnapshot::Data {
  std::string repository;  // the repository's git folder, canonical: a snapshot is for one
  std::string prefix;      // content folder relative to the work tree, "" or ending in '/'
  std::vector<CommitInfo> commits;                      // in git log's order
  std::vector<git_oid> tree_ids;                        // per commit
  std::vector<std::optional<git_oid>> parent_tree_ids;  // the parent's tree, for one parent
  std::vector<uint32_t> change_begin;                   // commits.size() + 1 offsets
  std::vector<HistoryChange> changes;
  std::vector<std::string> paths;
  std::vector<HistoryFollow> follows;  // in no particular order
};

// The first line of a commit message, as `git log --format=%s` shows it for one-line subjects.
std::string commit_summary(const std::string& message);

}  // namespace scrutiny
