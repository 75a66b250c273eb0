#pragma once
// Opening a file of a site folder by its path inside it, so that nothing in the folder (a
// symbolic link planted in a published site, say) can lead the open anywhere else.

#include <string_view>

namespace scrutiny {

// Opens `path` beneath the folder open as `root`, refusing symbolic links anywhere on the way
// and anything that would leave the folder or its file system; O_NOFOLLOW, O_NONBLOCK (a pipe
// must not block) and O_CLOEXEC are added to `flags`; `mode` is a created file's. -1, with errno
// set, when it cannot.
int open_beneath(int root, std::string_view path, int flags, unsigned mode = 0);

}  // namespace scrutiny
