#pragma once
// The build: content folder in, whole site out (or, for `check`, only the diagnostics).

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "as_at.h"
#include "diagnostic.h"
#include "page_kind.h"
#include "page_manifest.h"

namespace scrutiny {

class HistorySnapshot;

// The steps a build reports, in the order it takes them.
enum class BuildStep { documents, history, pages };

// A step's progress as the person running the build sees it: begun (done 0, not finished),
// pages written so far (pages only; `total` is known from the start), then finished with its
// count (documents read, commits read, pages written) and how long it took.
struct BuildProgress {
  BuildStep step = BuildStep::documents;
  size_t done = 0;
  size_t total = 0;  // 0 while not yet known
  bool finished = false;
  double seconds = 0;
};

// Told of each step as the build goes; may be called from several threads while pages are
// written, never two calls at once.
using BuildProgressListener = std::function<void(const BuildProgress&)>;

// A build's site and page manifest, kept in memory for the next build into another folder
// (serve puts each preview in a folder of its own).
struct PreviousBuild {
  std::filesystem::path site;
  std::optional<PageManifest> manifest;
};

// What `scrutiny build` and `scrutiny check` are asked to do.
struct BuildOptions {
  std::filesystem::path content_dir = "content";
  std::filesystem::path theme_dir;  // --theme, over the built-in theme; empty for none
  std::filesystem::path out_dir = "site";
  std::string base_url;  // overrides portal.toml when set
  bool write = true;     // false for `check`
  // Told when the build waits for another build into the same output folder.
  std::function<void(const std::string&)> notice;
  // Kinds of page added to the built-in ones (page_kinds.h): a test's, say.
  std::vector<const PageKind*> extra_kinds;
  // false for `build --no-history`: git is not read, so there are no history, revision or
  // change pages, and the as-at date is the latest date in the content.
  bool read_history = true;
  BuildProgressListener progress;  // optional
  // `build --working-tree`: the files on disk, committed or not, each document not yet
  // committed marked so on its page. Otherwise, in a git repository, the content as committed
  // at HEAD is built and uncommitted changes are left out (with a warning naming them).
  bool working_tree = false;
  // --as-at: the date the site stands at, instead of HEAD's commit date (or, without history,
  // the latest date in the content).
  std::optional<AsAtChoice> as_at;
  // Pages whose keys (page_key.h) are those a previous build recorded in its page manifest
  // are not built: the spare site's file is kept, or the site in place's copied (serve: linked,
  // and so are other files whose bytes are unchanged). False for `build --cold`, which builds
  // every page; either way, a file already holding the right bytes is not written again.
  bool reuse_unchanged_files = true;
  // When set, the previous site is this one and its manifest this one, rather than the output
  // folder and the manifest in its cache folder; a successful build replaces it with its own.
  PreviousBuild* previous = nullptr;
  // The history the last build into this --out read (`history-index` in its cache folder) is
  // reused, so only newer commits are read from git; false for `build --cold`, which reads the
  // whole history and rewrites the file.
  bool reuse_history = true;
  // serve: the history its previous build read, kept in memory instead of the file, and
  // replaced by what this build read. Not owned; builds using it must not run at once.
  HistorySnapshot* kept_history = nullptr;
  // serve: the old revisions its previous build parsed (the bytes of the `parsed-revisions`
  // file a build keeps in its cache folder otherwise), replaced by this build's. Not owned.
  std::string* kept_revisions = nullptr;
};

// What a build produced, for the summary line.
struct BuildResult {
  std::map<std::string, size_t> pages_by_kind;  // "action" -> 24, "list" -> 4, ...
  size_t pages = 0;
  size_t files = 0;
  std::string content_as_at;  // set when the as-at date came from the content, not a commit
  std::vector<BuildProgress> steps;  // each step taken, finished, for the summary's timings
  size_t uncommitted_documents = 0;  // --working-tree: documents marked as not yet committed
  size_t history_commits_read = 0;  // of the commits in the history, those read from git
  // Of the old revisions, those taken as the last build parsed them rather than read from git
  // and parsed again (reuse_history; parsed-revisions in the cache folder, or kept_revisions).
  size_t revisions_kept = 0;
  // Of `files`, those left as they were in the spare site (spare_site.h), or linked from the
  // previous site (serve), rather than written.
  size_t files_reused = 0;
  // Of `pages`, those kept from the previous site because their keys were unchanged: without
  // building them at all, or built but not rendered.
  size_t pages_not_built = 0, pages_not_rendered = 0;
};

// Runs every check and, when nothing is wrong and `write` is set, writes the site into a
// staging folder and swaps it into place in one atomic step, holding a lock on the output
// folder throughout. On any error the old site is left untouched.
BuildResult build_site(const BuildOptions& options, Diagnostics& diags);

}  // namespace scrutiny
