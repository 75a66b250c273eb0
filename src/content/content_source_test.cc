#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "portal.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

// Every diagnostic of loading `content`, one formatted line each.
std::vector<std::string> load_messages(const fs::path& content) {
  Diagnostics diags;
  load_portal(content, diags);
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.sorted()) out.push_back(format_diagnostic(d));
  return out;
}

bool any_contains(const std::vector<std::string>& lines, const std::string& text) {
  for (const std::string& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

// load_messages() as an ordinary user: root reads any folder, so a permissions test run as root
// drops to "nobody" in a child process first. Lines come back through a pipe.
std::vector<std::string> load_messages_unprivileged(const fs::path& content) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(2);
    std::string all;
    for (const std::string& l : load_messages(content)) all += l + "\n";
    ssize_t written = write(fds[1], all.data(), all.size());
    _exit(written == static_cast<ssize_t>(all.size()) ? 0 : 3);
  }
  close(fds[1]);
  std::string all;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) all.append(buf, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  std::vector<std::string> lines;
  for (size_t pos = 0, nl; (nl = all.find('\n', pos)) != std::string::npos; pos = nl + 1)
    lines.push_back(all.substr(pos, nl - pos));
  return lines;
}

}  // namespace

TEST_CASE("content: a document linked from outside the repository is refused and never read") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::create_directories(dir.path() / "content/.git");
  dir.write("private.md", "+++\ntype = \"page\"\ntitle = \"Private\"\n+++\nSECRET\n");
  fs::create_symlink(dir.path() / "private.md", dir.path() / "content/leak.md");
  fs::create_symlink("/etc/passwd", dir.path() / "content/passwd.md");
  Diagnostics diags;
  Portal portal = load_portal(dir.path() / "content", diags);
  CHECK(diags.error_count() == 2);
  for (const Document& d : portal.documents) CHECK(d.title != "Private");
  auto lines = load_messages(dir.path() / "content");
  CHECK(any_contains(lines, "content/leak.md: error: symbolic link leads outside the repository"));
  CHECK(any_contains(lines, "content/passwd.md: error: symbolic link leads outside the repository (to /etc/passwd)"));
}

TEST_CASE("content: a symbolic link loop is called a loop, not a link outside the repository") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::create_symlink("b.md", dir.path() / "content/a.md");
  fs::create_symlink("a.md", dir.path() / "content/b.md");
  auto lines = load_messages(dir.path() / "content");
  CHECK(any_contains(lines, "/content/a.md: error: symbolic link loop"));
  CHECK_FALSE(any_contains(lines, "outside"));
}

TEST_CASE("content: portal.toml linked from outside the repository is refused, not called missing") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::create_directories(dir.path() / "content/.git");
  fs::remove(dir.path() / "content/portal.toml");
  dir.write("settings.toml", "title = \"Elsewhere\"\nauthority = \"Elsewhere\"\n");
  fs::create_symlink("../settings.toml", dir.path() / "content/portal.toml");
  auto lines = load_messages(dir.path() / "content");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("content/portal.toml: error: symbolic link leads outside the repository") != std::string::npos);
}

TEST_CASE("content: portal.toml that is a folder is reported as a folder, not as missing") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::remove(dir.path() / "content/portal.toml");
  fs::create_directories(dir.path() / "content/portal.toml");
  auto lines = load_messages(dir.path() / "content");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("content/portal.toml: error: this is a folder") != std::string::npos);
  CHECK_FALSE(any_contains(lines, "not found"));
}

TEST_CASE("content: an unreadable subfolder is named, and the rest (portal.toml included) is still read") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/aaa/locked.md", "# Locked\n");
  fs::permissions(dir.path() / "content/aaa", fs::perms::none);
  auto lines = load_messages_unprivileged(dir.path() / "content");
  fs::permissions(dir.path() / "content/aaa", fs::perms::owner_all);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("content/aaa: error: cannot read this folder") != std::string::npos);
  CHECK_FALSE(any_contains(lines, "portal.toml"));
}
