// `check --format` and `build --format` end to end: what goes to which stream, paths relative
// to the repository, and unchanged exit codes.

#include "check_report.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <sstream>

#include "command_line.h"
#include "test_support.h"

namespace scrutiny {
namespace {
namespace fs = std::filesystem;

const fs::path kTheme = fs::path(SCRUTINY_SOURCE_DIR) / "themes/default";

struct Run {
  int status;
  std::string out, err;
};

Run run_in(const fs::path& cwd, const std::vector<std::string>& args) {
  fs::path old = fs::current_path();
  fs::current_path(cwd);
  std::ostringstream out, err;
  int status = run_command_line(args, out, err);
  fs::current_path(old);
  return {status, out.str(), err.str()};
}

// A portal in `portal/` (a git repository when `git` is true) whose action a2.md lacks a
// required field.
void write_broken_portal(const test::TempDir& dir, bool git) {
  test::write_minimal_portal(dir, "portal/content");
  dir.write("portal/content/actions/a2.md", "+++\ntype = \"action\"\ntitle = \"x\"\n+++\n");
  fs::create_directories(dir.path() / "elsewhere");
  if (git)
    REQUIRE(std::system(("git init -q " + (dir.path() / "portal").string()).c_str()) == 0);
}

}  // namespace

TEST_CASE("check --format: paths relative to the repository, from any directory") {
  test::TempDir dir;
  write_broken_portal(dir, true);
  std::string content = (dir.path() / "portal/content").string();
  fs::path elsewhere = dir.path() / "elsewhere";
  std::vector<std::string> check = {"check", "--content", content, "--theme", kTheme.string()};

  auto with = [&](std::vector<std::string> args, std::vector<std::string> more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  Run json = run_in(elsewhere, with(check, {"--format", "json"}));
  CHECK(json.status == 1);
  CHECK(json.out.rfind("{\n  \"errors\": 5,\n  \"warnings\": 0,", 0) == 0);
  CHECK(json.out.find("\"file\": \"content/actions/a2.md\",\n      \"line\": 1,\n"
                      "      \"severity\": \"error\",\n      \"key\": \"theme\",") != std::string::npos);
  // Only the summary goes to standard error.
  CHECK(json.err == "5 errors, 0 warnings: fix them and check again.\n");

  Run github = run_in(elsewhere, with(check, {"--format=github"}));
  CHECK(github.status == 1);
  CHECK(github.out.rfind("::error file=content/actions/a2.md,line=1,title=scrutiny%3A theme::missing required field", 0) == 0);

  Run gitlab = run_in(dir.path() / "portal/content/actions", with(check, {"--format=gitlab"}));
  CHECK(gitlab.status == 1);
  CHECK(gitlab.out.rfind("[\n  {\n    \"description\": \"theme: missing required field", 0) == 0);
  CHECK(gitlab.out.find("\"path\": \"content/actions/a2.md\"") != std::string::npos);

  // Text is as it always was: the path as given, on standard error.
  Run text = run_in(elsewhere, check);
  CHECK(text.status == 1);
  CHECK(text.out.empty());
  CHECK(text.err.find(content + "/actions/a2.md:1: error: theme: missing required field") != std::string::npos);
  CHECK(run_in(elsewhere, with(check, {"--format=text"})).err == text.err);

  // Clean content: the report is still written (empty), exit code 0, summary on stderr.
  fs::remove(dir.path() / "portal/content/actions/a2.md");
  Run clean = run_in(elsewhere, with(check, {"--format", "gitlab"}));
  CHECK(clean.status == 0);
  CHECK(clean.out == "[]\n");
  CHECK(clean.err.rfind("Checked: no errors", 0) == 0);
}

TEST_CASE("check --format: outside a repository paths stay as given; bad values are usage errors") {
  test::TempDir dir;
  write_broken_portal(dir, false);
  fs::path elsewhere = dir.path() / "elsewhere";
  Run json = run_in(elsewhere, {"check", "--content", "../portal/content", "--theme", kTheme.string(),
                                "--format", "json"});
  CHECK(json.status == 1);
  CHECK(json.out.find("\"file\": \"../portal/content/actions/a2.md\"") != std::string::npos);

  Run bad = run_in(elsewhere, {"check", "--format", "xml"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("unknown format 'xml': use text, json, github or gitlab") != std::string::npos);
  CHECK(run_in(elsewhere, {"check", "--format"}).status == 2);
  CHECK(run_in(elsewhere, {"check", "--help"}).out.find("--format FORMAT") != std::string::npos);
}

TEST_CASE("build --format: the report alone on standard output, the summary on standard error") {
  test::TempDir dir;
  write_broken_portal(dir, true);
  fs::remove(dir.path() / "portal/content/actions/a2.md");
  Run built = run_in(dir.path() / "portal", {"build", "--content", "content", "--theme", kTheme.string(),
                                             "--out", (dir.path() / "site").string(), "--format=json"});
  CHECK(built.status == 0);
  CHECK(built.out.rfind("{\n  \"errors\": 0,", 0) == 0);
  CHECK(built.err.find("Built ") != std::string::npos);
  CHECK(fs::exists(dir.path() / "site/index.html"));
}

TEST_CASE("take_format_option: removes the option, keeps the rest") {
  std::vector<std::string> args = {"--content", "c", "--format", "github", "--theme", "t"};
  ReportFormat format = ReportFormat::text;
  CHECK_FALSE(take_format_option(args, format));
  CHECK(format == ReportFormat::github);
  CHECK(args == std::vector<std::string>{"--content", "c", "--theme", "t"});
  args = {"--format=json"};
  CHECK_FALSE(take_format_option(args, format));
  CHECK(format == ReportFormat::json);
  CHECK(args.empty());
}

}  // namespace scrutiny
