#pragma once
// Builds the site into a temporary folder beside the destination and swaps it in, in one
// atomic step, only when the whole build succeeded, so readers never see a half-written site
// and a crash at any moment leaves a whole site (old or new) in place or recoverable.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "diagnostic.h"
#include "spare_site.h"

namespace scrutiny {

// A message for the person running the build while it happens (say, that it is waiting).
using BuildNotice = std::function<void(const std::string&)>;

// How commit() puts the new site in place: one atomic exchange where the filesystem offers it,
// else two renames that a crash can interrupt but the next build repairs. Tests force the second.
enum class SwapMethod { exchange, two_renames };

// Which file a path held when it was written: a file replaced or changed since differs in one
// of these (an edit in place changes its modification time).
struct FileIdentity {
  uint64_t device = 0, inode = 0, size = 0;
  int64_t modified_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};

// A site being written. Files go to a staging folder until commit().
class OutputFolder {
 public:
  // The folder --out names, normalised ("site/" is "site") and, when --out is a symlink to a
  // folder, that folder, so the link is kept and its target is what gets replaced. Empty, with
  // an error, when --out could never safely hold the site: the folder scrutiny runs in, the
  // content or theme folder (`inputs`), or a folder that contains one of them.
  static std::filesystem::path resolve_destination(const std::filesystem::path& out,
                                                   const std::vector<std::filesystem::path>& inputs,
                                                   Diagnostics& diags);

  // Where builds into `destination` keep what they learned for the next build (the history read,
  // each page's inputs): `.NAME.cache` beside it, like the lock and the staging folders.
  static std::filesystem::path cache_folder(const std::filesystem::path& destination);

  // Refuses (with an error) a destination that exists, is not empty and was not built by
  // scrutiny, so a mistyped --out never deletes someone's files.
  static bool check_destination(const std::filesystem::path& destination, Diagnostics& diags);

  // Takes the lock beside `destination` (waiting, with a notice, while another build into it
  // runs), puts back a site a killed build left aside, removes staging folders killed builds
  // left behind, checks the destination and creates this build's staging folder.
  OutputFolder(std::filesystem::path destination, Diagnostics& diags, BuildNotice notice = {},
               SwapMethod swap = SwapMethod::exchange);
  ~OutputFolder();  // removes the staging folder unless committed, then releases the lock
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  bool ok() const { return ok_; }

  // Makes the spare site (spare_site.h), when there is one, the staging folder, so its files
  // are rewritten in place rather than created anew, and from then on has commit() keep the
  // site it replaces as the next spare (and a failed build give the spare back). Files are
  // never hard-linked from the site in place then: their bytes are copied, so the two folders
  // share nothing. Call before anything is written.
  void take_spare(Diagnostics& diags);
  // The site this build replaces is removed rather than kept as the spare: after a new
  // withdrawal it still shows the withdrawn text, which must not stay beside the output.
  void remove_replaced_site() { keep_replaced_ = false; }
  const std::filesystem::path& staging() const { return staging_; }

  // Writes one file; `path` is relative to the site root. Safe to call from several threads.
  // Paths that would leave the site are refused with an error. `file`, when given, is told
  // which file now holds it.
  void write(std::string_view path, std::string_view content, Diagnostics& diags, FileIdentity* file = nullptr);
  void copy_file(const std::filesystem::path& from, std::string_view path, Diagnostics& diags);

  size_t files_written() const { return files_; }

  // From now on, a file whose bytes are the same as the previous site's file at the same path
  // is hard-linked from the previous site instead of written: the new site is byte for byte
  // what writing would give, but costs no new inode (creating inodes is most of a big build's
  // system time). Does nothing on a first build, or when the previous site is not scrutiny's.
  // Linked files are never written through, so the previous site stays as it was until
  // commit() replaces it, and a failed build leaves it untouched. `previous`, when given, is
  // the site to reuse files from instead of the destination (serve builds each preview into
  // a folder of its own).
  void reuse_unchanged_files(const std::filesystem::path& previous = {});
  size_t files_reused() const { return reused_; }

  // The previous site's marker file, which names that very site (a site built since, or
  // copied in, has another), once reuse_unchanged_files found one; else nothing.
  std::optional<FileIdentity> previous_site() const { return previous_site_; }
  // This build's marker file, which the site keeps once committed.
  std::optional<FileIdentity> this_site() const;

  // Hard-links the previous site's file at `path` into the new site, unread, when it is still
  // exactly `expected` (the file a page of the same inputs was written to) and a file this
  // build could have written (a regular file of this user with the same permissions); false
  // otherwise, and then the page must be written. Safe to call from several threads.
  // Rewriting a spare, the file's bytes are copied in instead, and `file` is told which file
  // now holds them.
  bool link_previous(std::string_view path, const FileIdentity& expected, Diagnostics& diags,
                     FileIdentity* file = nullptr);

  // The spare site's marker file as it was when this build took the spare over, which names
  // the site it was (its page manifest is trusted for that site only); nothing without one.
  std::optional<FileIdentity> spare_site() const { return spare_site_; }
  // Keeps the spare's file at `path` as this site's, untouched, when it is still exactly
  // `expected`; false otherwise, and then the page must be written. Thread-safe.
  bool keep_spare_file(std::string_view path, const FileIdentity& expected);

  // Replaces the destination with the staging folder and removes the old site.
  bool commit(Diagnostics& diags);

 private:
  bool prepare(std::string_view path, Diagnostics& diags, std::filesystem::path& full);
  bool link_if_unchanged(std::string_view path, std::string_view content, const std::filesystem::path& full,
                         FileIdentity* file);
  bool lock(const BuildNotice& notice, Diagnostics& diags);
  void tidy_leftovers(Diagnostics& diags);
  bool create_staging(Diagnostics& diags);
  bool lock_staging(Diagnostics& diags);
  void write_marker();
  bool open_previous_site(const std::filesystem::path& previous);
  void write_in_spare(std::string_view path, std::string_view content, Diagnostics& diags, FileIdentity* file);
  void remove_what_spare_kept_over();
  void retire_old_site(const std::filesystem::path& old, Diagnostics& diags);
  void remove_old_site(const std::filesystem::path& old, Diagnostics& diags);

  std::filesystem::path destination_;
  std::filesystem::path staging_;
  SwapMethod swap_;
  bool ok_ = false;
  bool committed_ = false;
  int lock_fd_ = -1;     // flock on .NAME.lock beside the destination, held for the whole build
  int staging_fd_ = -1;  // flock on the staging folder itself: "a live build owns this"
  std::mutex mutex_;
  size_t files_ = 0;
  bool reuse_ = false;
  unsigned reuse_mode_ = 0;  // permission bits this build gives a new file; a reused one must match
  int previous_fd_ = -1;     // the previous site's folder, while files are reused from it
  size_t reused_ = 0;
  std::optional<FileIdentity> previous_site_;
  // Rewriting the spare site: what it held, and which of those paths this build has written or
  // kept (what is left over is removed before the swap).
  bool keep_spare_ = false;  // take_spare() was called: the old site becomes the spare
  bool in_spare_ = false;    // and the staging folder is a former spare
  bool keep_replaced_ = true;
  std::optional<FileIdentity> spare_site_;
  SpareInventory spare_inventory_;
  std::unordered_set<std::string> written_;
  // Folders of the staging folder already made, so each page does not ask the file system
  // again for every folder on its path (17 pages per document, most in history/<id>/).
  std::unordered_set<std::string> folders_made_;
};

// Marker file that tells scrutiny a folder holds a site it built and may replace.
inline constexpr const char* kSiteMarker = ".scrutiny-site";

}  // namespace scrutiny
