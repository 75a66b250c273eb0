#pragma once
// A kept file (cache_file.h) written as it is made, for one too large to hold whole in memory
// first: its bytes go to the temporary file beside it as they come, summed for the envelope's
// checksum on the way, and it replaces the file only once committed.

#include <filesystem>
#include <string>
#include <string_view>

#include "cache_file.h"

namespace scrutiny {

// Writes one kept file through its temporary file (temporary_cache_file). Until commit() the
// file itself is untouched, and the temporary file (and the folder, if the writer made it and
// it is empty) is removed when the writer goes, so a build that fails or publishes nothing
// leaves the old file as it was and nothing beside it.
class CacheFileWriter {
 public:
  // Creates the temporary file, and the folder it goes in; ok() says whether that worked.
  explicit CacheFileWriter(std::filesystem::path file);
  ~CacheFileWriter();
  CacheFileWriter(const CacheFileWriter&) = delete;
  CacheFileWriter& operator=(const CacheFileWriter&) = delete;

  // False once any step failed; problem() says which and why, and nothing more is written.
  bool ok() const { return problem_.empty(); }
  const std::string& problem() const { return problem_; }

  // Writes `bytes` straight to the file: the caller buffers, a few MiB at a time.
  void append(std::string_view bytes);
  // Ends the envelope begun by the bytes appended (open_envelope's): appends the checksum of
  // all of them, as seal_envelope does, and closes the file.
  void seal();
  // Renames the sealed file over the kept one. False, with problem() saying why, when it was
  // not written whole or cannot be renamed; the temporary file is gone either way.
  bool commit();

 private:
  void fail(const std::string& what);  // records the problem, with errno's words

  std::filesystem::path file_, temporary_;
  int fd_ = -1;
  bool made_folder_ = false, sealed_ = false, committed_ = false;
  CacheFileChecksum checksum_;
  std::string problem_;
};

}  // namespace scrutiny
