#include "output_folder.h"

#include <fstream>
#include <system_error>
#include <unistd.h>

#include "site_path.h"

namespace scrutiny {
namespace fs = std::filesystem;

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

OutputFolder::OutputFolder(fs::path destination) : destination_(std::move(destination)) {
  std::error_code ec;
  fs::path parent = destination_.parent_path();
  if (parent.empty()) parent = ".";
  fs::create_directories(parent, ec);
  // The staging folder sits beside the destination so the final rename stays on one filesystem.
  staging_ = parent / ("." + destination_.filename().string() + ".staging-" + std::to_string(::getpid()));
  fs::remove_all(staging_, ec);
  ok_ = fs::create_directory(staging_, ec) && !ec;
}

OutputFolder::~OutputFolder() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

bool OutputFolder::prepare(std::string_view path, Diagnostics& diags, fs::path& full) {
  if (!is_safe_output_path(path)) {
    std::lock_guard lock(mutex_);
    diags.error(std::string(path), 0, "", "refused to write outside the output folder");
    return false;
  }
  full = staging_ / fs::path(std::string(path));
  std::error_code ec;
  fs::create_directories(full.parent_path(), ec);
  if (ec) {
    std::lock_guard lock(mutex_);
    diags.error(full.generic_string(), 0, "", "cannot create folder: " + ec.message());
    return false;
  }
  return true;
}

void OutputFolder::write(std::string_view path, std::string_view content, Diagnostics& diags) {
  fs::path full;
  if (!prepare(path, diags, full)) return;
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  std::lock_guard lock(mutex_);
  if (!out) diags.error(full.generic_string(), 0, "", "cannot write this file: check disk space and permissions");
  ++files_;
}

void OutputFolder::copy_file(const fs::path& from, std::string_view path, Diagnostics& diags) {
  fs::path full;
  if (!prepare(path, diags, full)) return;
  std::error_code ec;
  fs::copy_file(from, full, fs::copy_options::overwrite_existing, ec);
  std::lock_guard lock(mutex_);
  if (ec) diags.error(from.generic_string(), 0, "", "cannot copy this file: " + ec.message());
  ++files_;
}

bool OutputFolder::commit(Diagnostics& diags) {
  write(kSiteMarker, "This folder was built by scrutiny and is replaced by each build.\n", diags);
  std::error_code ec;
  fs::path old = staging_;
  old += ".old";
  bool had_old = fs::exists(destination_, ec);
  if (had_old) {
    fs::rename(destination_, old, ec);
    if (ec) {
      diags.error(destination_.generic_string(), 0, "", "cannot replace the old site: " + ec.message());
      return false;
    }
  }
  fs::rename(staging_, destination_, ec);
  if (ec) {
    diags.error(destination_.generic_string(), 0, "", "cannot move the new site into place: " + ec.message());
    if (had_old) fs::rename(old, destination_, ec);
    return false;
  }
  committed_ = true;
  if (had_old) fs::remove_all(old, ec);
  return true;
}

}  // namespace scrutiny
