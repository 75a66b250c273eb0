#pragma once
// The files a build keeps for the next one (beside its output: OutputFolder::cache_folder), read
// and written the one safe way: read whole, within a size limit and never through a link;
// replaced atomically, so a killed build leaves the old file or the new one, never half of one;
// and sealed, so a damaged or foreign file is refused before its records are read.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace scrutiny {

// The whole of `file`, or nothing with `problem` saying why: missing, a link, not a regular
// file, larger than `max_bytes`, or not read to its end.
std::optional<std::string> read_cache_file(const std::filesystem::path& file, uint64_t max_bytes,
                                           std::string& problem);

// Writes `bytes` to a temporary file beside `file` (making its folder first), then renames it
// over `file`. False, with `problem` saying why, when any step fails; the temporary file is gone.
bool replace_cache_file(const std::filesystem::path& file, std::string_view bytes, std::string& problem);

// The temporary file a kept file is written to before it is renamed over `file`: beside it, so
// the rename stays on one file system, and named for this process, so two never share one.
std::filesystem::path temporary_cache_file(const std::filesystem::path& file);

// One kind of kept file: the line it starts with, the version of its records' format (bumped
// whenever what it holds or how it is written changes) and what a problem calls it.
struct CacheFileFormat {
  std::string_view magic;  // such as "scrutiny history-index\n"
  uint32_t version;
  std::string_view name;  // such as "history index file"
};

// Every kept file is sealed in one envelope: its magic line, its format version (u32, little
// endian), its records, then cache_file_checksum of all before it (u64, little endian).
// Begins an envelope in `out`: the magic line and format version, the records to follow.
void open_envelope(std::string& out, const CacheFileFormat& format);
// Ends the envelope: appends the checksum of all of `out`.
void seal_envelope(std::string& out);
// The records sealed in `bytes`, or nothing with `problem` saying why: not a file of this
// kind, written in another format version, or damaged or cut short (its checksum differs).
std::optional<std::string_view> unseal_envelope(std::string_view bytes, const CacheFileFormat& format,
                                                std::string& problem);
// The envelope's checksum: FNV-1a over 8-byte words, with a shift to carry high bits down.
// Catches a file cut short or changed on disk, where bounds checks alone would accept a wrong
// id or mode.
uint64_t cache_file_checksum(std::string_view bytes);

// cache_file_checksum of bytes given a piece at a time, for a file sealed as it is written
// (CacheFileWriter): the same value as of all the pieces joined, wherever they were split.
class CacheFileChecksum {
 public:
  CacheFileChecksum();
  void add(std::string_view bytes);
  // Of every byte added so far.
  uint64_t value() const;

 private:
  uint64_t hash_;  // of the whole words added
  uint64_t length_ = 0;
  unsigned char word_[8] = {};  // the start of a word not yet whole
  size_t word_bytes_ = 0;
};

}  // namespace scrutiny
