#include "content_watcher.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

constexpr uint32_t kFolderEvents = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM |
                                   IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

bool hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

}  // namespace

ContentWatcher::ContentWatcher(const std::vector<fs::path>& roots) {
  inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  stop_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (inotify_fd_ < 0 || stop_fd_ < 0) {
    problem_ = std::string("cannot watch for changes: ") + std::strerror(errno);
    if (inotify_fd_ >= 0) ::close(inotify_fd_);
    inotify_fd_ = -1;
    return;
  }
  for (const fs::path& root : roots) {
    if (root.empty()) continue;
    watch_tree(root);
    std::error_code ec;
    if (fs::is_directory(root / ".git", ec)) watch_folder(root / ".git");
  }
}

ContentWatcher::~ContentWatcher() {
  if (inotify_fd_ >= 0) ::close(inotify_fd_);
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

void ContentWatcher::watch_folder(const fs::path& folder) {
  int wd = ::inotify_add_watch(inotify_fd_, folder.c_str(), kFolderEvents);
  if (wd < 0) {
    if (errno == ENOSPC && problem_.empty())
      problem_ = "too many folders to watch: raise fs.inotify.max_user_watches (sysctl)";
    return;
  }
  folders_[wd] = folder;
}

void ContentWatcher::watch_tree(const fs::path& folder) {
  watch_folder(folder);
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    // Links are not followed: the build refuses what lies outside the content folder anyway.
    if (it->is_directory(ec) && !it->is_symlink(ec) && !hidden(it->path())) watch_tree(it->path());
  }
}

void ContentWatcher::read_events(std::vector<fs::path>& changed) {
  alignas(inotify_event) char buffer[16384];
  for (;;) {
    ssize_t n = ::read(inotify_fd_, buffer, sizeof buffer);
    if (n <= 0) return;
    for (char* p = buffer; p < buffer + n;) {
      auto* event = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + event->len;
      auto folder = folders_.find(event->wd);
      if (event->mask & IN_IGNORED) {
        if (folder != folders_.end()) folders_.erase(folder);
        continue;
      }
      if (folder == folders_.end()) continue;
      fs::path path = event->len ? folder->second / event->name : folder->second;
      // A folder made (or moved in) after the start is watched from now on, with what it holds.
      if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO)) && !hidden(path) &&
          folder->second.filename() != ".git")
        watch_tree(path);
      changed.push_back(path);
    }
  }
}

std::vector<fs::path> ContentWatcher::wait_for_changes(std::chrono::milliseconds quiet_for) {
  std::vector<fs::path> changed;
  if (inotify_fd_ < 0) return changed;
  pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
  int timeout = -1;  // wait as long as it takes for the first change, then for a quiet spell
  for (;;) {
    int ready = ::poll(fds, 2, timeout);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0 || (fds[1].revents & POLLIN)) return {};
    if (ready == 0) break;  // quiet for long enough
    read_events(changed);
    if (!changed.empty()) timeout = static_cast<int>(quiet_for.count());
  }
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  return changed;
}

void ContentWatcher::stop() {
  uint64_t one = 1;
  // Only write(2): async-signal-safe.
  [[maybe_unused]] ssize_t n = ::write(stop_fd_, &one, sizeof one);
}

}  // namespace scrutiny
