#include "libgit2_runtime.h"

#include <git2.h>

#include <mutex>

namespace scrutiny {

void start_libgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // libgit2 re-hashes (with collision-detecting SHA-1) every object it reads; git itself
    // only checks hashes when objects arrive (fetch, fsck). Reading 20,000 commits' trees,
    // that check was the largest single cost of HistoryIndex::open. Objects are still found
    // by id. Set here, once, because the option is global: the content and the history are
    // read on different threads at once.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    // Nor does it keep the objects it parsed in a cache of its own (per repository, up to 256
    // MiB): the history keeps the trees it reads itself (ObjectReader), and each commit, blob
    // and document is read once. Off, a national portal's `check` and build took the same
    // time with about 20 MiB less memory (246-250 against 266-268 MiB for check).
    git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
    // Nor does it keep the whole pack mapped: by default it maps a pack in windows of 1 GiB,
    // up to 8 GiB, so every page of it the history reads stays resident to the end of the
    // build (75 MiB of a national portal's 67 MB pack, through all the pages). In 8 MiB
    // windows, at most 32 MiB mapped, the least recently used are unmapped: a full build at
    // 5,000 x 20,000 peaked at 386-416 against 448-461 MiB, for twice the minor page faults
    // (about a second more system time) as pages are mapped again from the page cache.
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, size_t{8} << 20);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, size_t{32} << 20);
  });
}

}  // namespace scrutiny
