#pragma once
// Helpers shared by the doctest suites: throwaway folders and a checker for built sites.

#include <filesystem>
#include <string>
#include <vector>

#include "site_builder.h"

namespace scrutiny::test {

// A fresh folder under the system temp folder, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to path()/rel, creating folders.
  void write(const std::string& rel, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& p);

// Problems with one HTML page's structure: unbalanced or misnested tags, unquoted
// attributes, stray '<'. Empty when the page is well formed.
std::vector<std::string> html_wellformedness_problems(const std::string& html);

// Every internal href/src in every .html file under `site` that does not resolve to a file
// (or, with a #fragment, to an element id in that file), as "page: target".
std::vector<std::string> broken_internal_links(const std::filesystem::path& site);

// A minimal valid portal: settings, an inspection, a recommendation, a plan, a theme, an
// action and an update, all cross-referenced.
void write_minimal_portal(const TempDir& dir, const std::string& content = "content");

// An action for the minimal portal, answering recommendations/r1 and owned by Head of Service:
// `placing` puts it in a theme or plan (`theme = "plan/themes/a"`, `plan = "plan/q"`, or both
// on two lines; empty for neither), with a 2023 plan's dates.
std::string action_document(const std::string& title, const std::string& placing, const std::string& status = "on-track");

// Runs `git ARGS` in `repo` as the Improvement Programme Office <ipo@example.org>, authored and
// committed at `date` (ISO 8601 with its offset), with no user or system git settings; its
// output is dropped and the test fails unless it succeeds.
void git_dated(const std::filesystem::path& repo, const std::string& args, const std::string& date);

// A valid action, every line numbered in a comment, for tests that change one line and expect
// messages at that line.
extern const std::string kNumberedAction;

// `s` with the first `from` replaced by `to` (which must be there).
std::string replace_first(std::string s, const std::string& from, const std::string& to);

// Makes `dir` a git repository with one commit of everything in it, dated in 2024 so that a
// build reading it would be as at that date, not the content's own latest date.
void commit_everything(const TempDir& dir);

// The usual build of a test portal: `content` (dir/content unless given) into dir/site, with the
// built-in theme. Change what a test needs (read_history, as_at...) before build_cleanly.
BuildOptions build_options(const TempDir& dir, const std::filesystem::path& content = {});

// Builds as `options` say and requires that no problem found is an error (showing them all in
// the test's output when one is). Returns the site's folder.
std::filesystem::path build_cleanly(const BuildOptions& options);

// What one run of the command line (run_command_line) returned and printed.
struct Run {
  int status;
  std::string out, err;
};
Run run(const std::vector<std::string>& args);

// A kept file's `bytes` (cache_file.h's envelope) with their trailer sealed again over the
// changed bytes before it, so that damaged records reach the decoder's checks.
void reseal_envelope(std::string& bytes);

}  // namespace scrutiny::test
