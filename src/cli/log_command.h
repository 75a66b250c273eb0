#pragma once
// `scrutiny log PATH`: the commits that changed one file, following renames, newest first.

#include <ostream>
#include <string>
#include <vector>

namespace scrutiny {

// `args` are the words after `log`: one PATH (relative to the current directory, as git takes
// it), optionally `--content DIR` (default: ./content if it exists, else the current
// directory), or `--help`. Prints one full commit id per line, the same commits in the same
// order as `git log --follow --format=%H -- PATH`.
// Returns 0 on success, 1 when the path has no history, 2 for bad usage.
int run_log_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace scrutiny
