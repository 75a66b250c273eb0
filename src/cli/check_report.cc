#include "check_report.h"

#include <system_error>

#include "work_tree.h"

namespace scrutiny {
namespace fs = std::filesystem;

std::optional<std::string> take_format_option(std::vector<std::string>& args, ReportFormat& format) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string value;
    size_t words = 1;
    if (args[i] == "--format") {
      if (i + 1 >= args.size()) return "option --format needs a value: text, json, github or gitlab";
      value = args[i + 1];
      words = 2;
    } else if (args[i].rfind("--format=", 0) == 0) {
      value = args[i].substr(9);
    } else {
      continue;
    }
    std::optional<ReportFormat> parsed = parse_report_format(value);
    if (!parsed) return "unknown format '" + value + "': use text, json, github or gitlab";
    format = *parsed;
    args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i + words));
    --i;
  }
  return std::nullopt;
}

namespace {

// `path` relative to `root` when it lies inside it; otherwise as it was given.
std::string relative_to(const fs::path& root, const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  if (ec) return path;
  // The folder's symlinks are resolved, as the repository root's are; not the file's own.
  fs::path folder = fs::weakly_canonical(abs.parent_path(), ec);
  if (ec) return path;
  fs::path rel = (abs.has_filename() ? folder / abs.filename() : folder).lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return path;
  return rel.generic_string();
}

}  // namespace

void report_diagnostics(const Diagnostics& diags, ReportFormat format, const fs::path& content_dir,
                        std::ostream& out, std::ostream& err) {
  std::vector<Diagnostic> sorted = diags.sorted();
  if (format == ReportFormat::text) {
    write_report(sorted, format, err);
    return;
  }
  std::string unplaced = content_dir.generic_string();
  if (std::optional<fs::path> root = find_work_tree(content_dir)) {
    for (Diagnostic& d : sorted)
      if (!d.file.empty()) d.file = relative_to(*root, d.file);
    unplaced = relative_to(*root, content_dir.string());
  }
  write_report(sorted, format, out, unplaced);
}

}  // namespace scrutiny
