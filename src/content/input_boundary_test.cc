#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>

#include "input_boundary.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

// The one error resolve() gave for `rel`, or "" when it accepted it.
std::string refusal(const InputBoundary& boundary, const TempDir& dir, const std::string& rel) {
  Diagnostics diags;
  auto real = boundary.resolve(dir.path() / "repo" / rel, "repo/" + rel, diags);
  if (real) return diags.all().empty() ? "" : "accepted with a diagnostic";
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.all()[0].file == "repo/" + rel);
  return diags.all()[0].message;
}

}  // namespace

TEST_CASE("input boundary: links inside are followed; out, into .git, to nothing or in a loop are refused") {
  TempDir dir;
  dir.write("repo/.git/config", "[remote \"origin\"] url = https://token@example.org/x\n");
  dir.write("repo/shared/a.md", "shared");
  dir.write("secret.txt", "private");
  fs::create_symlink("shared/a.md", dir.path() / "repo/inside.md");
  fs::create_symlink("../secret.txt", dir.path() / "repo/outside.md");
  fs::create_symlink("/etc/passwd", dir.path() / "repo/passwd.css");
  fs::create_symlink(".git/config", dir.path() / "repo/config.md");
  fs::create_symlink("missing.md", dir.path() / "repo/dangling.md");
  fs::create_symlink("loop-b.md", dir.path() / "repo/loop-a.md");
  fs::create_symlink("loop-a.md", dir.path() / "repo/loop-b.md");
  fs::create_symlink(dir.path(), dir.path() / "repo/up");
  InputBoundary boundary(dir.path() / "repo", "the repository");

  CHECK(refusal(boundary, dir, "inside.md") == "");
  CHECK(refusal(boundary, dir, "outside.md").find("leads outside the repository") != std::string::npos);
  CHECK(refusal(boundary, dir, "passwd.css").find("(to /etc/passwd)") != std::string::npos);
  CHECK(refusal(boundary, dir, "up/secret.txt").find("leads outside") != std::string::npos);
  CHECK(refusal(boundary, dir, "config.md").find(".git folder") != std::string::npos);
  CHECK(refusal(boundary, dir, "dangling.md").find("leads to nothing (missing.md does not exist)") !=
        std::string::npos);
  std::string loop = refusal(boundary, dir, "loop-a.md");
  CHECK(loop.find("symbolic link loop") != std::string::npos);
  CHECK(loop.find("outside") == std::string::npos);
}

TEST_CASE("input boundary: around_content is the git work tree holding the content, else the content folder") {
  TempDir dir;
  dir.write("repo/.git/HEAD", "ref: refs/heads/main\n");
  dir.write("repo/content/a.md", "a");
  dir.write("repo/README.md", "r");
  CHECK(InputBoundary::around_content(dir.path() / "repo/content").root() == fs::canonical(dir.path() / "repo"));
  dir.write("plain/content/a.md", "a");
  CHECK(InputBoundary::around_content(dir.path() / "plain/content").root() ==
        fs::canonical(dir.path() / "plain/content"));
}

TEST_CASE("input boundary: read_file refuses folders and pipes, and never reads through a refused link") {
  TempDir dir;
  dir.write("repo/folder/x", "x");
  fs::create_symlink("/proc/self/environ", dir.path() / "repo/environ.mustache");
  InputBoundary boundary(dir.path() / "repo", "the theme folder");
  Diagnostics diags;
  CHECK_FALSE(boundary.read_file(dir.path() / "repo/folder", "repo/folder", diags));
  CHECK_FALSE(boundary.read_file(dir.path() / "repo/environ.mustache", "repo/environ.mustache", diags));
  REQUIRE(diags.error_count() == 2);
  CHECK(diags.all()[0].message.find("folder, not a file") != std::string::npos);
  CHECK(diags.all()[1].message.find("outside the theme folder") != std::string::npos);
  CHECK(diags.all()[1].message.find("copy the file into the theme folder") != std::string::npos);
}

TEST_CASE("input boundary: list_files walks in order, skips as told and does not follow links to folders") {
  TempDir dir;
  dir.write("repo/b/c.md", "c");
  dir.write("repo/a.md", "a");
  dir.write("repo/.hidden/d.md", "d");
  dir.write("elsewhere/e.md", "e");
  fs::create_symlink("b", dir.path() / "repo/b-again");
  fs::create_symlink("../elsewhere", dir.path() / "repo/out");
  InputBoundary boundary(dir.path() / "repo", "the repository");
  Diagnostics diags;
  auto hidden = [](const std::string& rel, bool) { return rel[0] == '.'; };
  auto files = boundary.list_files(dir.path() / "repo", "repo", hidden, diags);
  REQUIRE(files.size() == 2);
  CHECK(files[0].rel == "a.md");
  CHECK(files[1].rel == "b/c.md");
  CHECK(files[1].real == fs::canonical(dir.path() / "repo/b/c.md"));
  REQUIRE(diags.all().size() == 2);
  CHECK(diags.all()[0].file == "repo/b-again");
  CHECK(diags.all()[0].severity == Severity::warning);
  CHECK(diags.all()[1].file == "repo/out");
  CHECK(diags.all()[1].message.find("outside the repository") != std::string::npos);
}

TEST_CASE("input boundary: read_listed reads a listed file whole, not one over the limit, and no link or pipe put in its place") {
  TempDir dir;
  dir.write("repo/a.md", "alpha\n");
  dir.write("repo/big.md", std::string(100, 'x'));
  dir.write("repo/shared/s.md", "shared\n");
  dir.write("repo/swapped.md", "listed\n");
  dir.write("repo/piped.md", "listed\n");
  dir.write("secret.txt", "private");
  fs::create_symlink("shared/s.md", dir.path() / "repo/inside.md");
  InputBoundary boundary(dir.path() / "repo", "the repository");
  Diagnostics diags;
  auto files = boundary.list_files(dir.path() / "repo", "repo", [](const std::string&, bool) { return false; }, diags);
  auto listed = [&](const std::string& rel) {
    for (const auto& f : files)
      if (f.rel == rel) return f;
    FAIL("not listed: " << rel);
    return files.front();
  };
  REQUIRE(diags.all().empty());

  InputBoundary::ListedText a = boundary.read_listed(listed("a.md"), 1000, "repo/a.md", diags);
  REQUIRE(a.text);
  CHECK(*a.text == "alpha\n");
  InputBoundary::ListedText linked = boundary.read_listed(listed("inside.md"), 1000, "repo/inside.md", diags);
  REQUIRE(linked.text);
  CHECK(*linked.text == "shared\n");
  // Over the limit: its size, nothing read, and the caller's message to give.
  InputBoundary::ListedText big = boundary.read_listed(listed("big.md"), 99, "repo/big.md", diags);
  CHECK_FALSE(big.text);
  CHECK(big.too_large == 100);
  CHECK(boundary.read_listed(listed("big.md"), 100, "repo/big.md", diags).text == std::string(100, 'x'));
  CHECK(diags.all().empty());

  // Replaced after the walk: a link out is not followed, a pipe is not opened for reading.
  fs::remove(dir.path() / "repo/swapped.md");
  fs::create_symlink("../secret.txt", dir.path() / "repo/swapped.md");
  CHECK_FALSE(boundary.read_listed(listed("swapped.md"), 1000, "repo/swapped.md", diags).text);
  fs::remove(dir.path() / "repo/piped.md");
  REQUIRE(::mkfifo((dir.path() / "repo/piped.md").c_str(), 0600) == 0);
  CHECK_FALSE(boundary.read_listed(listed("piped.md"), 1000, "repo/piped.md", diags).text);
  REQUIRE(diags.error_count() == 2);
  CHECK(diags.all()[0].file == "repo/swapped.md");
  CHECK(diags.all()[1].message.find("not an ordinary file") != std::string::npos);
}
