#pragma once
// `scrutiny serve`: a live preview of the content while it is edited.

#include <ostream>
#include <string>
#include <vector>

namespace scrutiny {

// `args` are the words after `serve`. Serves until SIGINT (Ctrl+C) or SIGTERM, then removes
// its builds and returns 0; returns 1 when it cannot serve (the port is taken, say), 2 for bad
// usage. What it does goes to `err`, a line per build.
int run_serve_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace scrutiny
