#include "cache_file_writer.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "descriptor_io.h"

namespace scrutiny {

namespace fs = std::filesystem;

CacheFileWriter::CacheFileWriter(fs::path file) : file_(std::move(file)), temporary_(temporary_cache_file(file_)) {
  std::error_code ec;
  const fs::path folder = file_.parent_path().empty() ? fs::path(".") : file_.parent_path();
  made_folder_ = fs::create_directories(folder, ec);
  if (ec) {
    problem_ = "cannot create " + folder.string() + " (" + ec.message() + ")";
    return;
  }
  // As replace_cache_file: never through a link put in the temporary file's place.
  fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd_ < 0) fail("cannot create " + temporary_.string());
}

CacheFileWriter::~CacheFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (committed_) return;
  std::error_code ec;
  fs::remove(temporary_, ec);
  // And the folder it made, unless something else was put there since: a first build that
  // fails leaves no empty cache folder beside its output.
  if (made_folder_) fs::remove(temporary_.parent_path(), ec);
}

void CacheFileWriter::fail(const std::string& what) {
  if (problem_.empty()) problem_ = what + " (" + std::strerror(errno) + ")";
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void CacheFileWriter::append(std::string_view bytes) {
  if (!ok() || sealed_) return;
  checksum_.add(bytes);
  if (!write_fully(fd_, bytes)) fail("cannot write " + temporary_.string());
}

void CacheFileWriter::seal() {
  if (!ok() || sealed_) return;
  char sum[8];
  const uint64_t value = checksum_.value();
  for (size_t i = 0; i < sizeof sum; ++i) sum[i] = static_cast<char>(value >> (8 * i));
  append(std::string_view(sum, sizeof sum));
  sealed_ = true;
  if (!ok()) return;
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("cannot write " + temporary_.string());
}

bool CacheFileWriter::commit() {
  if (ok() && !sealed_) problem_ = "cannot replace " + file_.string() + " (its file was not sealed)";
  if (ok() && ::rename(temporary_.c_str(), file_.c_str()) != 0) fail("cannot replace " + file_.string());
  committed_ = ok();
  if (!committed_) {
    std::error_code ec;
    fs::remove(temporary_, ec);
  }
  return committed_;
}

}  // namespace scrutiny
