#include "cache_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "descriptor_io.h"

namespace scrutiny {

namespace fs = std::filesystem;

std::optional<std::string> read_cache_file(const fs::path& file, uint64_t max_bytes, std::string& problem) {
  // Non-blocking, so a FIFO put in its place cannot hang the build.
  int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    problem = "cannot open " + file.string() + " (" + std::strerror(errno) + ")";
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    problem = file.string() + " is not a file this build wrote";
    return std::nullopt;
  }
  std::string bytes(static_cast<size_t>(st.st_size), '\0');
  const size_t got = read_fully(fd, bytes.data(), bytes.size());
  ::close(fd);
  if (got != bytes.size()) {
    problem = file.string() + " was cut short while being read";
    return std::nullopt;
  }
  return bytes;
}

bool replace_cache_file(const fs::path& file, std::string_view bytes, std::string& problem) {
  std::error_code ec;
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  fs::create_directories(folder, ec);
  if (ec) {
    problem = "cannot create " + folder.string() + " (" + ec.message() + ")";
    return false;
  }
  fs::path temporary = file;
  temporary += ".new-" + std::to_string(::getpid());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) {
    problem = "cannot create " + temporary.string() + " (" + std::strerror(errno) + ")";
    return false;
  }
  const bool complete = write_fully(fd, bytes);
  const bool written = ::close(fd) == 0 && complete;
  if (written && ::rename(temporary.c_str(), file.c_str()) == 0) return true;
  problem = (written ? "cannot replace " + file.string() : "cannot write " + temporary.string()) + " (" +
            std::strerror(errno) + ")";
  fs::remove(temporary, ec);
  return false;
}

}  // namespace scrutiny
