#include "spare_site.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

#include "descriptor_io.h"
#include "open_beneath.h"

namespace scrutiny {
namespace fs = std::filesystem;

fs::path spare_folder(const fs::path& destination) {
  fs::path parent = destination.parent_path();
  if (parent.empty()) parent = ".";
  return parent / ("." + destination.filename().string() + ".spare");
}

namespace {

void take_folder(int folder, const std::string& prefix, SpareInventory& inventory) {
  DIR* dir = ::fdopendir(folder);
  if (!dir) {
    ::close(folder);
    return;
  }
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = entry->d_type;
    struct stat st;
    if (type == DT_UNKNOWN || type == DT_DIR) {
      if (::fstatat(::dirfd(dir), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
    }
    const std::string path = prefix + name;
    if (type == DT_REG) {
      inventory.files.push_back(path);
    } else if (type == DT_DIR) {
      if ((st.st_mode & S_IRWXU) != S_IRWXU) ::fchmodat(::dirfd(dir), name.c_str(), (st.st_mode & 07777) | S_IRWXU, 0);
      inventory.folders.push_back(path);
      int inner = ::openat(::dirfd(dir), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (inner >= 0) take_folder(inner, path + "/", inventory);
    } else {
      ::unlinkat(::dirfd(dir), name.c_str(), 0);  // never written by a build: a link, a pipe, a device
    }
  }
  ::closedir(dir);  // closes `folder` too
}

}  // namespace

SpareInventory take_inventory(int root) {
  SpareInventory inventory;
  struct stat st;
  if (::fstat(root, &st) == 0 && (st.st_mode & S_IRWXU) != S_IRWXU) ::fchmod(root, (st.st_mode & 07777) | S_IRWXU);
  int own = ::dup(root);  // the walk closes what it reads; the caller keeps `root`
  if (own >= 0) {
    ::lseek(own, 0, SEEK_SET);
    take_folder(own, "", inventory);
  }
  return inventory;
}

InPlaceWrite write_in_place(int root, const std::string& path, std::string_view content, unsigned mode,
                            struct stat& st) {
  int fd = open_beneath(root, path, O_RDWR);
  if (fd >= 0) {
    // Written through only when it is a file no one else holds: a file linked into another
    // folder (the site in place, say) would change there too.
    const bool ours = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
                      st.st_uid == ::geteuid() && (st.st_mode & 07777) == mode;
    if (ours) {
      if (static_cast<size_t>(st.st_size) == content.size() && reads_as(fd, content)) {
        ::close(fd);
        return InPlaceWrite::unchanged;
      }
      // Over the old bytes, then cut to length: the file keeps its inode and most of its blocks.
      bool written = ::lseek(fd, 0, SEEK_SET) == 0 && write_fully(fd, content) &&
                     ::ftruncate(fd, static_cast<off_t>(content.size())) == 0 && ::fstat(fd, &st) == 0;
      written = ::close(fd) == 0 && written;
      return written ? InPlaceWrite::rewritten : InPlaceWrite::failed;
    }
    ::close(fd);
  }
  // Not a file this build may rewrite (a folder, a link elsewhere, another user's or
  // another mode's file), or none: whatever is there goes, and the file is created.
  if (fd >= 0 || errno != ENOENT) {
    std::error_code ec;
    fs::path full = fs::path("/proc/self/fd") / std::to_string(root) / path;
    fs::remove_all(full, ec);
  }
  fd = open_beneath(root, path, O_WRONLY | O_CREAT | O_EXCL, 0666);
  if (fd < 0) return InPlaceWrite::failed;
  bool written = write_fully(fd, content) && ::fstat(fd, &st) == 0;
  written = ::close(fd) == 0 && written;
  return written ? InPlaceWrite::created : InPlaceWrite::failed;
}

}  // namespace scrutiny
