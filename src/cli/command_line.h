#pragma once
// The `scrutiny` command line: sub-commands, their options, help and exit codes.

#include <ostream>
#include <string>
#include <vector>

namespace scrutiny {

// Exit codes shared by every command.
enum ExitCode { kExitOk = 0, kExitContentErrors = 1, kExitUsage = 2 };

// Runs `scrutiny ARGS...` (args excludes the program name) and returns the exit code.
int run_command_line(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace scrutiny
