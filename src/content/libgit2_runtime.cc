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
    // The pack stays mapped as libgit2 maps it by default (windows of 1 GiB), so every page of
    // it the history reads stays resident to the end of the build. Capped at 32 MiB in 8 MiB
    // windows, a full build at 5,000 x 20,000 peaked about 60 MiB lower (375-388 against
    // 435-448 MiB) but took 1.0 to 1.5 s longer (8.4-8.7 against 7.1-7.6 s), remapping pages
    // of the pack as the history walks it; a 64 MiB cap saved nothing. Time won.
  });
}

}  // namespace scrutiny
