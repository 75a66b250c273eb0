#include "committed_content.h"

#include <git2.h>

#include <algorithm>

#include "input_boundary.h"
#include "libgit2_runtime.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

template <typename T, void (*Free)(T*)>
struct GitFree {
  void operator()(T* p) const { Free(p); }
};
using RepoPtr = std::unique_ptr<git_repository, GitFree<git_repository, git_repository_free>>;
using TreePtr = std::unique_ptr<git_tree, GitFree<git_tree, git_tree_free>>;
using EntryPtr = std::unique_ptr<git_tree_entry, GitFree<git_tree_entry, git_tree_entry_free>>;
using OdbPtr = std::unique_ptr<git_odb, GitFree<git_odb, git_odb_free>>;
using StatusPtr = std::unique_ptr<git_status_list, GitFree<git_status_list, git_status_list_free>>;

}  // namespace

struct CommittedContent::Impl {
  RepoPtr repo;
  OdbPtr odb;
  std::string commit_id;
  std::string prefix;  // the content folder's path in the repository: "" or ending in '/'
  TreePtr folder;      // HEAD's tree at `prefix`; null when HEAD does not hold the folder

  // The tree at `rel` under the content folder ("" for the folder itself), or null.
  TreePtr subtree(const std::string& rel) const {
    if (!folder) return nullptr;
    git_tree* out = nullptr;
    if (rel.empty()) {
      git_tree_dup(&out, folder.get());
      return TreePtr(out);
    }
    git_tree_entry* raw = nullptr;
    if (git_tree_entry_bypath(&raw, folder.get(), rel.c_str()) != 0) return nullptr;
    EntryPtr entry(raw);
    if (git_tree_entry_type(raw) != GIT_OBJECT_TREE) return nullptr;
    if (git_tree_lookup(&out, repo.get(), git_tree_entry_id(raw)) != 0) return nullptr;
    return TreePtr(out);
  }
};

CommittedContent::CommittedContent(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CommittedContent::CommittedContent(CommittedContent&&) noexcept = default;
CommittedContent& CommittedContent::operator=(CommittedContent&&) noexcept = default;
CommittedContent::~CommittedContent() = default;

std::optional<CommittedContent> CommittedContent::open(const fs::path& content_dir) {
  start_libgit2();
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(content_dir, ec), ec);
  if (ec || !fs::is_directory(abs, ec)) return std::nullopt;
  auto impl = std::make_unique<Impl>();
  git_repository* raw_repo = nullptr;
  if (git_repository_open_ext(&raw_repo, abs.c_str(), 0, nullptr) != 0) return std::nullopt;
  impl->repo.reset(raw_repo);
  const char* workdir = git_repository_workdir(raw_repo);
  if (!workdir) return std::nullopt;
  const fs::path work = fs::weakly_canonical(fs::path(workdir), ec);
  const std::string rel = abs.lexically_relative(work).generic_string();
  if (rel.empty() || rel.rfind("..", 0) == 0) return std::nullopt;
  if (rel != ".") impl->prefix = rel + "/";

  git_oid head;
  if (git_repository_head_unborn(raw_repo) == 1 || git_reference_name_to_id(&head, raw_repo, "HEAD") != 0)
    return std::nullopt;
  git_commit* commit = nullptr;
  if (git_commit_lookup(&commit, raw_repo, &head) != 0) return std::nullopt;
  git_tree* root = nullptr;
  int failed = git_commit_tree(&root, commit);
  git_commit_free(commit);
  if (failed) return std::nullopt;
  impl->commit_id = git_oid_tostr_s(&head);
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, raw_repo) != 0) {
    git_tree_free(root);
    return std::nullopt;
  }
  impl->odb.reset(odb);
  impl->folder.reset(root);
  if (!impl->prefix.empty()) impl->folder = impl->subtree(impl->prefix.substr(0, impl->prefix.size() - 1));
  return CommittedContent(std::move(impl));
}

const std::string& CommittedContent::commit_id() const { return impl_->commit_id; }

bool CommittedContent::has_folder() const { return impl_->folder != nullptr; }

bool CommittedContent::is_folder(const std::string& rel) const { return impl_->subtree(rel) != nullptr; }

std::vector<CommittedContent::Listed> CommittedContent::list_files(
    const std::string& dir, const std::function<bool(const std::string& rel, bool is_folder)>& skip) const {
  std::vector<Listed> out;
  TreePtr start = impl_->subtree(dir);
  if (!start) return out;
  std::function<void(const git_tree*, const std::string&)> walk = [&](const git_tree* tree,
                                                                      const std::string& rel_dir) {
    for (size_t i = 0, n = git_tree_entrycount(tree); i < n; ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(tree, i);
      const std::string rel = (rel_dir.empty() ? "" : rel_dir + "/") + git_tree_entry_name(e);
      switch (git_tree_entry_type(e)) {
        case GIT_OBJECT_TREE: {
          if (skip(rel, true)) break;
          git_tree* sub = nullptr;
          if (git_tree_lookup(&sub, impl_->repo.get(), git_tree_entry_id(e)) != 0) break;
          TreePtr held(sub);
          walk(sub, rel);
          break;
        }
        case GIT_OBJECT_BLOB:
          if (skip(rel, false)) break;
          out.push_back({rel, git_oid_tostr_s(git_tree_entry_id(e)), git_tree_entry_filemode(e) == GIT_FILEMODE_LINK});
          break;
        default:  // a submodule: another repository's commit, not a file of this one
          break;
      }
    }
  };
  walk(start.get(), "");
  // Git orders a folder as if its name ended in '/'; the disk reader's order is by path.
  std::sort(out.begin(), out.end(), [](const Listed& a, const Listed& b) { return a.rel < b.rel; });
  return out;
}

std::optional<std::string> CommittedContent::read_file(const Listed& file, const std::string& display,
                                                       std::uintmax_t max_bytes,
                                                       const std::function<std::string(std::uintmax_t)>& too_large,
                                                       Diagnostics& diags) const {
  // A committed link is only the text of a path, which could lead anywhere on the build
  // machine: it is never followed, as the disk reader never follows one out of the repository.
  if (file.link) {
    diags.error(display, 0, "",
                "this is committed as a symbolic link, which scrutiny does not follow: replace the link with "
                "the file it points to and commit that");
    return std::nullopt;
  }
  git_oid id;
  size_t size = 0;
  git_object_t type{};
  if (git_oid_fromstr(&id, file.blob.c_str()) != 0 || git_odb_read_header(&size, &type, impl_->odb.get(), &id) != 0) {
    diags.error(display, 0, "", "cannot read this file from the repository: run git fsck to check the repository");
    return std::nullopt;
  }
  // Checked before reading, so an oversized blob never fills memory.
  if (size > max_bytes) {
    diags.error(display, 0, "", too_large(size));
    return std::nullopt;
  }
  git_blob* blob = nullptr;
  if (git_blob_lookup(&blob, impl_->repo.get(), &id) != 0) {
    diags.error(display, 0, "", "cannot read this file from the repository: run git fsck to check the repository");
    return std::nullopt;
  }
  std::string text(static_cast<const char*>(git_blob_rawcontent(blob)), static_cast<size_t>(git_blob_rawsize(blob)));
  git_blob_free(blob);
  return text;
}

std::vector<UncommittedFile> CommittedContent::uncommitted_files() const {
  std::vector<UncommittedFile> out;
  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
               GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  std::string folder = impl_->prefix.empty() ? "" : impl_->prefix.substr(0, impl_->prefix.size() - 1);
  char* spec = folder.data();
  if (!folder.empty()) {
    opts.pathspec = {&spec, 1};
    opts.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
  }
  git_status_list* raw = nullptr;
  if (git_status_list_new(&raw, impl_->repo.get(), &opts) != 0) return out;
  StatusPtr list(raw);
  for (size_t i = 0, n = git_status_list_entrycount(raw); i < n; ++i) {
    const git_status_entry* e = git_status_byindex(raw, i);
    const unsigned s = e->status;
    // Staged and then removed from the disk: neither committed nor there to publish.
    if ((s & GIT_STATUS_INDEX_NEW) && (s & GIT_STATUS_WT_DELETED)) continue;
    const git_diff_delta* d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
    if (!d) continue;
    UncommittedFile f;
    if (s & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED)) f.change = UncommittedFile::Change::deleted;
    else if (s & (GIT_STATUS_WT_NEW | GIT_STATUS_INDEX_NEW)) f.change = UncommittedFile::Change::added;
    const char* path = f.change == UncommittedFile::Change::deleted ? d->old_file.path : d->new_file.path;
    if (!path) continue;
    std::string p = path;
    if (p.compare(0, impl_->prefix.size(), impl_->prefix) != 0) continue;
    f.rel = p.substr(impl_->prefix.size());
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(), [](const UncommittedFile& a, const UncommittedFile& b) { return a.rel < b.rel; });
  return out;
}

void warn_uncommitted(const std::vector<UncommittedFile>& files, const fs::path& content_dir, Diagnostics& diags) {
  if (files.empty()) return;
  // Named one by one up to a point: a whole new folder of documents is named by its first few.
  constexpr size_t kNamed = 20;
  std::string names;
  for (size_t i = 0; i < files.size() && i < kNamed; ++i) {
    const UncommittedFile& f = files[i];
    names += (i == 0 ? "" : ", ") + display_join(content_dir, f.rel) + " (" +
             (f.change == UncommittedFile::Change::modified ? "changed"
              : f.change == UncommittedFile::Change::added  ? "new"
                                                             : "deleted") +
             ")";
  }
  if (files.size() > kNamed) names += " and " + std::to_string(files.size() - kNamed) + " more (git status lists them)";
  diags.warning("", 0, "",
                std::to_string(files.size()) + (files.size() == 1 ? " file has" : " files have") +
                    " changes that are not committed, and only what is committed is published, so these "
                    "changes are left out: " + names +
                    ". Commit them to publish them, or preview them with scrutiny serve (or build --working-tree)");
}

}  // namespace scrutiny
