#include <doctest/doctest.h>

#include <cstdlib>

#include "preview_builds.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

TEST_CASE("preview builds: each build in a folder of its own, the old one removed once unused, all removed at the end") {
  TempDir dir, tmp;
  write_minimal_portal(dir);
  const char* before = std::getenv("TMPDIR");
  std::string saved = before ? before : "";
  setenv("TMPDIR", tmp.path().c_str(), 1);
  {
    BuildOptions options;
    options.content_dir = dir.path() / "content";
    options.read_history = false;
    PreviewBuilds builds(options);
    REQUIRE(builds.ok());
    auto first = builds.rebuild();
    REQUIRE(first->site);
    CHECK(first->errors.empty());
    CHECK(first->generation == 1);
    const size_t first_pages_skipped = first->pages_skipped;
    const fs::path first_folder = first->site->folder();
    CHECK(fs::exists(first_folder / "index.html"));
    CHECK(first_folder.string().rfind(tmp.path().string(), 0) == 0);

    auto second = builds.rebuild();
    CHECK(second->generation == 2);
    CHECK(second->site->folder() != first_folder);
    CHECK(fs::exists(first_folder));  // a request may still be reading it
    first.reset();
    CHECK(!fs::exists(first_folder));

    dir.write("content/actions/a1.md", "+++\ntype = \"action\"\n+++\n");
    auto broken = builds.rebuild();
    CHECK(!broken->errors.empty());
    CHECK(broken->site == second->site);  // the last good build stays

    // Unchanged pages are kept from the last good build; a changed one is built again.
    CHECK(first_pages_skipped == 0);
    CHECK(second->pages_skipped == second->pages);
    write_minimal_portal(dir);
    std::string update = read_file(dir.path() / "content/updates/u1.md");
    update.replace(update.find("is good"), 7, "is very good");
    dir.write("content/updates/u1.md", update);
    auto fixed = builds.rebuild();
    REQUIRE(fixed->errors.empty());
    CHECK(fixed->pages_skipped > 0);
    CHECK(fixed->pages_skipped < fixed->pages);
    CHECK(read_file(fixed->site->folder() / "updates/u1.html").find("is very good") != std::string::npos);
  }
  CHECK(fs::is_empty(tmp.path()));
  if (before) setenv("TMPDIR", saved.c_str(), 1);
  else unsetenv("TMPDIR");
}

TEST_CASE("preview builds: serve shows the files on disk, each uncommitted document marked") {
  TempDir dir;
  write_minimal_portal(dir);
  commit_everything(dir);
  dir.write("content/about.md", "# About, being edited\n");
  BuildOptions options;
  options.content_dir = dir.path() / "content";
  PreviewBuilds builds(options);
  REQUIRE(builds.ok());
  auto state = builds.rebuild();
  REQUIRE(state->site);
  const std::string about = read_file(state->site->folder() / "about.html");
  CHECK(about.find("About, being edited") != std::string::npos);
  CHECK(about.find("<strong>Not yet committed:</strong>") != std::string::npos);
  CHECK(read_file(state->site->folder() / "actions/a1.html").find("Not yet committed") == std::string::npos);
}

TEST_CASE("preview builds: history is kept in memory across rebuilds, and only new commits are read") {
  TempDir dir, tmp;
  write_minimal_portal(dir);
  commit_everything(dir);
  const char* before = std::getenv("TMPDIR");
  std::string saved = before ? before : "";
  setenv("TMPDIR", tmp.path().c_str(), 1);
  {
    BuildOptions options;
    options.content_dir = dir.path() / "content";
    PreviewBuilds builds(options);
    REQUIRE(builds.ok());
    CHECK(builds.rebuild()->history_commits_read == 1);
    dir.write("content/about.md", "# About, being edited\n");
    auto edited = builds.rebuild();
    REQUIRE(edited->site);
    CHECK(edited->history_commits_read == 0);  // an edit does not change history
    std::string env = "cd '" + dir.path().string() +
                      "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=A "
                      "GIT_AUTHOR_EMAIL=a@example.org GIT_COMMITTER_NAME=A GIT_COMMITTER_EMAIL=a@example.org ";
    REQUIRE(std::system((env + "git add -A && " + env + "git -c commit.gpgsign=false commit -q -m 'Edit about'").c_str()) == 0);
    auto committed = builds.rebuild();
    REQUIRE(committed->site);
    CHECK(committed->history_commits_read == 1);  // HEAD moved: only the new commit
    CHECK(read_file(committed->site->folder() / "history/about/index.html").find("Edit about") != std::string::npos);
    // Kept in memory: serve leaves no history file beside its builds.
    for (const auto& e : fs::directory_iterator(fs::path(committed->site->folder()).parent_path()))
      CHECK(e.path().filename().string().find(".cache") == std::string::npos);
  }
  if (before) setenv("TMPDIR", saved.c_str(), 1);
  else unsetenv("TMPDIR");
}
