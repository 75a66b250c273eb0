#include "work_tree.h"

#include <git2.h>

#include <system_error>

#include "libgit2_runtime.h"

namespace scrutiny {
namespace fs = std::filesystem;

std::optional<fs::path> find_work_tree(const fs::path& path) {
  start_libgit2();
  std::error_code ec;
  fs::path dir = fs::absolute(path, ec);
  if (ec) return std::nullopt;
  // A deleted file (or folder) still has history: start from the nearest folder that exists.
  while (!fs::is_directory(dir, ec) && dir.has_relative_path()) dir = dir.parent_path();
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, dir.c_str(), 0, nullptr) != 0) return std::nullopt;
  const char* workdir = git_repository_workdir(repo);
  std::optional<fs::path> found;
  // workdir ends in '/': its parent_path() is the folder itself.
  if (workdir) found = fs::weakly_canonical(fs::path(workdir).parent_path(), ec);
  git_repository_free(repo);
  if (ec) return std::nullopt;
  return found;
}

}  // namespace scrutiny
