#include "preview_builds.h"

#include <chrono>
#include <cstdlib>
#include <unistd.h>

namespace scrutiny {
namespace fs = std::filesystem;

PreviewSite::~PreviewSite() {
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

namespace {

// Where the builds go: TMPDIR when it is set; else /dev/shm, which is memory (tmpfs) on Linux
// and makes a rebuild of the sample about four times quicker than a disk-backed /tmp; else the
// system's temporary folder.
fs::path builds_parent() {
  const char* tmpdir = std::getenv("TMPDIR");
  if (tmpdir && *tmpdir) return tmpdir;
  if (::access("/dev/shm", W_OK | X_OK) == 0) return "/dev/shm";
  std::error_code ec;
  fs::path system = fs::temp_directory_path(ec);
  return ec ? fs::path("/tmp") : system;
}

}  // namespace

PreviewBuilds::PreviewBuilds(BuildOptions options) : options_(std::move(options)) {
  // Serve previews the files on disk, committed or not, marking the uncommitted ones.
  options_.working_tree = true;
  options_.write = true;
  const fs::path parent = builds_parent();
  std::string pattern = (parent / "scrutiny-serve-XXXXXX").string();
  if (::mkdtemp(pattern.data())) {
    root_ = pattern;
  } else {
    problem_ = "cannot make a temporary folder in " + parent.string() + ": set TMPDIR to a folder you can write to";
  }
  state_ = std::make_shared<PreviewState>();
}

PreviewBuilds::~PreviewBuilds() {
  stop_waiting();
  {
    std::lock_guard lock(mutex_);
    state_.reset();
  }
  std::error_code ec;
  if (!root_.empty()) fs::remove_all(root_, ec);
}

std::shared_ptr<const PreviewState> PreviewBuilds::rebuild() {
  auto start = std::chrono::steady_clock::now();
  BuildOptions options = options_;
  std::string name = "site-" + std::to_string(++builds_);
  options.out_dir = root_ / name;
  // Pages whose keys did not change are linked from the site served now, which this holds
  // until the build is done.
  auto previous = current();
  options.previous = &previous_build_;
  options.kept_history = &kept_history_;
  options.kept_revisions = &kept_revisions_;
  Diagnostics diags;
  BuildResult result = build_site(options, diags);
  std::error_code ec;
  fs::remove(root_ / ("." + name + ".lock"), ec);  // the build's lock file, left beside its output

  auto next = std::make_shared<PreviewState>();
  next->generation = previous->generation + 1;
  next->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (diags.has_errors()) {
    next->site = previous->site;
    for (const Diagnostic& d : diags.sorted())
      if (d.severity == Severity::error) next->errors.push_back(d);
    fs::remove_all(options.out_dir, ec);
  } else {
    next->site = std::make_shared<PreviewSite>(options.out_dir);
    next->pages = result.pages;
    next->pages_skipped = result.pages_not_built + result.pages_not_rendered;
    next->history_commits_read = result.history_commits_read;
  }
  {
    std::lock_guard lock(mutex_);
    state_ = next;
  }
  changed_.notify_all();
  return next;
}

std::shared_ptr<const PreviewState> PreviewBuilds::current() const {
  std::lock_guard lock(mutex_);
  return state_;
}

std::shared_ptr<const PreviewState> PreviewBuilds::wait_after(unsigned seen, std::chrono::milliseconds at_most) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, at_most, [&] { return stopping_ || state_->generation > seen; });
  return state_;
}

bool PreviewBuilds::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void PreviewBuilds::stop_waiting() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
}

}  // namespace scrutiny
