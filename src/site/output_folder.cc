#include "output_folder.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sys/file.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

#include "descriptor_io.h"
#include "open_beneath.h"
#include "site_path.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

constexpr const char* kSiteMarkerText = "This folder was built by scrutiny and is replaced by each build.\n";

fs::path parent_of(const fs::path& p) {
  fs::path parent = p.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// `.site.staging-` for the destination `site`: every staging folder (and an old site moved
// aside by the fallback swap) is this prefix, the building process's id and maybe ".old".
std::string staging_prefix(const fs::path& destination) {
  return "." + destination.filename().string() + ".staging-";
}

// True when `name` is exactly PREFIX + digits [+ ".old"]; sets `aside` for the ".old" form.
bool is_staging_name(const std::string& name, const std::string& prefix, bool& aside) {
  if (name.compare(0, prefix.size(), prefix) != 0) return false;
  std::string rest = name.substr(prefix.size());
  aside = rest.size() > 4 && rest.compare(rest.size() - 4, 4, ".old") == 0;
  if (aside) rest.resize(rest.size() - 4);
  return !rest.empty() && std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True when `a` is `b` or a folder that contains it (both absolute and canonical).
bool contains(const fs::path& a, const fs::path& b) {
  auto [ai, bi] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  return ai == a.end();
}

fs::path absolute_canonical(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  fs::path canon = fs::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal() : canon;
}

// A live build holds a lock on its staging folder; a killed one's lock went with it.
bool held_by_live_build(const fs::path& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return true;  // cannot tell: leave it alone
  bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
  ::close(fd);
  return held;
}

void make_owner_writable(const fs::path& folder) {
  std::error_code ec;
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::add, ec);
}

// Removes a folder tree, first making each folder writable: sites are often published
// read-only, and without this their old copy would be left behind as litter. The entry named
// `last`, if given, goes after everything else in `folder`.
bool remove_tree(const fs::path& folder, std::error_code& ec, const char* last = nullptr) {
  make_owner_writable(folder);
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (last && it->path().filename() == last) continue;
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      if (!remove_tree(it->path(), ec)) return false;
    } else {
      fs::remove(it->path(), ec);
    }
    if (ec) return false;
  }
  if (ec) return false;
  if (last) fs::remove(folder / last, ec);
  if (!ec) fs::remove(folder, ec);
  return !ec;
}

// Removes a staging folder or old site, its marker last, so a removal cut short still leaves
// a folder that the next build can prove is scrutiny's and finish removing.
bool remove_owned_folder(const fs::path& folder, std::error_code& ec) {
  return remove_tree(folder, ec, kSiteMarker);
}

// Every scrutiny staging folder and every site it built holds the marker from its first
// moment; an empty one is a staging folder killed before the marker was written.
bool made_by_scrutiny(const fs::path& folder) {
  std::error_code ec;
  return fs::exists(folder / kSiteMarker, ec) || fs::is_empty(folder, ec);
}

FileIdentity identity_of(const struct stat& st) {
  return {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino), static_cast<uint64_t>(st.st_size),
          static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

}  // namespace

fs::path OutputFolder::cache_folder(const fs::path& destination) {
  return parent_of(destination) / ("." + destination.filename().string() + ".cache");
}

fs::path OutputFolder::resolve_destination(const fs::path& out, const std::vector<fs::path>& inputs,
                                           Diagnostics& diags) {
  const std::string shown = out.generic_string();
  fs::path p = out.lexically_normal();
  // "site/" names the folder site; kept as written, its file name would be empty.
  while (!p.empty() && p.filename().empty() && p != p.root_path()) p = p.parent_path();
  std::error_code ec;
  if (fs::is_symlink(p, ec)) {
    // Replacing the link with a folder would leave whatever serves the link's target
    // unchanged; the target is what gets the new site, and the link stays.
    fs::path target = fs::canonical(p, ec);
    if (ec || !fs::is_directory(target, ec)) {
      diags.error(shown, 0, "",
                  "--out is a link to " + fs::read_symlink(p, ec).generic_string() +
                      ", which is not an existing folder: create that folder, or give --out a folder");
      return {};
    }
    p = target;
  }
  fs::path abs = absolute_canonical(p);
  if (p.empty() || abs.filename().empty() || abs == abs.root_path()) {
    diags.error(shown, 0, "", "--out must name a folder for the site, such as site: choose another --out");
    return {};
  }
  std::error_code cwd_ec;
  fs::path cwd = fs::current_path(cwd_ec);
  if (!cwd_ec && contains(abs, absolute_canonical(cwd))) {
    diags.error(shown, 0, "",
                "--out is the folder scrutiny is run from, or contains it, and the build replaces that "
                "folder: give --out a folder of its own, such as site");
    return {};
  }
  for (const fs::path& input : inputs) {
    if (input.empty() || !contains(abs, absolute_canonical(input))) continue;
    diags.error(shown, 0, "",
                "--out is " + input.generic_string() + ", which the build reads, or contains it, and the "
                "build replaces that folder: give --out a folder of its own, such as site");
    return {};
  }
  return p;
}

bool OutputFolder::check_destination(const fs::path& destination, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::exists(destination, ec)) return true;
  if (!fs::is_directory(destination, ec)) {
    diags.error(destination.generic_string(), 0, "",
                "output path exists and is not a folder: choose another --out");
    return false;
  }
  if (fs::is_empty(destination, ec) || fs::exists(destination / kSiteMarker, ec)) return true;
  diags.error(destination.generic_string(), 0, "",
              "output folder is not empty and was not built by scrutiny, so it will not be "
              "replaced: choose an empty or new folder with --out");
  return false;
}

OutputFolder::OutputFolder(fs::path destination, Diagnostics& diags, BuildNotice notice, SwapMethod swap)
    : destination_(std::move(destination)), swap_(swap) {
  std::error_code ec;
  fs::create_directories(parent_of(destination_), ec);
  // The staging folder sits beside the destination so the swap stays on one filesystem.
  staging_ = parent_of(destination_) / (staging_prefix(destination_) + std::to_string(::getpid()));
  if (!lock(notice, diags)) return;
  tidy_leftovers(diags);
  if (!check_destination(destination_, diags)) return;
  ok_ = create_staging(diags);
}

OutputFolder::~OutputFolder() {
  if (staging_fd_ >= 0) {
    if (!committed_) {
      // What a failure leaves, the next build removes; a spare being rewritten stays the spare
      // (its new marker means no page of it is trusted unread).
      std::error_code ec;
      if (!keep_spare_ || ::rename(staging_.c_str(), spare_folder(destination_).c_str()) != 0)
        remove_owned_folder(staging_, ec);
    }
    ::close(staging_fd_);
  }
  if (previous_fd_ >= 0) ::close(previous_fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

// Two builds into one folder would each swap in a site and remove the other's staging
// folder; the second waits for the first instead. The lock file stays: removing it would
// let a waiting build and a new one lock two different files.
bool OutputFolder::lock(const BuildNotice& notice, Diagnostics& diags) {
  fs::path lock_file = parent_of(destination_) / ("." + destination_.filename().string() + ".lock");
  lock_fd_ = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  bool writable = lock_fd_ >= 0;
  if (!writable) lock_fd_ = ::open(lock_file.c_str(), O_RDONLY | O_CLOEXEC);  // another user's
  if (lock_fd_ < 0) {
    diags.error(lock_file.generic_string(), 0, "",
                std::string("cannot create the lock file for the output folder (") + std::strerror(errno) +
                    "): check you may write to " + parent_of(destination_).generic_string());
    return false;
  }
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    char pid[32] = {};
    ssize_t n = ::pread(lock_fd_, pid, sizeof pid - 1, 0);
    std::string holder = n > 0 ? std::string(pid, static_cast<size_t>(n)) : "";
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    if (notice)
      notice("waiting for another build into " + destination_.generic_string() + "/" +
             (holder.empty() ? "" : " (pid " + holder + ")") + " to finish");
    int r;
    while ((r = ::flock(lock_fd_, LOCK_EX)) != 0 && errno == EINTR) {
    }
    if (r != 0) {
      diags.error(lock_file.generic_string(), 0, "",
                  std::string("cannot lock the output folder (") + std::strerror(errno) +
                      "): make sure no other build into it is running, then build again");
      return false;
    }
  }
  if (writable) {
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(lock_fd_, 0) != 0 || ::pwrite(lock_fd_, pid.data(), pid.size(), 0) < 0) {
      // Only the waiting message loses the process id.
    }
  }
  return true;
}

// Runs under the lock, so no other build into this destination is running: a staging
// folder named for it, made by scrutiny and not locked by a live build, is a killed build's.
void OutputFolder::tidy_leftovers(Diagnostics& diags) {
  std::error_code ec;
  std::vector<fs::path> stale, aside;
  std::string prefix = staging_prefix(destination_);
  for (fs::directory_iterator it(parent_of(destination_), ec), end; !ec && it != end; it.increment(ec)) {
    bool is_aside = false;
    std::error_code type_ec;
    if (!is_staging_name(it->path().filename().string(), prefix, is_aside)) continue;
    if (it->is_symlink(type_ec) || !it->is_directory(type_ec)) continue;
    if (!made_by_scrutiny(it->path()) || held_by_live_build(it->path())) continue;
    (is_aside ? aside : stale).push_back(it->path());
  }
  // A fallback swap killed between its two renames left no site, only the old one set aside:
  // put it back, so the site is whole again even if this build fails.
  std::sort(aside.begin(), aside.end());
  for (const fs::path& old : aside) {
    std::error_code rename_ec;
    if (!fs::exists(fs::symlink_status(destination_, rename_ec)) && fs::exists(old / kSiteMarker, rename_ec)) {
      fs::rename(old, destination_, rename_ec);
      if (!rename_ec) continue;
    }
    stale.push_back(old);
  }
  for (const fs::path& folder : stale) {
    std::error_code remove_ec;
    if (!remove_owned_folder(folder, remove_ec))
      diags.warning(folder.generic_string(), 0, "",
                    "a build that was stopped left this folder behind and it could not be removed (" +
                        remove_ec.message() + "): delete it yourself; the site does not need it");
  }
}

bool OutputFolder::create_staging(Diagnostics& diags) {
  std::error_code ec;
  if (!fs::create_directory(staging_, ec) || ec) {
    diags.error(staging_.generic_string(), 0, "",
                "cannot create a staging folder beside the output folder (" +
                    (ec ? ec.message() : std::string("it already exists")) + "): check you may write to " +
                    parent_of(destination_).generic_string());
    return false;
  }
  if (!lock_staging(diags)) return false;
  // Written first, so even a build killed at once leaves a folder the next one knows is its own.
  write_marker();
  return true;
}

bool OutputFolder::lock_staging(Diagnostics& diags) {
  staging_fd_ = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (staging_fd_ < 0 || ::flock(staging_fd_, LOCK_EX | LOCK_NB) != 0) {
    diags.error(staging_.generic_string(), 0, "",
                std::string("cannot lock the staging folder (") + std::strerror(errno) + "): build again");
    return false;
  }
  return true;
}

// A new marker for every build, put in place in one step: it names this site, so a manifest
// written for another (the spare's own, before it was rewritten) is never taken for this one's.
void OutputFolder::write_marker() {
  const fs::path marker = staging_ / kSiteMarker;
  fs::path fresh = marker;
  fresh += ".new";
  std::ofstream(fresh, std::ios::binary | std::ios::trunc) << kSiteMarkerText;
  std::error_code ec;
  fs::rename(fresh, marker, ec);
  // The marker was created the way every new file of this build is, so it carries the
  // permissions (after the umask) a written file would have; a reused file must have the same.
  struct stat st;
  if (::stat(marker.c_str(), &st) == 0) reuse_mode_ = st.st_mode & 07777;
}

void OutputFolder::take_spare(Diagnostics& diags) {
  if (!ok_ || keep_spare_) return;
  keep_spare_ = true;
  open_previous_site(destination_);
  const fs::path spare = spare_folder(destination_);
  std::error_code ec;
  struct stat folder, marker;
  if (::lstat(spare.c_str(), &folder) != 0 || !S_ISDIR(folder.st_mode) || folder.st_uid != ::geteuid() ||
      !made_by_scrutiny(spare))
    return;
  if (::lstat((spare / kSiteMarker).c_str(), &marker) == 0 && S_ISREG(marker.st_mode))
    spare_site_ = identity_of(marker);
  // The fresh staging folder holds only its marker; the spare takes its name, under this
  // build's lock, so a build killed from here on leaves a staging folder like any other
  // killed build's, which the next build removes.
  ::close(staging_fd_);
  staging_fd_ = -1;
  fs::remove(staging_ / kSiteMarker, ec);
  if (!ec) fs::remove(staging_, ec);
  const bool taken = !ec && ::rename(spare.c_str(), staging_.c_str()) == 0;
  if (!taken) spare_site_.reset();
  if (!fs::exists(staging_, ec)) {
    ok_ = create_staging(diags);
    return;
  }
  if (!lock_staging(diags)) {
    ok_ = false;
    return;
  }
  write_marker();
  if (!taken) return;
  spare_inventory_ = take_inventory(staging_fd_);
  written_.insert(kSiteMarker);
  in_spare_ = true;
}

bool OutputFolder::prepare(std::string_view path, Diagnostics& diags, fs::path& full) {
  if (!is_safe_output_path(path)) {
    std::lock_guard lock(mutex_);
    diags.error(std::string(path), 0, "", "refused to write outside the output folder");
    return false;
  }
  full = staging_ / fs::path(std::string(path));
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return true;
  std::string folder(path.substr(0, slash));
  {
    std::lock_guard lock(mutex_);
    if (folders_made_.count(folder)) return true;
  }
  std::error_code ec;
  fs::create_directories(full.parent_path(), ec);
  if (ec && in_spare_) {
    // The spare may hold a file where this site has a folder: it goes.
    fs::path at = staging_;
    for (const fs::path& part : fs::path(folder)) {
      at /= part;
      struct stat st;
      if (::lstat(at.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) ::unlink(at.c_str());
    }
    ec.clear();
    fs::create_directories(full.parent_path(), ec);
  }
  std::lock_guard lock(mutex_);
  if (ec) {
    diags.error(full.generic_string(), 0, "", "cannot create folder: " + ec.message());
    return false;
  }
  folders_made_.insert(std::move(folder));
  return true;
}

void OutputFolder::reuse_unchanged_files(const fs::path& previous_folder) {
  if (!ok_ || keep_spare_) return;
  reuse_ = open_previous_site(previous_folder.empty() ? destination_ : previous_folder);
}

bool OutputFolder::open_previous_site(const fs::path& previous) {
  std::error_code ec;
  if (previous_fd_ >= 0 || !fs::is_directory(fs::symlink_status(previous, ec)) ||
      !fs::exists(previous / kSiteMarker, ec))
    return false;
  // Opened once, without following a link, so each file is looked up from the previous site
  // itself rather than by its whole path again.
  previous_fd_ = ::open(previous.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  struct stat previous_marker;
  if (previous_fd_ >= 0 && ::fstatat(previous_fd_, kSiteMarker, &previous_marker, AT_SYMLINK_NOFOLLOW) == 0 &&
      S_ISREG(previous_marker.st_mode))
    previous_site_ = identity_of(previous_marker);
  return previous_fd_ >= 0;
}

std::optional<FileIdentity> OutputFolder::this_site() const {
  struct stat marker;
  if (staging_fd_ < 0 || ::fstatat(staging_fd_, kSiteMarker, &marker, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
  return identity_of(marker);
}


bool OutputFolder::link_if_unchanged(std::string_view path, std::string_view content, const fs::path& full,
                                     FileIdentity* file) {
  int fd = open_beneath(previous_fd_, path, O_RDONLY);
  if (fd < 0) return false;
  struct stat st;
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
              (st.st_mode & 07777) == reuse_mode_ && static_cast<size_t>(st.st_size) == content.size() &&
              reads_as(fd, content);
  // The open file is linked, not its name, so what goes into the new site is exactly what was
  // compared.
  if (same) {
    const std::string opened = "/proc/self/fd/" + std::to_string(fd);
    same = ::linkat(AT_FDCWD, opened.c_str(), AT_FDCWD, full.c_str(), AT_SYMLINK_FOLLOW) == 0;
  }
  if (same && file) *file = identity_of(st);
  ::close(fd);
  return same;
}

bool OutputFolder::link_previous(std::string_view path, const FileIdentity& expected, Diagnostics& diags,
                                 FileIdentity* file) {
  if (previous_fd_ < 0 || !(reuse_ || keep_spare_)) return false;
  fs::path full;
  if (!prepare(path, diags, full)) return false;
  int fd = open_beneath(previous_fd_, path, O_RDONLY);
  if (fd < 0) return false;
  struct stat st;
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
              (st.st_mode & 07777) == reuse_mode_ && identity_of(st) == expected;
  if (same && keep_spare_) {
    // Copied, not linked, so the site in place and the spare it becomes never share a file.
    std::string content(static_cast<size_t>(st.st_size), '\0');
    same = read_fully(fd, content.data(), content.size()) == content.size();
    ::close(fd);
    if (same) write_in_spare(path, content, diags, file);
    return same;
  }
  if (same) {
    const std::string opened = "/proc/self/fd/" + std::to_string(fd);
    same = ::linkat(AT_FDCWD, opened.c_str(), AT_FDCWD, full.c_str(), AT_SYMLINK_FOLLOW) == 0;
  }
  ::close(fd);
  if (!same) return false;
  if (file) *file = expected;
  std::lock_guard lock(mutex_);
  ++files_;
  ++reused_;
  return true;
}

bool OutputFolder::keep_spare_file(std::string_view path, const FileIdentity& expected) {
  if (!in_spare_ || !is_safe_output_path(path)) return false;
  // The spare holds no symbolic link (take_inventory removed them), so its path is its file.
  struct stat st;
  const std::string relative(path);
  if (::fstatat(staging_fd_, relative.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
      st.st_nlink != 1 || st.st_uid != ::geteuid() || (st.st_mode & 07777) != reuse_mode_ ||
      identity_of(st) != expected)
    return false;
  std::lock_guard lock(mutex_);
  written_.insert(relative);
  ++files_;
  ++reused_;
  return true;
}

void OutputFolder::write_in_spare(std::string_view path, std::string_view content, Diagnostics& diags,
                                  FileIdentity* file) {
  struct stat st;
  const std::string relative(path);
  const InPlaceWrite how = write_in_place(staging_fd_, relative, content, reuse_mode_, st);
  if (file && how != InPlaceWrite::failed) *file = identity_of(st);
  std::lock_guard lock(mutex_);
  if (how == InPlaceWrite::failed)
    diags.error((staging_ / relative).generic_string(), 0, "", "cannot write this file: check disk space and permissions");
  if (how == InPlaceWrite::unchanged) ++reused_;
  written_.insert(relative);
  ++files_;
}

void OutputFolder::write(std::string_view path, std::string_view content, Diagnostics& diags, FileIdentity* file) {
  fs::path full;
  if (!prepare(path, diags, full)) return;
  if (keep_spare_) return write_in_spare(path, content, diags, file);
  if (reuse_ && link_if_unchanged(path, content, full, file)) {
    std::lock_guard lock(mutex_);
    ++files_;
    ++reused_;
    return;
  }
  // Plain system calls: a stream's buffer and locale cost more than the page takes to write.
  // When files are reused, a path written twice may be a link into the previous site: it is
  // replaced, never written through, so the previous site stays as it was.
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (reuse_ ? O_EXCL : O_TRUNC);
  int fd = ::open(full.c_str(), flags, 0666);
  if (fd < 0 && reuse_ && errno == EEXIST && ::unlink(full.c_str()) == 0) fd = ::open(full.c_str(), flags, 0666);
  bool written = false;
  if (fd >= 0) {
    written = write_fully(fd, content);
    struct stat st;
    if (file && written && ::fstat(fd, &st) == 0) *file = identity_of(st);
    written = ::close(fd) == 0 && written;
  }
  std::lock_guard lock(mutex_);
  if (!written) diags.error(full.generic_string(), 0, "", "cannot write this file: check disk space and permissions");
  ++files_;
}

void OutputFolder::copy_file(const fs::path& from, std::string_view path, Diagnostics& diags) {
  if (reuse_ || keep_spare_) {
    // Through write(), so an unchanged copy is reused too and a link is never copied over.
    std::ifstream in(from, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.bad() && in.is_open()) return write(path, content, diags);
    std::lock_guard lock(mutex_);
    diags.error(from.generic_string(), 0, "", "cannot copy this file: it could not be read");
    return;
  }
  fs::path full;
  if (!prepare(path, diags, full)) return;
  std::error_code ec;
  fs::copy_file(from, full, fs::copy_options::overwrite_existing, ec);
  std::lock_guard lock(mutex_);
  if (ec) diags.error(from.generic_string(), 0, "", "cannot copy this file: " + ec.message());
  ++files_;
}

void OutputFolder::remove_old_site(const fs::path& old, Diagnostics& diags) {
  std::error_code ec;
  if (remove_owned_folder(old, ec)) return;
  diags.warning(old.generic_string(), 0, "",
                "the new site is in place, but this copy of the previous one could not be removed (" +
                    ec.message() + "): delete it yourself (for example chmod -R u+w, then rm -r, on this "
                    "folder), or the next build will try again");
}

// What the spare held that this site has not: the pages and files of the site before last
// that the content no longer makes, and the folders they leave empty.
void OutputFolder::remove_what_spare_kept_over() {
  for (const std::string& file : spare_inventory_.files)
    if (!written_.count(file)) ::unlinkat(staging_fd_, file.c_str(), 0);
  for (auto it = spare_inventory_.folders.rbegin(); it != spare_inventory_.folders.rend(); ++it)
    ::unlinkat(staging_fd_, it->c_str(), AT_REMOVEDIR);  // only when empty: kept folders hold files
  spare_inventory_ = {};
}

// The site just replaced becomes the spare when the build keeps one, else it goes.
void OutputFolder::retire_old_site(const fs::path& old, Diagnostics& diags) {
  std::error_code ec;
  const fs::path spare = spare_folder(destination_);
  if (keep_spare_ && keep_replaced_ && !fs::exists(fs::symlink_status(spare, ec)) &&
      ::rename(old.c_str(), spare.c_str()) == 0)
    return;
  remove_old_site(old, diags);
}

bool OutputFolder::commit(Diagnostics& diags) {
  if (!ok_) return false;
  if (in_spare_) remove_what_spare_kept_over();
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(destination_, ec))) {
    // First build: nothing to exchange with, and one rename is atomic.
    if (::rename(staging_.c_str(), destination_.c_str()) != 0) {
      diags.error(destination_.generic_string(), 0, "",
                  std::string("cannot move the new site into place (") + std::strerror(errno) +
                      "): check you may write to " + parent_of(destination_).generic_string());
      return false;
    }
    committed_ = true;
    return true;
  }
  if (swap_ == SwapMethod::exchange) {
    // One step: at every instant the destination holds the whole old site or the whole new
    // one. Afterwards the staging name holds the old site, which is removed.
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_EXCHANGE) == 0) {
      committed_ = true;
      retire_old_site(staging_, diags);
      return true;
    }
    if (errno != EINVAL && errno != ENOSYS) {
      diags.error(destination_.generic_string(), 0, "",
                  std::string("cannot swap the new site into place (") + std::strerror(errno) +
                      "): check you may write to " + parent_of(destination_).generic_string() +
                      "; the previous site is unchanged");
      return false;
    }
  }
  // Fallback for filesystems (or kernels) without RENAME_EXCHANGE: move the old site aside,
  // then the new one in. Each rename is atomic, so whenever this is cut short a whole site
  // exists under a name the next build knows: before the first rename, the old site is in
  // place; between the two, the old site is at STAGING.old and the destination is missing,
  // and the next build (under the same lock) renames it back before doing anything else;
  // after the second, the new site is in place and the next build removes STAGING.old.
  fs::path old = staging_;
  old += ".old";
  if (::rename(destination_.c_str(), old.c_str()) != 0) {
    diags.error(destination_.generic_string(), 0, "",
                std::string("cannot move the previous site aside (") + std::strerror(errno) +
                    "): check you may write to " + parent_of(destination_).generic_string() +
                    "; the previous site is unchanged");
    return false;
  }
  if (::rename(staging_.c_str(), destination_.c_str()) != 0) {
    int error = errno;
    std::error_code back;
    fs::rename(old, destination_, back);
    diags.error(destination_.generic_string(), 0, "",
                std::string("cannot move the new site into place (") + std::strerror(error) + "): " +
                    (back ? "the previous site is in " + old.generic_string() + "; the next build puts it back"
                          : "the previous site is unchanged; check you may write to " +
                                parent_of(destination_).generic_string()));
    return false;
  }
  committed_ = true;
  retire_old_site(old, diags);
  return true;
}

}  // namespace scrutiny
