#pragma once
// `scrutiny init DIR`: a new portal repository, ready to check, build and commit.

#include <ostream>
#include <string>
#include <vector>

namespace scrutiny {

// `args` are the words after `init`: DIR (a new or empty folder). Writes portal.toml, one
// example document of each type (from the archetypes), .gitignore and a CI workflow that
// checks every push, prints each path, then makes the first commit when git is on the PATH.
// Returns 0 on success, 1 when DIR holds files already, 2 for bad usage.
int run_init_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace scrutiny
