#pragma once
// `scrutiny theme export DIR`: writes the built-in theme out, for a council to customise.

#include <ostream>
#include <string>
#include <vector>

namespace scrutiny {

// `args` are the words after `theme`. Writes every file of the built-in theme, byte for byte,
// under DIR (templates/ and assets/), refusing when any of them exists already. Returns 0 on
// success, 1 when a file exists or cannot be written, 2 for bad usage.
int run_theme_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace scrutiny
