#pragma once
// Maps a request's path to a file of a built site, refusing anything outside it.

#include <filesystem>
#include <optional>
#include <string>

namespace scrutiny {

// The file under `site` that `url_path` (already percent-decoded, starting with '/') names:
// a folder gives its index.html. Nothing when the path is not a plain relative path inside the
// site (a ".." or "." part, a backslash, a control character), when it leads outside the site through a link,
// or when there is no such file.
std::optional<std::filesystem::path> served_file(const std::filesystem::path& site, const std::string& url_path);

// The Content-Type for a file, from its extension.
std::string content_type_for(const std::filesystem::path& file);

}  // namespace scrutiny
