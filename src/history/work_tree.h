#pragma once
// Finding the git work tree that holds a path, as git does from inside it.

#include <filesystem>
#include <optional>

namespace scrutiny {

// The top folder of the git work tree holding `path` (a file or folder, absolute or relative
// to the current directory; it need not exist), found by looking upward from it as git does.
// Canonical (symlinks resolved). Nothing outside a repository or in a bare one.
std::optional<std::filesystem::path> find_work_tree(const std::filesystem::path& path);

}  // namespace scrutiny
