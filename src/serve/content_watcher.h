#pragma once
// Watches folders (the content, a theme) for changes with inotify, every folder below them too.

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace scrutiny {

// Tells when files under some folders change, a burst of changes (an editor's save, a git
// checkout) as one. Folders created later are watched as they appear. Hidden folders (.git
// and the like) are not watched, except the top .git folder itself, whose index and HEAD change
// when a document is committed.
class ContentWatcher {
 public:
  explicit ContentWatcher(const std::vector<std::filesystem::path>& roots);
  ~ContentWatcher();
  ContentWatcher(const ContentWatcher&) = delete;
  ContentWatcher& operator=(const ContentWatcher&) = delete;

  // False, with `problem` set, when inotify could not be started.
  bool ok() const { return inotify_fd_ >= 0; }
  const std::string& problem() const { return problem_; }

  // Waits for a change, then until `quiet_for` passes with no further change, and returns the
  // paths that changed (sorted, no repeats). Returns empty when stop() was called.
  std::vector<std::filesystem::path> wait_for_changes(std::chrono::milliseconds quiet_for);

  // Makes wait_for_changes return at once, now and from then on. Safe from any thread and
  // from a signal handler.
  void stop();

 private:
  void watch_tree(const std::filesystem::path& folder);
  void watch_folder(const std::filesystem::path& folder);
  // Reads the events waiting; adds the paths they name to `changed`.
  void read_events(std::vector<std::filesystem::path>& changed);

  int inotify_fd_ = -1;
  int stop_fd_ = -1;  // an eventfd: written by stop()
  std::map<int, std::filesystem::path> folders_;  // watch descriptor -> folder
  std::string problem_;
};

}  // namespace scrutiny
