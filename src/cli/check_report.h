#pragma once
// How `check` and `build` report what they found: the --format option, and file paths made
// relative to the repository for tools that match them to a merge request's changed lines.

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "diagnostic.h"
#include "diagnostic_report.h"

namespace scrutiny {

// Takes `--format NAME` or `--format=NAME` out of `args` into `format`. Returns a message
// for the user when the option has no value or an unknown one.
std::optional<std::string> take_format_option(std::vector<std::string>& args, ReportFormat& format);

// Writes every diagnostic, sorted by file and line. Text goes to `err`, as it always has;
// a report for tools goes to `out`, alone, with each file path relative to the top of the git
// repository holding `content_dir` (relative to the current directory outside a repository).
void report_diagnostics(const Diagnostics& diags, ReportFormat format,
                        const std::filesystem::path& content_dir, std::ostream& out,
                        std::ostream& err);

}  // namespace scrutiny
