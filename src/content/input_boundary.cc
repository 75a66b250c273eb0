#include "input_boundary.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <sstream>

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

// Whether `target` lies inside `root`; both canonical, compared part by part so that
// /repo-other is not taken to be inside /repo.
bool is_within(const fs::path& root, const fs::path& target) {
  auto r = root.begin(), t = target.begin();
  for (; r != root.end(); ++r, ++t)
    if (t == target.end() || *r != *t) return false;
  return true;
}

// What a link says, for messages: its own text when `path` is the link, else where it ends up.
std::string link_text(const fs::path& path, const fs::path& fallback) {
  std::error_code ec;
  fs::path text = fs::read_symlink(path, ec);
  return ec ? fallback.generic_string() : text.generic_string();
}

}  // namespace

std::string display_join(const fs::path& folder, const std::string& rel) {
  std::string base = folder.generic_string();
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  if (rel.empty()) return base;
  return base == "." ? rel : base + "/" + rel;
}

InputBoundary::InputBoundary(const fs::path& folder, std::string name) : name_(std::move(name)) {
  std::error_code ec;
  root_ = fs::canonical(folder, ec);
  if (ec) root_ = fs::absolute(folder, ec).lexically_normal();
}

InputBoundary InputBoundary::around_content(const fs::path& content_dir) {
  std::error_code ec;
  fs::path dir = fs::canonical(content_dir, ec);
  if (!ec)
    for (fs::path p = dir;; p = p.parent_path()) {
      if (fs::exists(p / ".git", ec)) return InputBoundary(p, "the repository");
      if (p == p.parent_path()) break;
    }
  return InputBoundary(content_dir, "the repository");
}

std::optional<fs::path> InputBoundary::resolve(const fs::path& path, const std::string& display,
                                               Diagnostics& diags) const {
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  if (ec == std::errc::too_many_symbolic_link_levels) {
    diags.error(display, 0, "",
                "symbolic link loop (" + link_text(path, path) +
                    "): following it leads round and round without reaching a file; remove the link or "
                    "point it at a file");
    return std::nullopt;
  }
  if (ec == std::errc::no_such_file_or_directory) {
    diags.error(display, 0, "",
                "symbolic link leads to nothing (" + link_text(path, path) + " does not exist): point it at a "
                "file in " + name_ + " or remove it");
    return std::nullopt;
  }
  if (ec) {
    diags.error(display, 0, "", "cannot open this (" + ec.message() + "): check its permissions");
    return std::nullopt;
  }
  if (!is_within(root_, real)) {
    diags.error(display, 0, "",
                "symbolic link leads outside " + name_ + " (to " + link_text(path, real) +
                    "), so its file would be published: copy the file into " + name_ + " instead of linking to it");
    return std::nullopt;
  }
  // The .git folder holds remote addresses, sometimes with access tokens in them: never an input.
  if (is_within(root_ / ".git", real)) {
    diags.error(display, 0, "",
                "symbolic link leads into the repository's .git folder (to " + link_text(path, real) +
                    "), which is never published: remove the link");
    return std::nullopt;
  }
  return real;
}

std::optional<std::string> InputBoundary::read_file(const fs::path& path, const std::string& display,
                                                    Diagnostics& diags) const {
  std::optional<fs::path> real = resolve(path, display, diags);
  if (!real) return std::nullopt;
  std::error_code ec;
  if (fs::is_directory(*real, ec)) {
    diags.error(display, 0, "", "this is a folder, not a file: rename or move the folder");
    return std::nullopt;
  }
  // A pipe or device would block the build or never end: only ordinary files are read.
  if (!fs::is_regular_file(*real, ec)) {
    diags.error(display, 0, "", "this is not an ordinary file: replace it with a file");
    return std::nullopt;
  }
  std::ifstream in(*real, std::ios::binary);
  std::ostringstream ss;
  if (in) ss << in.rdbuf();
  if (!in || in.bad()) {
    diags.error(display, 0, "", "cannot read this file: check its permissions");
    return std::nullopt;
  }
  return ss.str();
}

InputBoundary::ListedText InputBoundary::read_listed(const Listed& file, std::uintmax_t max_bytes,
                                                     const std::string& display, Diagnostics& diags) const {
  ListedText out;
  // No link is followed here (the walk resolved every one), and a pipe put in the file's place
  // since cannot block the build.
  int fd = ::open(file.real.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    diags.error(display, 0, "", "cannot read this file: check its permissions");
    return out;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    diags.error(display, 0, "",
                S_ISDIR(st.st_mode) ? "this is a folder, not a file: rename or move the folder"
                                    : "this is not an ordinary file: replace it with a file");
    return out;
  }
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > max_bytes) {
    ::close(fd);
    out.too_large = size;
    return out;
  }
  // One byte more than its size, so the read that finds the end is the next one; a file that
  // grew since fstat is read to its end, as a stream would read it, up to the limit.
  std::string bytes(static_cast<size_t>(size) + 1, '\0');
  size_t got = 0;
  while (true) {
    if (got == bytes.size()) bytes.resize(bytes.size() * 2);
    const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n < 0) got = SIZE_MAX;
      break;
    }
    got += static_cast<size_t>(n);
    if (got > max_bytes) break;
  }
  ::close(fd);
  if (got == SIZE_MAX) {
    diags.error(display, 0, "", "cannot read this file: check its permissions");
    return out;
  }
  if (got > max_bytes) {
    out.too_large = got;
    return out;
  }
  bytes.resize(got);
  out.text = std::move(bytes);
  return out;
}

std::vector<InputBoundary::Listed> InputBoundary::list_files(
    const fs::path& dir, const std::string& display_dir,
    const std::function<bool(const std::string& rel, bool is_folder)>& skip, Diagnostics& diags) const {
  std::vector<Listed> out;
  std::optional<fs::path> real_dir = resolve(dir, display_dir, diags);
  if (!real_dir) return out;

  // Folders are walked by hand, not with recursive_directory_iterator, so that one unreadable
  // folder is named and skipped instead of ending the whole walk.
  std::function<void(const fs::path&, const std::string&)> walk = [&](const fs::path& folder,
                                                                      const std::string& rel_dir) {
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) {
      diags.error(display_join(display_dir, rel_dir), 0, "",
                  "cannot read this folder (" + ec.message() + "): check its permissions");
      return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
    for (const fs::directory_entry& e : entries) {
      std::string rel = (rel_dir.empty() ? "" : rel_dir + "/") + e.path().filename().string();
      std::string display = display_join(display_dir, rel);
      bool link = e.is_symlink(ec);
      bool folder = !link && e.is_directory(ec);
      if (skip(rel, folder)) continue;
      if (folder) {
        walk(e.path(), rel);
        continue;
      }
      fs::path real = e.path();  // no link on the way: the walk starts from the resolved folder
      if (link) {
        std::optional<fs::path> target = resolve(e.path(), display, diags);
        if (!target) continue;
        if (fs::is_directory(*target, ec)) {
          diags.warning(display, 0, "", "symbolic link to a folder is not followed: move the folder here instead");
          continue;
        }
        real = *target;
      }
      // The entry's own type, read with the folder, unless it is a link's target.
      if (link ? fs::is_regular_file(real, ec) : e.is_regular_file(ec)) out.push_back({rel, real});
    }
  };
  walk(*real_dir, "");
  return out;
}

}  // namespace scrutiny
