// `scrutiny log PATH` run from inside and outside the repository, against git itself.

#include "log_command.h"

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "test_support.h"

namespace scrutiny {
namespace {
namespace fs = std::filesystem;

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs git in `dir` with no user configuration; returns its standard output.
std::string git(const fs::path& dir, const std::string& args, const std::string& env = "") {
  std::string command = "cd " + quoted(dir.string()) +
                        " && env -u GIT_DIR -u GIT_WORK_TREE GIT_CONFIG_NOSYSTEM=1 "
                        "GIT_CONFIG_GLOBAL=/dev/null HOME=/nonexistent " +
                        env + " git -c commit.gpgsign=false " + args + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int status = pclose(pipe);
  CHECK_MESSAGE((WIFEXITED(status) && WEXITSTATUS(status) == 0), "git " << args);
  return out;
}

void commit(const fs::path& repo, const std::string& author, const std::string& date,
            const std::string& subject) {
  git(repo, "add -A");
  std::string who = "GIT_AUTHOR_NAME=" + quoted(author) + " GIT_AUTHOR_EMAIL=a@example.org " +
                    "GIT_COMMITTER_NAME=C GIT_COMMITTER_EMAIL=c@example.org " +
                    "GIT_AUTHOR_DATE=" + quoted(date) + " GIT_COMMITTER_DATE=" + quoted(date);
  git(repo, "commit -q -m " + quoted(subject), who);
}

struct LogRun {
  int status;
  std::string out, err;
};

LogRun log_from(const fs::path& cwd, const std::vector<std::string>& args) {
  fs::path old = fs::current_path();
  fs::current_path(cwd);
  std::ostringstream out, err;
  int status = run_log_command(args, out, err);
  fs::current_path(old);
  return {status, out.str(), err.str()};
}

// A portal repository with a document edited, renamed and edited again by two authors.
struct PortalRepo {
  test::TempDir tmp;
  fs::path repo = tmp.path() / "portal";
  fs::path elsewhere = tmp.path() / "elsewhere";
  PortalRepo() {
    fs::create_directories(repo);
    fs::create_directories(elsewhere);
    git(repo, "init -q -b main");
    tmp.write("portal/content/actions/a01.md", "one\ntwo\nthree\nfour\n");
    tmp.write("portal/content/portal.toml", "title = 'x'\n");
    commit(repo, "Programme Office", "2024-01-10T09:00:00+00:00", "Add action A01");
    git(repo, "mv content/actions/a01.md content/actions/a01-audit.md");
    commit(repo, "Jo Bloggs", "2024-02-01T09:00:00+00:00", "Rename A01");
    tmp.write("portal/content/actions/a01-audit.md", "one\ntwo\nthree\nfour\nfive\n");
    commit(repo, "Programme Office", "2024-02-21T23:30:00-01:00", "Record February update");
  }
};

TEST_CASE("log: one aligned line per revision, newest first, found from the path") {
  PortalRepo p;
  std::string expected_ids = git(p.repo, "log --follow --format=%H -- content/actions/a01-audit.md");
  std::string ids[3];
  std::istringstream(expected_ids) >> ids[0] >> ids[1] >> ids[2];
  REQUIRE(ids[2].size() == 40);

  LogRun r = log_from(p.repo, {"content/actions/a01-audit.md"});
  CHECK(r.status == 0);
  // The author's own date (23:30 at UTC-1 is still the 21st there), author and subject
  // padded to the widest, then the short id.
  CHECK(r.out ==
        "2024-02-21  Programme Office  Record February update  " + ids[0].substr(0, 7) + "\n"
        "2024-02-01  Jo Bloggs         Rename A01              " + ids[1].substr(0, 7) + "\n"
        "2024-01-10  Programme Office  Add action A01          " + ids[2].substr(0, 7) + "\n");
}

TEST_CASE("log: --format=%H prints what git log --follow --format=%H prints, from anywhere") {
  PortalRepo p;
  std::string expected = git(p.repo, "log --follow --format=%H -- content/actions/a01-audit.md");
  fs::path file = p.repo / "content/actions/a01-audit.md";
  // From the top of the repository, a subfolder, another folder (relative and absolute paths).
  CHECK(log_from(p.repo, {"--format=%H", "content/actions/a01-audit.md"}).out == expected);
  CHECK(log_from(p.repo / "content", {"--format", "%H", "./actions/a01-audit.md"}).out == expected);
  CHECK(log_from(p.repo / "content/actions", {"a01-audit.md", "--format=%H"}).out == expected);
  LogRun relative = log_from(p.elsewhere, {"--format=%H", "../portal/content/actions/a01-audit.md"});
  CHECK(relative.status == 0);
  CHECK(relative.out == expected);
  LogRun absolute = log_from(p.elsewhere, {"--format=%H", file.string()});
  CHECK(absolute.status == 0);
  CHECK(absolute.out == expected);
  // The one-line form from elsewhere lists the same commits.
  CHECK(log_from(p.elsewhere, {file.string()}).out == log_from(p.repo, {file.string()}).out);
  // Older scripts that still name the content folder get the same answer.
  CHECK(log_from(p.repo, {"--content", "content", "--format=%H", "content/actions/a01-audit.md"}).out ==
        expected);
  // A file outside the content folder has history too.
  CHECK(log_from(p.elsewhere, {"--format=%H", (p.repo / "content/portal.toml").string()}).out ==
        git(p.repo, "log --follow --format=%H -- content/portal.toml"));
}

TEST_CASE("log: outside a repository, an unknown file and bad usage") {
  PortalRepo p;
  LogRun outside = log_from(p.elsewhere, {"notes.md"});
  CHECK(outside.status == 1);
  CHECK(outside.out.empty());
  CHECK(outside.err.find("notes.md is not in a git repository") != std::string::npos);
  CHECK(outside.err.find("inside the portal's repository") != std::string::npos);

  LogRun missing = log_from(p.elsewhere, {(p.repo / "content/actions/missing.md").string()});
  CHECK(missing.status == 1);
  CHECK(missing.out.empty());
  CHECK(missing.err.find("missing.md has no history") != std::string::npos);
  CHECK(missing.err.find("git add") != std::string::npos);

  CHECK(log_from(p.repo, {}).status == 2);
  CHECK(log_from(p.repo, {"a", "b"}).status == 2);
  CHECK(log_from(p.repo, {"--bogus", "a"}).status == 2);
  CHECK(log_from(p.repo, {"--format=%h", "a"}).status == 2);
  CHECK(log_from(p.repo, {"a", "--format"}).status == 2);
  LogRun help = log_from(p.repo, {"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("usage: scrutiny log") != std::string::npos);
}

TEST_CASE("log: a repository with no commits yet") {
  test::TempDir tmp;
  git(tmp.path(), "init -q -b main");
  tmp.write("a.md", "x\n");
  LogRun r = log_from(tmp.path(), {"a.md"});
  CHECK(r.status == 1);
  CHECK(r.err.find("no commits yet") != std::string::npos);
}

}  // namespace
}  // namespace scrutiny
