#pragma once
// What HistoryIndex::open read from git, commit by commit, without the repository, so the next
// open reads only the commits it lacks: `serve` keeps it in memory between rebuilds, `build`
// in a file beside its output (OutputFolder::cache_folder).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cache_file.h"

namespace scrutiny {

// The commits of one HistoryIndex and the changes it derived from each; immutable once made.
class HistorySnapshot {
 public:
  struct Data;  // history_snapshot_data.h

  HistorySnapshot();
  explicit HistorySnapshot(std::shared_ptr<const Data> data);
  ~HistorySnapshot();
  HistorySnapshot(const HistorySnapshot&);
  HistorySnapshot& operator=(const HistorySnapshot&);
  HistorySnapshot(HistorySnapshot&&) noexcept;
  HistorySnapshot& operator=(HistorySnapshot&&) noexcept;

  bool empty() const;
  size_t commit_count() const;
  // How many creations of a file it knows where `git log --follow` went from (rename or not).
  size_t follows_known() const;
  const Data* data() const { return data_.get(); }

  // The file's envelope (cache_file.h). Its version is bumped whenever what open() derives
  // from a commit, or how it is written, changes: a file of another version is read again from
  // git rather than trusted. 2: sealed with cache_file_checksum.
  static constexpr CacheFileFormat kFileFormat{"scrutiny history-index\n", 2, "history index file"};

  // The file's bytes: the records, sealed in kFileFormat's envelope.
  std::string encode() const;
  // Nothing, with `problem` saying why, unless `bytes` are exactly what encode() of this
  // version wrote. The bytes are untrusted: every count, index and length is checked.
  static std::optional<HistorySnapshot> decode(std::string_view bytes, std::string& problem);

  // Writes `file` atomically: a temporary file beside it, then a rename over it.
  bool save(const std::filesystem::path& file, std::string& problem) const;
  // Nothing, with `problem` saying why, when the file is missing, unreadable or not whole.
  static std::optional<HistorySnapshot> load(const std::filesystem::path& file, std::string& problem);

 private:
  std::shared_ptr<const Data> data_;
};

}  // namespace scrutiny
