#include "log_command.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "date.h"
#include "diagnostic.h"
#include "history_index.h"
#include "work_tree.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "usage: scrutiny log [--format=%H] PATH\n"
    "\n"
    "Lists the commits that changed PATH, newest first, following renames: the same\n"
    "commits as `git log --follow -- PATH`, one a line with the date, author, subject and\n"
    "short commit id:\n"
    "\n"
    "  2024-02-21  Programme Office  Record February update  685c1de\n"
    "\n"
    "  PATH           a file, absolute or relative to the current directory; the git\n"
    "                 repository holding it is found wherever you run the command\n"
    "  --format=%H    print only full commit ids, one a line, as\n"
    "                 `git log --follow --format=%H -- PATH` does (for scripts)\n"
    "  --help         show this help\n";

int usage_error(std::ostream& err, const std::string& message) {
  err << "scrutiny log: " << message << "\n\n" << kUsage;
  return 2;
}

// Characters as a terminal counts them, near enough: UTF-8 code points.
size_t display_width(const std::string& text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string padded(const std::string& text, size_t width) {
  size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

// Per commit, the shortest prefix of its id (at least 7, as git's default) that no other
// commit in the history shares, so `git show ID` finds it.
std::vector<size_t> short_id_lengths(const std::vector<CommitInfo>& commits) {
  std::vector<size_t> order(commits.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return commits[a].id < commits[b].id; });
  std::vector<size_t> length(commits.size(), 7);
  for (size_t k = 1; k < order.size(); ++k) {
    const std::string& a = commits[order[k - 1]].id;
    const std::string& b = commits[order[k]].id;
    size_t common = static_cast<size_t>(std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first - a.begin());
    length[order[k - 1]] = std::max(length[order[k - 1]], common + 1);
    length[order[k]] = std::max(length[order[k]], common + 1);
  }
  return length;
}

// PATH made absolute with its folder's symlinks resolved, but not PATH's own: git follows a
// symlink's own history, not its target's.
fs::path resolve(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  if (!abs.has_filename()) abs = abs.parent_path();  // "folder/"
  fs::path folder = fs::weakly_canonical(abs.parent_path(), ec);
  return folder / abs.filename();
}

}  // namespace

int run_log_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> paths;
  bool full_ids = false;
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!options_done && (a == "--help" || a == "-h")) {
      out << kUsage;
      return 0;
    } else if (!options_done && a == "--") {
      options_done = true;
    } else if (!options_done && (a == "--format" || a.rfind("--format=", 0) == 0)) {
      std::string format;
      if (a == "--format") {
        if (i + 1 >= args.size()) return usage_error(err, "--format needs a value: --format=%H");
        format = args[++i];
      } else {
        format = a.substr(9);
      }
      if (format != "%H") return usage_error(err, "the only format is --format=%H (full commit ids)");
      full_ids = true;
    } else if (!options_done && (a == "--content" || a.rfind("--content=", 0) == 0)) {
      // Older scripts name the content folder; the repository is now found from PATH.
      if (a == "--content" && ++i >= args.size()) return usage_error(err, "--content needs a folder");
    } else if (!options_done && a.size() > 1 && a[0] == '-') {
      return usage_error(err, "unknown option " + a);
    } else {
      paths.push_back(a);
    }
  }
  if (paths.size() != 1)
    return usage_error(err, paths.empty() ? "give the path of a file" : "give only one path");
  const std::string& shown = paths[0];

  fs::path file = resolve(shown);
  std::optional<fs::path> root = find_work_tree(file);
  fs::path in_repo = root ? file.lexically_relative(*root) : fs::path();
  if (!root || in_repo.empty() || *in_repo.begin() == "..") {
    err << "scrutiny log: " << shown << " is not in a git repository, so it has no history.\n"
        << "Give the path of a document inside the portal's repository (the folder you cloned\n"
        << "or ran `git init` in), for example: scrutiny log PORTAL/content/actions/a01.md\n";
    return 1;
  }

  // The index is opened on the file's own folder: a walk limited to one folder is cheaper
  // than one over the whole content, and renames from elsewhere are still followed.
  fs::path folder = file.parent_path();
  std::error_code ec;
  while (folder != *root && !fs::is_directory(folder, ec)) folder = folder.parent_path();
  Diagnostics diags;
  HistoryIndex index = HistoryIndex::open(folder, diags);
  if (!index.available()) {
    err << "scrutiny log: the repository holding " << shown
        << " has no commits yet: commit the document first (git add, then git commit).\n";
    return 1;
  }
  for (const Diagnostic& d : diags.sorted()) err << format_diagnostic(d) << "\n";

  std::vector<FileRevision> revisions = index.revisions_of(file.lexically_relative(folder).generic_string());
  if (revisions.empty()) {
    err << "scrutiny log: " << shown << " has no history: no commit has changed it. Check the\n"
        << "spelling, or commit it first (git add " << shown << ", then git commit).\n";
    return 1;
  }
  const std::vector<CommitInfo>& commits = index.commits();
  if (full_ids) {
    for (const FileRevision& r : revisions) out << commits[r.commit].id << "\n";
    return 0;
  }
  std::vector<size_t> id_length = short_id_lengths(commits);
  size_t author_width = 0, subject_width = 0;
  for (const FileRevision& r : revisions) {
    author_width = std::max(author_width, display_width(commits[r.commit].author_name));
    subject_width = std::max(subject_width, display_width(commits[r.commit].summary));
  }
  for (const FileRevision& r : revisions) {
    const CommitInfo& c = commits[r.commit];
    out << Date::from_unix(c.author_time, c.author_offset).iso() << "  "
        << padded(c.author_name, author_width) << "  " << padded(c.summary, subject_width) << "  "
        << c.id.substr(0, id_length[r.commit]) << "\n";
  }
  return 0;
}

}  // namespace scrutiny
