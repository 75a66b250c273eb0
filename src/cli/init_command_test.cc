#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>

#include "command_line.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

bool has_git() { return std::system("command -v git >/dev/null 2>&1") == 0; }

// Standard output of a shell command.
std::string output_of(const std::string& command) {
  std::string text;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[256];
    while (size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
    pclose(p);
  }
  return text;
}

// Sets an environment variable for one scope, restoring it afterwards.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(std::string n, const char* value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) old = v;
    value ? setenv(name.c_str(), value, 1) : unsetenv(name.c_str());
  }
  ~ScopedEnv() { old ? setenv(name.c_str(), old->c_str(), 1) : unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("init: a portal repository that passes check and builds, committed, never over files") {
  TempDir dir;
  const fs::path portal = dir.path() / "portal";
  Run made = run({"init", portal.string()});
  INFO(made.err);
  REQUIRE(made.status == 0);
  for (const char* rel : {"portal.toml", ".gitignore", ".github/workflows/check.yml", "actions/a01.md", "new-page.md"})
    CHECK(made.out.find((portal / rel).generic_string() + "\n") != std::string::npos);
  size_t documents = 0;
  for (const auto& e : fs::recursive_directory_iterator(portal))
    if (e.path().extension() == ".md") ++documents;
  CHECK(documents == 7);
  CHECK(read_file(portal / ".gitignore").find("\nsite/\n") != std::string::npos);
  CHECK(read_file(portal / ".gitignore").find("\n.site.*\n") != std::string::npos);
  CHECK(read_file(portal / ".github/workflows/check.yml").find("scrutiny check --content . --format github") !=
        std::string::npos);

  Run checked = run({"check", "--content", portal.string()});
  INFO(checked.err);
  CHECK(checked.status == 0);
  CHECK(checked.out.find("no errors, 0 warnings") != std::string::npos);
  CHECK(run({"build", "--content", portal.string(), "--out", (dir.path() / "site").string()}).status == 0);

  if (has_git()) {
    CHECK(made.out.find("committed with git") != std::string::npos);
    const std::string git = "git -C '" + portal.string() + "' ";
    CHECK(output_of(git + "log --format=%s") == "Start the portal (scrutiny init)\n");
    CHECK(output_of(git + "status --porcelain").empty());
  }

  // At the top of the new repository, new needs no --content.
  const fs::path old_cwd = fs::current_path();
  fs::current_path(portal);
  Run added = run({"new", "action"});
  fs::current_path(old_cwd);
  CHECK(added.status == 0);
  CHECK(added.out == "actions/a02.md\n");
  CHECK(run({"check", "--content", portal.string()}).status == 0);

  Run again = run({"init", portal.string()});
  CHECK(again.status == 1);
  CHECK(again.err.find("not an empty folder") != std::string::npos);
  CHECK(run({"init"}).status == 2);
}

TEST_CASE("init: with no git identity set up, the first commit is by a neutral \"scrutiny init\"") {
  if (!has_git()) return;
  TempDir dir;
  ScopedEnv global("GIT_CONFIG_GLOBAL", "/dev/null"), system("GIT_CONFIG_NOSYSTEM", "1"),
      author("GIT_AUTHOR_NAME", nullptr), author_email("GIT_AUTHOR_EMAIL", nullptr),
      committer("GIT_COMMITTER_NAME", nullptr), committer_email("GIT_COMMITTER_EMAIL", nullptr);
  REQUIRE(run({"init", (dir.path() / "portal").string()}).status == 0);
  CHECK(output_of("git -C '" + (dir.path() / "portal").string() + "' log --format='%an <%ae>'") ==
        "scrutiny init <scrutiny-init@localhost>\n");
}
