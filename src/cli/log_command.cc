#include "log_command.h"

#include <filesystem>
#include <system_error>

#include "diagnostic.h"
#include "history_index.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "usage: scrutiny log [--content DIR] PATH\n"
    "\n"
    "Lists the commits that changed PATH, newest first, following renames: the same\n"
    "commits as `git log --follow --format=%H -- PATH`.\n"
    "\n"
    "  PATH           a file, relative to the current directory\n"
    "  --content DIR  the content folder (default: content, or the current directory\n"
    "                 if there is no content folder)\n"
    "  --help         show this help\n";

int usage_error(std::ostream& err, const std::string& message) {
  err << "scrutiny log: " << message << "\n" << kUsage;
  return 2;
}

}  // namespace

int run_log_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> paths;
  std::string content;
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!options_done && (a == "--help" || a == "-h")) {
      out << kUsage;
      return 0;
    } else if (!options_done && a == "--") {
      options_done = true;
    } else if (!options_done && a == "--content") {
      if (i + 1 >= args.size()) return usage_error(err, "--content needs a folder");
      content = args[++i];
    } else if (!options_done && a.rfind("--content=", 0) == 0) {
      content = a.substr(10);
    } else if (!options_done && a.size() > 1 && a[0] == '-') {
      return usage_error(err, "unknown option " + a);
    } else {
      paths.push_back(a);
    }
  }
  if (paths.size() != 1)
    return usage_error(err, paths.empty() ? "give the path of a file" : "give only one path");
  if (content.empty()) {
    std::error_code ec;
    content = fs::is_directory("content", ec) ? "content" : ".";
  }
  if (content.empty()) return usage_error(err, "--content needs a folder");

  std::error_code ec;
  fs::path content_abs = fs::weakly_canonical(fs::absolute(content, ec), ec);
  fs::path path_abs = fs::weakly_canonical(fs::absolute(paths[0], ec), ec);
  if (ec) {
    err << "scrutiny log: cannot resolve " << paths[0] << ": " << ec.message() << "\n";
    return 1;
  }
  fs::path rel = path_abs.lexically_relative(content_abs);

  Diagnostics diags;
  HistoryIndex index = HistoryIndex::open(content, diags);
  for (const Diagnostic& d : diags.sorted()) err << format_diagnostic(d) << "\n";
  if (!index.available()) return 1;

  std::vector<FileRevision> revisions;
  if (!rel.empty()) revisions = index.revisions_of(rel.generic_string());
  if (revisions.empty()) {
    err << "scrutiny log: " << paths[0] << " has no history\n";
    return 1;
  }
  const std::vector<CommitInfo>& commits = index.commits();
  for (const FileRevision& r : revisions) out << commits[r.commit].id << "\n";
  return 0;
}

}  // namespace scrutiny
