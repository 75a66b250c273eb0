#pragma once
// `scrutiny log PATH`: the commits that changed one file, following renames, newest first.

#include <ostream>
#include <string>
#include <vector>

namespace scrutiny {

// `args` are the words after `log`: one PATH (absolute, or relative to the current
// directory), optionally `--format=%H`, or `--help`. The repository is the one holding PATH,
// wherever the command is run. Prints the same commits in the same order as
// `git log --follow --format=%H -- PATH`: one line per commit (date, author, subject, short
// hash, in aligned columns), or with `--format=%H` one full commit id per line.
// Returns 0 on success, 1 when PATH is outside a repository or has no history, 2 for bad usage.
int run_log_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace scrutiny
