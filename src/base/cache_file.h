#pragma once
// The files a build keeps for the next one (beside its output: OutputFolder::cache_folder), read
// and written the one safe way: read whole, within a size limit and never through a link;
// replaced atomically, so a killed build leaves the old file or the new one, never half of one.

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

}  // namespace scrutiny
