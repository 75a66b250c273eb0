#pragma once
// Builds the site into a temporary folder beside the destination and swaps it in only when
// the whole build succeeded, so readers never see a half-written site.

#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

#include "diagnostic.h"

namespace scrutiny {

// A site being written. Files go to a staging folder until commit().
class OutputFolder {
 public:
  // Refuses (with an error) a destination that exists, is not empty and was not built by
  // scrutiny, so a mistyped --out never deletes someone's files.
  static bool check_destination(const std::filesystem::path& destination, Diagnostics& diags);

  explicit OutputFolder(std::filesystem::path destination);
  ~OutputFolder();  // removes the staging folder unless committed
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  bool ok() const { return ok_; }
  const std::filesystem::path& staging() const { return staging_; }

  // Writes one file; `path` is relative to the site root. Safe to call from several threads.
  // Paths that would leave the site are refused with an error.
  void write(std::string_view path, std::string_view content, Diagnostics& diags);
  void copy_file(const std::filesystem::path& from, std::string_view path, Diagnostics& diags);

  size_t files_written() const { return files_; }

  // Replaces the destination with the staging folder.
  bool commit(Diagnostics& diags);

 private:
  bool prepare(std::string_view path, Diagnostics& diags, std::filesystem::path& full);

  std::filesystem::path destination_;
  std::filesystem::path staging_;
  bool ok_ = false;
  bool committed_ = false;
  std::mutex mutex_;
  size_t files_ = 0;
};

// Marker file that tells scrutiny a folder holds a site it built and may replace.
inline constexpr const char* kSiteMarker = ".scrutiny-site";

}  // namespace scrutiny
