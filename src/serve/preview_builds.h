#pragma once
// The builds `scrutiny serve` shows: each into a fresh temporary folder, the newest good one
// served, and the errors of a build that failed.

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "diagnostic.h"
#include "history_snapshot.h"
#include "site_builder.h"

namespace scrutiny {

// One built site in its own folder, removed when the last request using it is done.
class PreviewSite {
 public:
  explicit PreviewSite(std::filesystem::path folder) : folder_(std::move(folder)) {}
  ~PreviewSite();
  PreviewSite(const PreviewSite&) = delete;
  PreviewSite& operator=(const PreviewSite&) = delete;
  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path folder_;
};

// What the server shows at one moment: the last good site (if any build succeeded), and the
// errors of the latest build when it failed. Never changed once made; replaced whole.
struct PreviewState {
  unsigned generation = 0;  // 0 before the first build; one more for each build since
  std::shared_ptr<const PreviewSite> site;
  std::vector<Diagnostic> errors;  // empty when the latest build succeeded
  size_t pages = 0;
  size_t pages_skipped = 0;  // of `pages`, those kept from the previous build, unchanged
  double seconds = 0;
  size_t history_commits_read = 0;  // commits this build read from git, not kept from the last
};

// Runs builds for serve and hands the server their outcome.
class PreviewBuilds {
 public:
  // `options` says what to build; its out_dir is ignored (each build gets a folder of its own
  // under a temporary folder, which goes when this object does).
  explicit PreviewBuilds(BuildOptions options);
  ~PreviewBuilds();
  PreviewBuilds(const PreviewBuilds&) = delete;
  PreviewBuilds& operator=(const PreviewBuilds&) = delete;

  // False, with a message, when the temporary folder could not be made.
  bool ok() const { return !root_.empty(); }
  const std::string& problem() const { return problem_; }
  // The address the site is served at (for 404.html's links and the sitemap); before rebuild().
  void set_base_url(std::string url) { options_.base_url = std::move(url); }

  // Builds the content as it is now and publishes the outcome: on success the new site
  // replaces the old in one step; on errors the old site stays and the errors are shown.
  std::shared_ptr<const PreviewState> rebuild();

  std::shared_ptr<const PreviewState> current() const;
  // Blocks until the generation passes `seen` or stop_waiting() is called; returns current().
  std::shared_ptr<const PreviewState> wait_after(unsigned seen, std::chrono::milliseconds at_most) const;
  // Wakes every wait_after, for good: the server is stopping.
  void stop_waiting();
  bool stopping() const;

 private:
  BuildOptions options_;
  // The history the last build read: a rebuild after an edit reads no commit again, and after
  // a commit only the new ones. rebuild() is never run twice at once.
  HistorySnapshot kept_history_;
  // The old revisions the last build parsed, so a rebuild parses only new ones.
  std::string kept_revisions_;
  std::filesystem::path root_;
  std::string problem_;
  unsigned builds_ = 0;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool stopping_ = false;
  std::shared_ptr<const PreviewState> state_;
  // The last good build's folder and page manifest, for the next build to keep what is unchanged.
  PreviousBuild previous_build_;
};

}  // namespace scrutiny
