#pragma once
// Diagnostics written for a reader: plain text for people, or a report for tools (JSON,
// GitHub Actions annotations, a GitLab Code Quality report). docs/checking.md describes each.

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace scrutiny {

// The forms `check --format` and `build --format` can write.
enum class ReportFormat { text, json, github, gitlab };

// "text", "json", "github" or "gitlab"; nothing for any other name.
std::optional<ReportFormat> parse_report_format(std::string_view name);

// Writes `diags` (in the order given) as `format`. `unplaced_path` stands in, in a GitLab
// report (which needs a path for every issue), for diagnostics that name no file.
void write_report(const std::vector<Diagnostic>& diags, ReportFormat format, std::ostream& out,
                  const std::string& unplaced_path = ".");

// GitHub workflow-command escaping: the message part (%, CR, LF) and a property value
// (also ',' and ':').
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

// A stable fingerprint of a diagnostic (file, line, key, message): 16 hex digits of 64-bit
// FNV-1a, the same in every run and version, so GitLab can tell new issues from old.
std::string diagnostic_fingerprint(const Diagnostic& d);

}  // namespace scrutiny
